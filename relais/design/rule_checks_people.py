"""The rules about who takes part (DESIGN.md §3): MD-1, MD-2, MD-3, TN-1, TN-2 and LG-1.

Pure functions of a design's facts and of the rule's thresholds; the registry is relais.design.rules.
Messages are built with gettext when the rule runs, in the language of the request that shows them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, ngettext

from relais.design.rule_facts import EPSILON, DesignFacts, RuleOutcome, fails, holds, not_applicable
from relais.design.rule_texts import (
    and_list,
    format_label,
    lower_first,
    num,
    or_list,
    percents,
    route_role_label,
    stage_label,
)


def _applies_to_format(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome | None:
    """Not applicable when the design's format is not among the rule's "formats" threshold."""
    formats = list(t.get("formats", []))
    if facts.format in formats:
        return None
    return not_applicable(
        gettext("This rule applies to %(formats)s activities; this design is %(format)s.")
        % {
            "formats": or_list([lower_first(format_label(f)) for f in formats]),
            "format": lower_first(format_label(facts.format)),
        }
    )


# Professions suggested when a design has too few groups: those of the chain, in its order.
_CHAIN = ("labour_inspection", "police", "specialised_investigation", "prosecution", "judiciary", "civil_society")


def md1_multidisciplinary(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    minimum = int(t["min_groups"])
    groups = facts.groups()
    listed = and_list([facts.profession_name(g) for g in groups])
    if len(groups) >= minimum:
        return holds(
            ngettext(
                "%(n)s professional group has seats: %(groups)s.",
                "%(n)s professional groups have seats: %(groups)s.",
                len(groups),
            )
            % {"n": num(len(groups)), "groups": listed}
        )
    missing = minimum - len(groups)
    suggestions = [facts.profession_name(code) for code in _CHAIN if code not in groups][:3]
    fix = ngettext(
        "Add seats for %(n)s more professional group, for example %(suggestions)s.",
        "Add seats for %(n)s more professional groups, for example %(suggestions)s.",
        missing,
    ) % {"n": num(missing), "suggestions": or_list([lower_first(s) for s in suggestions])}
    if not groups:
        message = ngettext(
            "No professional group has seats yet; at least %(min)s is expected.",
            "No professional group has seats yet; at least %(min)s are expected.",
            minimum,
        ) % {"min": num(minimum)}
    else:
        message = ngettext(
            "Only %(n)s professional group has seats (%(groups)s); at least %(min)s are expected.",
            "Only %(n)s professional groups have seats (%(groups)s); at least %(min)s are expected.",
            len(groups),
        ) % {"n": num(len(groups)), "groups": listed, "min": num(minimum)}
    return fails(message, fix)


def md2_balance(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    max_share = float(t["max_share"])
    seats = facts.seats_by_profession()
    total = sum(seats.values())
    if total == 0:
        return not_applicable(gettext("No seats are planned yet, so the balance between groups cannot be judged."))
    top, top_seats = next(iter(seats.items()))
    over = [(code, n) for code, n in seats.items() if n / total > max_share + EPSILON]
    if not over:
        share, limit = percents(top_seats / total, max_share)
        return holds(
            gettext(
                "The largest group, %(group)s, holds %(share)s%% of the seats (%(seats)s of %(total)s); "
                "at most %(max)s%% is expected."
            )
            % {
                "group": facts.profession_name(top),
                "share": share,
                "seats": num(top_seats),
                "total": num(total),
                "max": limit,
            }
        )
    parts = []
    for code, n in over:
        share, limit = percents(n / total, max_share)
        parts.append(
            gettext("%(group)s holds %(share)s%% of the seats (%(seats)s of %(total)s)")
            % {"group": facts.profession_name(code), "share": share, "seats": num(n), "total": num(total)}
        )
    message = gettext("%(groups)s; no single group should hold more than %(max)s%%.") % {
        "groups": "; ".join(parts),
        "max": percents(over[0][1] / total, max_share)[1],
    }
    # For the largest group: how far to cut it, or how many seats the others need.
    others = total - top_seats
    more = max(1, math.ceil(top_seats * (1 - max_share) / max_share - EPSILON) - others)
    reduce_to = math.floor(max_share * others / (1 - max_share) + EPSILON) if max_share < 1 else top_seats
    group = lower_first(facts.profession_name(top))
    if others and reduce_to > 0:
        fix = gettext(
            "Reduce %(group)s to at most %(max_seats)s seats, or add at least %(more)s seats for other groups."
        ) % {"group": group, "max_seats": num(reduce_to), "more": num(more)}
    else:
        fix = gettext("Add at least %(more)s seats for groups other than %(group)s.") % {
            "group": group,
            "more": num(more),
        }
    return fails(message, fix)


def md3_chain(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    stages: Mapping[str, list[str]] = {k: list(v) for k, v in dict(t["stages"]).items() if v}
    present = set(facts.groups())
    missing = [key for key, codes in stages.items() if not present & set(codes)]
    if not missing:
        return holds(
            gettext("Every stage of the chain has seats: %(stages)s.")
            % {"stages": and_list([stage_label(k) for k in stages])}
        )
    described = [
        gettext("%(stage)s (%(professions)s)")
        % {
            "stage": stage_label(key),
            "professions": or_list([lower_first(facts.profession_name(c)) for c in stages[key]]),
        }
        for key in missing
    ]
    message = ngettext(
        "One stage of the chain has no seats: %(stages)s.",
        "%(n)s stages of the chain have no seats: %(stages)s.",
        len(missing),
    ) % {"n": num(len(missing)), "stages": "; ".join(described)}
    fix = ngettext(
        "Add seats for at least one profession of this stage.",
        "Add seats for at least one profession of each of these stages.",
        len(missing),
    )
    return fails(message, fix)


def tn1_route(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    skip = _applies_to_format(facts, t)
    if skip:
        return skip
    minimum = int(t["min_countries"])
    countries = facts.countries
    roles = {c.route_role for c in countries}
    by_role = "; ".join(
        gettext("%(country)s: %(role)s")
        % {"country": c.country.name, "role": lower_first(route_role_label(c.route_role))}
        for c in countries
    )
    problems, fixes = [], []
    if len(countries) < minimum:
        if countries:
            problems.append(
                ngettext(
                    "Only %(n)s participating country is recorded (%(countries)s); at least %(min)s are expected.",
                    "Only %(n)s participating countries are recorded (%(countries)s); at least %(min)s are expected.",
                    len(countries),
                )
                % {"n": num(len(countries)), "countries": by_role, "min": num(minimum)}
            )
        else:
            problems.append(
                ngettext(
                    "No participating country is recorded; at least %(min)s is expected.",
                    "No participating country is recorded; at least %(min)s are expected.",
                    minimum,
                )
                % {"min": num(minimum)}
            )
        more = minimum - len(countries)
        fixes.append(
            ngettext("Add %(n)s more participating country.", "Add %(n)s more participating countries.", more)
            % {"n": num(more)}
        )
    if countries and "origin" not in roles:
        problems.append(gettext("No country of origin takes part (%(countries)s).") % {"countries": by_role})
    if countries and "destination" not in roles:
        problems.append(gettext("No country of destination takes part (%(countries)s).") % {"countries": by_role})
    if "origin" not in roles or "destination" not in roles:
        fixes.append(
            gettext(
                "Include at least one country of origin and one of destination of the route, "
                "or correct the role on the route of the countries already recorded."
            )
        )
    if problems or len(countries) < minimum:
        return fails(" ".join(problems), " ".join(fixes))
    origins = [c.country.name for c in countries if c.route_role == "origin"]
    destinations = [c.country.name for c in countries if c.route_role == "destination"]
    return holds(
        gettext("%(n)s countries take part, from origin (%(origins)s) to destination (%(destinations)s).")
        % {"n": num(len(countries)), "origins": and_list(origins), "destinations": and_list(destinations)}
    )


def tn2_delegations(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    skip = _applies_to_format(facts, t)
    if skip:
        return skip
    minimum = int(t["min_groups_per_country"])
    if not facts.countries:
        return fails(
            gettext("No participating country is recorded yet."),
            gettext("Record the participating countries and give each seats for at least %(min)s professional groups.")
            % {"min": num(minimum)},
        )
    short = []
    for c in facts.countries:
        groups = facts.groups_of_country(c.country.code)
        if len(groups) >= minimum:
            continue
        if groups:
            short.append(
                ngettext(
                    "%(country)s sends %(n)s group (%(groups)s)",
                    "%(country)s sends %(n)s groups (%(groups)s)",
                    len(groups),
                )
                % {
                    "country": c.country.name,
                    "n": num(len(groups)),
                    "groups": and_list([lower_first(facts.profession_name(g)) for g in groups]),
                }
            )
        else:
            short.append(gettext("%(country)s has no seats") % {"country": c.country.name})
    if not short:
        return holds(
            ngettext(
                "The participating country sends people from at least %(min)s professional groups.",
                "Each of the %(n)s participating countries sends people from at least %(min)s professional groups.",
                len(facts.countries),
            )
            % {"n": num(len(facts.countries)), "min": num(minimum)}
        )
    return fails(
        gettext("%(countries)s; each country should send people from at least %(min)s professional groups.")
        % {"countries": "; ".join(short), "min": num(minimum)},
        ngettext(
            "Give this country seats for more professional groups, so that its delegation is itself multidisciplinary.",
            "Give these countries seats for more professional groups, so that each delegation is itself "
            "multidisciplinary.",
            len(short),
        ),
    )


def lg1_languages(facts: DesignFacts, t: Mapping[str, Any]) -> RuleOutcome:
    if not facts.countries:
        return not_applicable(gettext("No participating country is recorded yet."))
    working = {lang.code for lang in facts.working_languages}
    interpreted = {lang.code for lang in facts.interpretation_languages}
    if not working:
        return fails(
            gettext("No working language is recorded for the activity."),
            gettext("Record the working languages, then plan interpretation for participants who do not work in them."),
        )
    unrecorded = [c for c in facts.countries if not c.languages]
    uncovered = [
        c
        for c in facts.countries
        if c.languages and not ({lang.code for lang in c.languages} & (working | interpreted))
    ]
    if not unrecorded and not uncovered:
        return holds(
            gettext(
                "Every participating country shares a working language (%(working)s) or has interpretation planned."
            )
            % {"working": and_list([lang.name for lang in facts.working_languages])}
        )
    problems, fixes = [], []
    if uncovered:
        problems.append(
            gettext(
                "Participants from %(countries)s do not work in a working language (%(working)s) "
                "and no interpretation into their languages is planned."
            )
            % {
                "countries": and_list(
                    [f"{c.country.name} ({and_list([lang.name for lang in c.languages])})" for c in uncovered]
                ),
                "working": and_list([lang.name for lang in facts.working_languages]),
            }
        )
        fixes.append(
            gettext("Plan interpretation into %(languages)s, or add a working language these participants share.")
            % {
                "languages": "; ".join(
                    gettext("%(languages)s for %(country)s")
                    % {"languages": or_list([lang.name for lang in c.languages]), "country": c.country.name}
                    for c in uncovered
                )
            }
        )
    if unrecorded:
        countries = and_list([c.country.name for c in unrecorded])
        problems.append(
            gettext("The participants' languages are not recorded for %(countries)s.") % {"countries": countries}
        )
        fixes.append(
            gettext("Record the languages the participants from %(countries)s work in.") % {"countries": countries}
        )
    return fails(" ".join(problems), " ".join(fixes))
