"""The agenda as PDF, typeset by Typst (the `typst` package: no system dependency, no network).

The look lives in agenda.typ; this module writes the values and the body after it. Every piece of
text, from users or from translations, goes through escape_markup, so it shows literally.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import typst
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais.design.exports.agenda import Agenda, DayItem, ModuleItem, duration, facts, time_range, total_duration
from relais.design.exports.typst_markup import escape_markup, string_literal

TEMPLATE = Path(__file__).with_name("agenda.typ")  # sets the one font used: Libertinus Serif, embedded


@cache
def _preamble() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


@cache
def _fonts() -> typst.Fonts:
    """The fonts embedded in the typst package, loaded once per process; system fonts are ignored
    so that the document looks the same on every machine."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


def _content(text: str) -> str:
    """Text as a Typst content block: `[...]`."""
    return f"[{escape_markup(text)}]"


def _page_label() -> str:
    """`#let page-label(current, total) = [Page #current of #total]`, translated."""
    label = escape_markup(_("Page %(n)s of %(total)s"))
    label = label.replace(r"\%\(n\)s", "#{current}").replace(r"\%\(total\)s", "#{total}")
    return f"#let page-label(current, total) = [{label}]"


def _values(agenda: Agenda) -> str:
    language = (get_language() or "en")[:2]
    generated = _("Generated on %(date)s") % {"date": date_format(agenda.generated_on, "DATE_FORMAT")}
    running = _("%(title)s · Agenda") % {"title": agenda.title}
    return "\n".join(
        [
            f"#let lang = {string_literal(language)}",
            f"#let doc-title = {string_literal(running)}",
            f"#let running-title = {_content(running)}",
            f"#let generated-on = {_content(generated)}",
            _page_label(),
        ]
    )


def _materials(module: ModuleItem) -> str:
    items = []
    for material in module.materials:
        title = _content(material.title)
        items.append(f"link({string_literal(material.url)}, {title})" if material.url else title)
    return f"materials({', '.join(items)})"


def _no_runt(text: str, *, at_least: int = 12) -> str:
    """Binds the last words of each line with no-break spaces until they make `at_least` characters
    (three words at most), so that a paragraph in a narrow column never ends on a lone short word
    ("…from the simulation of day / 2.")."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        tail = [words.pop()] if words else []
        while words and len(tail) < 3 and len(" ".join(tail)) < at_least:
            tail.insert(0, words.pop())
        lines.append(" ".join([*words, "\N{NO-BREAK SPACE}".join(tail)]) if words else "\N{NO-BREAK SPACE}".join(tail))
    return "\n".join(lines)


def _module_row(module: ModuleItem) -> str:
    description = _content(_no_runt(module.description)) if module.description.strip() else "none"
    objectives = ", ".join(str(n) for n in module.objectives)
    cells = [
        f"time-cell({_content(time_range(module.start, module.end))}, {_content(duration(module.minutes))})",
        f"module-cell({_content(_no_runt(module.title))}, {description})",
        _content(module.method),
        _content(module.trainer_profile),
        _content(objectives),
        _materials(module),
    ]
    return "(" + ", ".join(cells) + ",)"


def _day(day: DayItem, grand_total: tuple[str, str] | None = None) -> list[str]:
    if day.modules:
        span = _("%(range)s · %(duration)s") % {
            "range": time_range(day.start, day.end),
            "duration": duration(day.minutes),
        }
    else:
        span = _("No modules planned for this day yet.")
    out = [f"#day-heading({_content(day.heading)}, {_content(span)})"]
    if day.modules:
        header = [_("Time"), _("Module"), _("Method"), _("Trainer profile"), _("Objectives"), _("Materials")]
        total = _("Day %(number)d total: %(duration)s") % {"number": day.number, "duration": duration(day.minutes)}
        grand = f"  grand-total: ({_content(grand_total[0])}, {_content(grand_total[1])}),\n" if grand_total else ""
        out.append(
            "#day-table(\n"
            f"  header: ({', '.join(_content(h) for h in header)}),\n"
            "  rows: (\n" + "".join(f"    {_module_row(m)},\n" for m in day.modules) + "  ),\n"
            f"  total: {_content(total)},\n{grand})"
        )
    return out


def agenda_typst_source(agenda: Agenda) -> str:
    """The whole Typst document of the agenda."""
    body = [
        "#title-block(",
        f"  kicker: {_content(_('Agenda'))},",
        f"  title: {_content(agenda.title)},",
        f"  programme: {_content(agenda.programme)},",
        f"  summary: {_content(agenda.summary) if agenda.summary.strip() else 'none'},",
        ")",
        "#facts(" + ", ".join(f"({_content(label)}, {_content(value)})" for label, value in facts(agenda)) + ")",
        f"= {escape_markup(_('Learning objectives'))}",
    ]
    if agenda.objectives:
        rows = ", ".join(
            f"({_content(str(o.number))}, {_content(o.text)}, {_content(o.kind)})" for o in agenda.objectives
        )
        body.append(f"#objectives({rows})")
    else:
        body.append(escape_markup(_("No learning objectives recorded yet.")))
    body.append(f"= {escape_markup(_('Schedule'))}")
    if agenda.days:
        # The grand total closes the last day's table, so that it is never alone on a page.
        grand_total = (_("Total duration"), total_duration(agenda))
        *first, last = agenda.days
        for day in first:
            body.extend(_day(day))
        body.extend(_day(last, grand_total))
        if not last.modules:
            body.append(f"#total-box({_content(grand_total[0])}, {_content(grand_total[1])})")
    else:
        body.append(escape_markup(_("The agenda has no days yet.")))
    return "\n".join([_values(agenda), _preamble(), *body]) + "\n"


def agenda_pdf(agenda: Agenda) -> bytes:
    """The agenda as a PDF document (tagged, for screen readers)."""
    source = agenda_typst_source(agenda)
    return typst.compile(source.encode("utf-8"), font_paths=_fonts(), format="pdf")
