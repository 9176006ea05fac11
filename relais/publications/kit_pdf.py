"""The replication kit as PDF, typeset by Typst with the agenda's look (typst/kit.typ).

Every piece of text — from users or from translations — goes through escape_markup (as Typst
content) or string_literal (as a link target), so it shows literally and can never run code.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from relais.delivery.documents.render import compile_pdf
from relais.design.exports.agenda import DayItem, ModuleItem, duration, facts, time_range
from relais.design.exports.typst_markup import escape_markup, string_literal
from relais.publications.kit_data import Kit, QuestionItem, QuestionnaireItem

TEMPLATE = Path(__file__).parent / "typst" / "kit.typ"
CHOICE_TYPES = ("single", "multiple")


@cache
def _preamble() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def _c(text: str) -> str:
    """Text as a Typst content block: `[...]`."""
    return f"[{escape_markup(str(text))}]"


def _opt(text: str) -> str:
    return _c(text) if str(text).strip() else "none"


def _h(level: int, text: str) -> str:
    return f"{'=' * level} {escape_markup(text)}"


def _link(url: str, text: str) -> str:
    return f"link({string_literal(url)}, {_c(text)})" if url else _c(text)


def _page_label() -> str:
    label = escape_markup(_("Page %(n)s of %(total)s"))
    label = label.replace(r"\%\(n\)s", "#{current}").replace(r"\%\(total\)s", "#{total}")
    return f"#let page-label(current, total) = [{label}]"


def _values(kit: Kit, generated_on: date) -> str:
    generated = _("Generated on %(date)s") % {"date": date_format(generated_on, "DATE_FORMAT")}
    running = _("%(title)s · Replication kit") % {"title": kit.title}
    return "\n".join(
        [
            f"#let lang = {string_literal(kit.language)}",
            f"#let doc-title = {string_literal(running)}",
            f"#let running-title = {_c(running)}",
            f"#let generated-on = {_c(generated)}",
            _page_label(),
        ]
    )


def _paragraphs(text: str, empty: str) -> str:
    return escape_markup(text) if text.strip() else f"#note({_c(empty)})"


# Sections -----------------------------------------------------------------------------------------


def _design(kit: Kit) -> list[str]:
    rows = [(label, value) for label, value in facts(kit.agenda) if label != _("Each day starts at")]
    rows.insert(2, (_("Themes"), ", ".join(kit.themes) or _("None recorded")))
    rows.append((_("Status of the design"), kit.status))
    out = [
        _h(1, _("The design")),
        "#facts(" + ", ".join(f"({_c(label)}, {_c(value)})" for label, value in rows) + ")",
        _h(2, _("Target professions and seats")),
    ]
    if kit.quotas:
        header = [_("Profession"), *kit.quota_countries, _("Total")]
        n = len(kit.quota_countries)
        columns = "(1fr, " + ", ".join(["auto"] * (n + 1)) + ")"
        rows_src = ", ".join(
            "(" + ", ".join([_c(r.profession), *(_c(str(s) if s else "–") for s in r.seats), _c(str(r.total))]) + ",)"
            for r in kit.quotas
        )
        totals = [_c(_("All professions")), *(_c(str(sum(r.seats[i] for r in kit.quotas))) for i in range(n))]
        totals.append(_c(str(sum(r.total for r in kit.quotas))))
        right = "(" + ", ".join(str(i) for i in range(1, n + 2)) + ",)"
        out.append(
            f"#data-table(columns: {columns}, header: ({', '.join(_c(h) for h in header)},), "
            f"rows: ({rows_src},), numeric: {right}, total: ({', '.join(totals)},))"
        )
    else:
        out.append(f"#note({_c(_('No seats recorded yet.'))})")
    out.append(_h(2, _("Learning objectives")))
    if kit.agenda.objectives:
        rows_o = ", ".join(f"({_c(str(o.number))}, {_c(o.text)}, {_c(o.kind)})" for o in kit.agenda.objectives)
        out.append(f"#objectives({rows_o})")
    else:
        out.append(f"#note({_c(_('No learning objectives recorded yet.'))})")
    out += [_h(2, _("Needs assessment")), _paragraphs(kit.needs_assessment, _("No needs assessment recorded."))]
    if kit.sources:
        out.append(_h(3, _("Sources of the needs assessment")))
        for s in kit.sources:
            line = _link(s.url, s.title)
            if s.note:
                line += f" + [ — ] + {_c(s.note)}"
            out.append(f"- #({line})")
    out += [_h(2, _("Follow-up plan")), _paragraphs(kit.follow_up_plan, _("No follow-up plan recorded."))]
    if kit.sustainability:
        out.append(_h(3, _("Sustainability measures")))
        out += [f"- {escape_markup(s)}" for s in kit.sustainability]
    out.append(_h(2, _("Partners")))
    if kit.partners:
        out += [f"- {escape_markup(p)}" for p in kit.partners]
    else:
        out.append(f"#note({_c(_('No partner organisation recorded.'))})")
    return out


def _check(kit: Kit) -> list[str]:
    check = kit.check
    verdict = (
        _("Every required rule of the design model holds.")
        if check.passed
        else _("At least one required rule of the design model fails.")
    )
    applicable = check.n_rules - check.n_not_applicable
    detail = _("%(holding)d of the %(applicable)d rules that apply hold; %(na)d do not apply to this design.") % {
        "holding": check.n_holding,
        "applicable": applicable,
        "na": check.n_not_applicable,
    }
    out = [
        _h(1, _("Check against the design model")),
        escape_markup(
            _(
                "Relais checks every design against the rules of its design model (multidisciplinary groups, "
                "the route's countries, objectives served by the agenda, evaluation, needs assessment, follow-up, "
                "languages). The score is the weighted share of the rules that hold."
            )
        ),
        f"#score-box({_c(f'{check.score} / 100')}, {_c(verdict)}, {_c(detail)}, {'true' if check.passed else 'false'})",
    ]
    if check.failing:
        out.append(_h(2, _("Rules that fail")))
        for r in check.failing:
            fix = _c(_("To do: %(fix)s") % {"fix": r.fix}) if r.fix else "none"
            out.append(f"#rule-item({_c(r.code)}, {_c(r.title)}, {_c(r.severity)}, {_c(r.message)}, {fix})")
    return out


def _module_row(module: ModuleItem) -> str:
    materials = "stack-items(" + ", ".join(_link(m.url, m.title) for m in module.materials) + ")"
    objectives = ", ".join(str(n) for n in module.objectives)
    description = _c(module.description) if module.description.strip() else "none"
    cells = [
        f"time-cell({_c(time_range(module.start, module.end))}, {_c(duration(module.minutes))})",
        f"module-cell({_c(module.title)}, {description})",
        _c(module.method),
        _c(module.trainer_profile),
        _c(objectives),
        materials,
    ]
    return "(" + ", ".join(cells) + ",)"


def _day(day: DayItem) -> list[str]:
    if not day.modules:
        return [f"#day-heading({_c(day.heading)}, {_c(_('No modules planned for this day yet.'))})"]
    span = _("%(range)s · %(duration)s") % {"range": time_range(day.start, day.end), "duration": duration(day.minutes)}
    header = [_("Time"), _("Module"), _("Method"), _("Trainer profile"), _("Objectives"), _("Materials")]
    total = _("Day %(number)d total: %(duration)s") % {"number": day.number, "duration": duration(day.minutes)}
    return [
        f"#day-heading({_c(day.heading)}, {_c(span)})",
        f"#day-table(header: ({', '.join(_c(h) for h in header)},), "
        f"rows: ({''.join(_module_row(m) + ', ' for m in day.modules)}), total: {_c(total)})",
    ]


def _agenda(kit: Kit) -> list[str]:
    out = [_h(1, _("Agenda"))]
    if not kit.agenda.days:
        return [*out, f"#note({_c(_('The agenda has no days yet.'))})"]
    out.append(
        escape_markup(
            _("%(duration)s. Times assume days starting at 09:00; objectives are numbered as in section 1.")
            % {"duration": kit.duration}
        )
    )
    for day in kit.agenda.days:
        out += _day(day)
    return out


def _question_meta(q: QuestionItem) -> str:
    parts = [q.type_label]
    if not q.required:
        parts.append(_("optional"))
    if q.points:
        parts.append(
            ngettext("%(points)s point", "%(points)s points", 1 if q.points == "1" else 2) % {"points": q.points}
        )
    if q.objective:
        parts.append(_("objective %(number)d") % {"number": q.objective})
    if q.type == "likert":
        parts.append(_("1 = strongly disagree … 5 = strongly agree"))
    meta = " · ".join(parts)
    if q.help:
        meta = f"{meta} — {q.help}"
    return meta


def _questionnaire(item: QuestionnaireItem) -> list[str]:
    meta = ngettext("%(count)d question", "%(count)d questions", item.n_items) % {"count": item.n_items}
    if item.anonymous:
        meta += " · " + _("anonymous")
    out = [f"#questionnaire-head({_c(item.kind_label)}, {_c(item.title)}, {_c(meta)}, {_opt(item.introduction)})"]
    for block in item.blocks:
        if block.title:
            out.append(_h(3, block.title))
        for q in block.items:
            options = ", ".join(_c(o) for o in q.options) if q.type in CHOICE_TYPES else ""
            out.append(
                f"#question({_c(f'Q{q.number}')}, {_c(q.text)}, {_c(_question_meta(q))}, "
                f"({options}{',' if options else ''}))"
            )
    return out


def _evaluation(kit: Kit) -> list[str]:
    out = [_h(1, _("Evaluation")), _h(2, _("Evaluation plan"))]
    if kit.evaluation_plan:
        header = [_("Instrument"), _("When")]
        rows = ", ".join(f"({_c(a)}, {_c(b)})" for a, b in kit.evaluation_plan)
        out.append(f"#data-table(columns: (5cm, 1fr), header: ({', '.join(_c(h) for h in header)},), rows: ({rows},))")
    else:
        out.append(f"#note({_c(_('No evaluation instrument planned yet.'))})")
    if kit.evaluation_notes.strip():
        out.append(escape_markup(kit.evaluation_notes))
    out += [_h(2, _("Questionnaires")), escape_markup(kit.questionnaires_source)]
    if kit.questionnaires:
        out.append(
            "#note("
            + _c(
                _(
                    "The archive holds each questionnaire as a Word form to print; answers typed into Relais are "
                    "scored there."
                )
            )
            + ")"
        )
    for questionnaire in kit.questionnaires:
        out += _questionnaire(questionnaire)
    return out


def _materials(kit: Kit) -> list[str]:
    out = [_h(1, _("Materials"))]
    if not kit.materials:
        return [*out, f"#note({_c(_('No materials are linked to the agenda.'))})"]
    out.append(
        escape_markup(
            _(
                "Every material of the agenda. Files that may be shared — public documents of the knowledge centre "
                "and the design's own files — are in the archive's materials folder; the others are listed with the "
                "reason."
            )
        )
    )
    header = [_("Day"), _("Module"), _("Material"), _("In the archive")]
    rows = []
    for m in kit.materials:
        where = _c(m.archive_name) if m.shared and m.archive_name else _c(m.reason or _("included"))
        title = (
            f"stack-items({_link(m.url, m.title)}, text(size: 8pt, fill: muted, {_c(m.url)}))" if m.url else _c(m.title)
        )
        rows.append(f"({_c(str(m.day))}, {_c(m.module)}, {title}, {where})")
    out.append(
        f"#data-table(columns: (1.2cm, 4.6cm, 1fr, 4.4cm), header: ({', '.join(_c(h) for h in header)},), "
        f"rows: ({', '.join(rows)},), numeric: (0,))"
    )
    return out


def _lessons(kit: Kit) -> list[str]:
    out = [_h(1, _("Lessons learned"))]
    if not kit.lessons:
        return [
            *out,
            f"#note({_c(_('No validated or applied lesson has been recorded for this design or its sessions yet.'))})",
        ]
    out.append(f"#lead({_c(_('The lessons validated or applied, from this design and its sessions.'))})")
    for lesson in kit.lessons:
        parts = [(_("What happened"), lesson.what_happened)]
        if lesson.why_it_matters.strip():
            parts.append((_("Why it matters"), lesson.why_it_matters))
        if lesson.recommendation.strip():
            parts.append((_("Recommendation"), lesson.recommendation))
        parts_src = ", ".join(f"({_c(a)}, {_c(b)})" for a, b in parts)
        meta = f"{lesson.status} · {lesson.source}"
        out.append(f"#lesson({_c(lesson.title)}, {_c(meta)}, ({parts_src},))")
    return out


def _adaptation(kit: Kit) -> list[str]:
    out = [
        _h(1, _("Adaptation checklist")),
        f"#lead({_c(_('What to adapt before running the activity elsewhere. Tick each point once it is done.'))})",
    ]
    for entry in kit.adaptation:
        note = None
        if entry.done is not None:
            state = _("Done in this design") if entry.done else _("Still open in this design")
            note = f"{state}: {entry.note}" if entry.note else state
        out.append(
            f"#check-item({'true' if entry.done else 'false'}, {_c(entry.topic)}, {_c(entry.guidance)}, "
            f"{_opt(note or '')})"
        )
    return out


def _lineage(kit: Kit) -> list[str]:
    out = [_h(1, _("Lineage"))]
    if kit.replicated_from or kit.ancestors_hidden:
        out.append(_h(2, _("Replicated from")))
        out += [
            f"- {escape_markup(i.title)} #text(fill: muted)[— {escape_markup(i.programme)}]"
            for i in kit.replicated_from
        ]
        if kit.ancestors_hidden:
            hidden = ngettext(
                "and %(count)d other replication", "and %(count)d other replications", kit.ancestors_hidden
            ) % {"count": kit.ancestors_hidden}
            out.append(f"- {escape_markup(hidden)}")
    if kit.replicated_into or kit.lineage_hidden:
        out.append(_h(2, _("Replicated into")))
        out += [
            f"- {escape_markup(i.title)} #text(fill: muted)[— {escape_markup(i.programme)}]"
            for i in kit.replicated_into
        ]
        if kit.lineage_hidden:
            hidden = ngettext(
                "and %(count)d other replication", "and %(count)d other replications", kit.lineage_hidden
            ) % {"count": kit.lineage_hidden}
            out.append(f"- {escape_markup(hidden)}")
    if not (kit.replicated_from or kit.replicated_into or kit.lineage_hidden or kit.ancestors_hidden):
        out.append(
            "#note("
            + _c(
                _(
                    "This design is an original: it was not replicated from another design, and has not been "
                    "replicated yet."
                )
            )
            + ")"
        )
    return out


def kit_typst_source(kit: Kit, *, generated_on: date) -> str:
    body = [
        "#title-block(",
        f"  kicker: {_c(_('Replication kit'))},",
        f"  title: {_c(kit.title)},",
        f"  programme: {_c(kit.programme)},",
        f"  summary: {_opt(kit.summary)},",
        ")",
        f"#contents({_c(_('Contents'))})",
        *_design(kit),
        *_check(kit),
        *_agenda(kit),
        *_evaluation(kit),
        *_materials(kit),
        *_lessons(kit),
        *_adaptation(kit),
        *_lineage(kit),
    ]
    return "\n".join([_values(kit, generated_on), _preamble(), *body]) + "\n"


def kit_pdf(kit: Kit, *, generated_on: date) -> bytes:
    """The kit as a PDF document (tagged, for screen readers), in the active language."""
    return compile_pdf(kit_typst_source(kit, generated_on=generated_on))
