"""The rules about what is taught and planned (DESIGN.md §3): LO-1, LO-2, EV-1, EV-2, EV-3, NA-1, SU-1.

Pure functions of a design's facts and of the rule's thresholds; the registry is relais.design.rules.
Messages are built with gettext when the rule runs, in the language of the request that shows them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, ngettext

from relais.design.models import ObjectiveKind, Sustainability
from relais.design.rule_facts import EPSILON, DesignFacts, RuleOutcome, fails, holds, not_applicable
from relais.design.rule_texts import (
    and_list,
    lower_first,
    method_label,
    num,
    objective_list,
    or_list,
    percent,
    percents,
    sustainability_label,
)


def lo1_objectives_served(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    objectives = facts.objectives
    if not objectives:
        return fails(
            gettext("No learning objective is recorded, so the agenda cannot be checked against what it should teach."),
            gettext("Write the learning objectives, then link each one to the agenda modules that serve it."),
        )
    numbers = {o.id: i for i, o in enumerate(objectives, start=1)}
    served = set().union(*(m.objective_ids for m in facts.modules)) if facts.modules else set()
    unserved = [o for o in objectives if o.id not in served]
    if not unserved:
        return holds(
            ngettext(
                "The learning objective is served by the agenda.",
                "All %(n)s learning objectives are served by at least one agenda module.",
                len(objectives),
            )
            % {"n": num(len(objectives))}
        )
    return fails(
        ngettext(
            "%(n)s learning objective is served by no agenda module: %(objectives)s.",
            "%(n)s learning objectives are served by no agenda module: %(objectives)s.",
            len(unserved),
        )
        % {"n": num(len(unserved)), "objectives": objective_list(unserved, numbers)},
        ngettext(
            "Link this objective to the modules that teach it, or add a module for it.",
            "Link these objectives to the modules that teach them, or add modules for them.",
            len(unserved),
        ),
    )


def lo2_interactive(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    minimum = float(t["min_interactive_share"])
    methods = list(t["interactive_methods"])
    method_names = or_list([lower_first(method_label(m)) for m in methods])
    total = sum(m.minutes for m in facts.modules)
    if total == 0:
        return fails(
            gettext("The agenda has no modules yet, so no time uses interactive methods."),
            gettext(
                "Build the agenda and give at least %(min)s%% of its time to interactive methods such as %(methods)s."
            )
            % {"min": percent(minimum), "methods": method_names},
        )
    interactive = sum(m.minutes for m in facts.modules if m.method in methods)
    share, expected = percents(interactive / total, minimum)
    message = gettext(
        "Interactive methods take %(share)s%% of agenda time (%(minutes)s of %(total)s minutes); "
        "at least %(min)s%% is expected."
    ) % {"share": share, "minutes": num(interactive), "total": num(total), "min": expected}
    if interactive / total + EPSILON >= minimum:
        return holds(message)
    more = max(1, math.ceil(minimum * total - interactive - EPSILON))
    return fails(
        message,
        gettext("Turn at least %(minutes)s minutes of lectures or other modules into %(methods)s.")
        % {"minutes": num(more), "methods": method_names},
    )


def ev1_pre_post(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    numbers = {o.id: i for i, o in enumerate(facts.objectives, start=1)}
    knowledge = [o for o in facts.objectives if o.kind == ObjectiveKind.KNOWLEDGE]
    if not knowledge:
        return not_applicable(
            gettext("The design has no knowledge objective, so no pre-test and post-test are needed.")
        )
    if facts.plans_pre_test and facts.plans_post_test:
        return holds(
            ngettext(
                "A pre-test and a post-test are planned for the knowledge objective.",
                "A pre-test and a post-test are planned for the %(n)s knowledge objectives.",
                len(knowledge),
            )
            % {"n": num(len(knowledge))}
        )
    if not facts.plans_pre_test and not facts.plans_post_test:
        missing = gettext("neither a pre-test nor a post-test is planned")
        fix = gettext("Plan a pre-test and a post-test in the evaluation plan, with items on each knowledge objective.")
    elif not facts.plans_pre_test:
        missing = gettext("no pre-test is planned")
        fix = gettext(
            "Plan a pre-test as well: without it, the post-test cannot show what participants learned at the activity."
        )
    else:
        missing = gettext("no post-test is planned")
        fix = gettext(
            "Plan a post-test with the same items as the pre-test, so that each participant's gain can be measured."
        )
    return fails(
        gettext("The design has knowledge objectives (%(objectives)s) but %(missing)s.")
        % {"objectives": objective_list(knowledge, numbers), "missing": missing},
        fix,
    )


def ev2_follow_up(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    low, high = int(t["min_months"]), int(t["max_months"])
    window = {"min": num(low), "max": num(high)}
    if not facts.plans_follow_up:
        return fails(
            gettext("No follow-up questionnaire is planned."),
            gettext("Plan a follow-up questionnaire %(min)s to %(max)s months after delivery.") % window,
        )
    months = facts.follow_up_months
    if months is None:
        return fails(
            gettext("A follow-up questionnaire is planned, but not when."),
            gettext("Record when it is sent: %(min)s to %(max)s months after delivery.") % window,
        )
    message = ngettext(
        "The follow-up questionnaire is planned %(months)s month after delivery; "
        "%(min)s to %(max)s months is expected.",
        "The follow-up questionnaire is planned %(months)s months after delivery; "
        "%(min)s to %(max)s months is expected.",
        months,
    ) % {"months": num(months), **window}
    if low <= months <= high:
        return holds(message)
    if months < low:
        fix = gettext(
            "Send it later, at least %(min)s months after delivery: earlier, participants have had little occasion "
            "to use what they learned."
        )
    else:
        fix = gettext(
            "Send it sooner, at most %(max)s months after delivery: later, fewer participants answer and they "
            "remember less."
        )
    return fails(message, fix % window)


def ev3_satisfaction(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    if facts.plans_satisfaction:
        return holds(gettext("A satisfaction questionnaire is planned."))
    return fails(
        gettext("No satisfaction questionnaire is planned."),
        gettext("Plan a satisfaction questionnaire at the end of the activity, in the evaluation plan."),
    )


def na1_needs(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    minimum = int(t["min_sources"])
    problems, fixes = [], []
    if not facts.needs_assessment.strip():
        problems.append(gettext("No needs assessment is recorded."))
        fixes.append(gettext("Describe the needs the activity answers: what practitioners lack, in which countries."))
    if facts.needs_sources < minimum:
        if facts.needs_sources == 0:
            cited = gettext("No source of the needs assessment is recorded")
        else:
            cited = ngettext(
                "The needs assessment cites %(n)s source",
                "The needs assessment cites %(n)s sources",
                facts.needs_sources,
            ) % {"n": num(facts.needs_sources)}
        expected = ngettext("at least %(min)s is expected", "at least %(min)s are expected", minimum) % {
            "min": num(minimum)
        }
        problems.append(gettext("%(cited)s; %(expected)s.") % {"cited": cited, "expected": expected})
        fixes.append(gettext("Add the studies, surveys, case reviews or consultations it rests on as sources."))
    if problems:
        return fails(" ".join(problems), " ".join(fixes))
    return holds(
        ngettext(
            "A needs assessment is recorded, with %(n)s source.",
            "A needs assessment is recorded, with %(n)s sources.",
            facts.needs_sources,
        )
        % {"n": num(facts.needs_sources)}
    )


_MEASURES = frozenset(Sustainability.values)


def su1_sustainability(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    minimum = int(t["min_measures"])
    # Known measures only: the field is a JSON list, so a code no longer offered must not count.
    measures = [m for m in dict.fromkeys(facts.sustainability) if m in _MEASURES]
    labels = [lower_first(sustainability_label(m)) for m in measures]
    if len(measures) >= minimum:
        return holds(
            ngettext(
                "%(n)s follow-up or sustainability measure is recorded: %(measures)s.",
                "%(n)s follow-up or sustainability measures are recorded: %(measures)s.",
                len(measures),
            )
            % {"n": num(len(measures)), "measures": and_list(labels)}
        )
    if measures:
        message = ngettext(
            "%(n)s follow-up or sustainability measure is recorded (%(measures)s); at least %(min)s are expected.",
            "%(n)s follow-up or sustainability measures are recorded (%(measures)s); at least %(min)s are expected.",
            len(measures),
        ) % {"n": num(len(measures)), "measures": and_list(labels), "min": num(minimum)}
    else:
        message = gettext("No follow-up or sustainability measure is recorded.")
    return fails(
        message,
        gettext(
            "Choose the measures that will carry the activity on, such as an exchange of contact lists, "
            "a training of trainers or uptake into a national curriculum."
        ),
    )
