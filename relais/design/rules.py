"""The rules of the design model (DESIGN.md §3): the registry, each rule's reason and defaults.

A rule is a small pure function of a design's facts (relais.design.rule_facts.DesignFacts) and of its
thresholds (a dict kept as JSON in RuleSetting.thresholds), returning a RuleOutcome; the functions
are in rule_checks_people.py and rule_checks_plan.py. What an administrator may tune — severity,
thresholds, whether the rule is used — is data (RuleSetting); the logic is code.

To add a rule: write its function, add it to RULES with its reason and defaults, test that it holds
and fails (relais/design/tests/test_rules.py), give its threshold keys a form field
(relais/design/rule_forms.py) and run `manage.py sync_design_rules` to create its settings row.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from relais.design import rule_checks_people as people
from relais.design import rule_checks_plan as plan
from relais.design.models import Severity
from relais.design.rule_facts import DesignFacts, RuleOutcome

Check = Callable[[DesignFacts, Mapping[str, Any]], RuleOutcome]

REQUIRED = Severity.REQUIRED.value
RECOMMENDED = Severity.RECOMMENDED.value


@dataclass(frozen=True)
class Rule:
    code: str
    title: str | Promise
    reason: str | Promise  # why the rule matters in anti-trafficking capacity building, in plain language
    default_severity: str  # a Severity value
    default_thresholds: Mapping[str, Any]
    check: Check

    def run(self, facts: DesignFacts, thresholds: Mapping[str, Any] | None = None) -> RuleOutcome:
        """The rule's verdict on these facts, with these thresholds (the defaults fill any gap)."""
        return self.check(facts, effective_thresholds(self, thresholds))


RULES: tuple[Rule, ...] = (
    Rule(
        "MD-1",
        _("Multidisciplinary: several professional groups take part"),
        _(
            "A trafficking case is detected by one profession, investigated by another, prosecuted and judged by "
            "others, while victims are supported by yet others. Trained together, they learn each other's powers "
            "and constraints and whom to call; a course for a single profession cannot build that chain."
        ),
        REQUIRED,
        {"min_groups": 3},
        people.md1_multidisciplinary,
    ),
    Rule(
        "MD-2",
        _("Balance: no single group holds most of the seats"),
        _(
            "When one profession fills most of the room, the discussion follows its concerns and the others become "
            "an audience. Balanced groups let every profession be heard and let case work mix the views that real "
            "cases need."
        ),
        RECOMMENDED,
        {"max_share": 0.5},
        people.md2_balance,
    ),
    Rule(
        "MD-3",
        _("The whole chain is present: detection, investigation, prosecution or judiciary, victim support"),
        _(
            "A labour-exploitation case ends with a conviction and a protected victim only when every link works: "
            "someone detects it (a labour inspector or a police officer), someone investigates, a prosecutor and a "
            "judge take it to court, and a support organisation looks after the victim. A link missing from the "
            "room is the link where cases break in practice."
        ),
        RECOMMENDED,
        {
            "stages": {
                "detection": ["labour_inspection", "police"],
                "investigation": ["specialised_investigation", "police"],
                "prosecution_or_judiciary": ["prosecution", "judiciary"],
                "victim_support": ["civil_society", "social_services"],
            }
        },
        people.md3_chain,
    ),
    Rule(
        "TN-1",
        _("Transnational: countries of origin and of destination take part"),
        _(
            "Trafficking for labour exploitation crosses borders: people are recruited in countries of origin and "
            "exploited in countries of destination, so evidence, victims and offenders are spread along the route. "
            "Bringing both ends of the route together is what lets an activity build cross-border cooperation. "
            "By default the rule applies to transnational and bilateral activities: a bilateral activity links "
            "two countries that must work on the same cases, nearly always a country of origin and one of "
            "destination. It does "
            "not apply to regional activities, which often gather neighbours that share one role on the route "
            "(countries of origin agreeing on how to identify victims, for example), nor to national ones."
        ),
        REQUIRED,
        {"min_countries": 2, "formats": ["transnational", "bilateral"]},
        people.tn1_route,
    ),
    Rule(
        "TN-2",
        _("Each country sends a multidisciplinary delegation"),
        _(
            "Cross-border cooperation is built between people: a prosecutor needs a prosecutor on the other side, "
            "an inspector a police officer. A country that sends a single profession leaves its other services "
            "with no one to meet. By default the rule applies to every activity that gathers several countries "
            "(transnational, bilateral and regional); for a national activity, MD-1 already asks for several groups."
        ),
        RECOMMENDED,
        {"min_groups_per_country": 2, "formats": ["transnational", "bilateral", "regional"]},
        people.tn2_delegations,
    ),
    Rule(
        "LO-1",
        _("Every learning objective is served by the agenda"),
        _(
            "An objective that no module teaches will not be learned, and a test question on it measures a gap in "
            "the design, not in the participants. Linking objectives to modules also tells trainers what each "
            "module is for."
        ),
        REQUIRED,
        {},
        plan.lo1_objectives_served,
    ),
    Rule(
        "LO-2",
        _("A third of agenda time uses interactive methods"),
        _(
            "Professionals learn to identify victims, plan a joint investigation or draft a request for mutual legal "
            "assistance by doing it on realistic cases, not by listening. Case studies, simulations and mock trials "
            "are also where participants from different professions and countries actually work together."
        ),
        RECOMMENDED,
        {
            "min_interactive_share": 0.333,
            "interactive_methods": ["case_study", "simulation", "mock_trial", "group_work", "study_visit", "role_play"],
        },
        plan.lo2_interactive,
    ),
    Rule(
        "EV-1",
        _("Knowledge objectives have a pre-test and a post-test"),
        _(
            "Whether participants learned what the activity set out to teach shows only by comparing the same "
            "people before and after. Without a pre-test and a post-test, the programme cannot report learning "
            "gains, nor find the objectives that need a better module."
        ),
        REQUIRED,
        {},
        plan.ev1_pre_post,
    ),
    Rule(
        "EV-2",
        _("A follow-up questionnaire 3 to 6 months after delivery"),
        _(
            "Training is meant to change practice: victims identified, cases opened, requests sent to counterparts "
            "abroad. That shows only months later. Asking after 3 to 6 months leaves time to apply what was learned, "
            "while participants still remember the activity and answer."
        ),
        REQUIRED,
        {"min_months": 3, "max_months": 6},
        plan.ev2_follow_up,
    ),
    Rule(
        "EV-3",
        _("A satisfaction questionnaire is planned"),
        _(
            "Participants' view of the relevance, the trainers and the organisation is the quickest signal of what "
            "to keep and what to change before the next session, and the first level of evaluation donors ask for."
        ),
        RECOMMENDED,
        {},
        plan.ev3_satisfaction,
    ),
    Rule(
        "NA-1",
        _("A needs assessment is recorded, with its sources"),
        _(
            "An activity answers real gaps only if they were established: what practitioners lack in identifying "
            "victims, investigating or supporting victims in these countries, shown by studies, surveys, case "
            "reviews or consultations. Recorded sources let others weigh the evidence and reuse it when the "
            "activity is replicated."
        ),
        RECOMMENDED,
        {"min_sources": 1},
        plan.na1_needs,
    ),
    Rule(
        "SU-1",
        _("A follow-up or sustainability measure is recorded"),
        _(
            "One activity reaches a few dozen people. An exchange of contacts, trainers who pass the course on "
            "(formateurs relais) or uptake into a national curriculum make it last after participants go home and "
            "as staff change."
        ),
        RECOMMENDED,
        {"min_measures": 1},
        plan.su1_sustainability,
    ),
    Rule(
        "LG-1",
        _("Interpretation wherever participants do not share a working language"),
        _(
            "Participants who cannot follow the discussion can neither learn nor make contacts, and in trafficking "
            "cases legal terms must be understood exactly. Every country whose participants do not work in a "
            "working language of the activity needs interpretation into one of their languages."
        ),
        REQUIRED,
        {},
        people.lg1_languages,
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def get_rule(code: str) -> Rule | None:
    return RULES_BY_CODE.get(code)


def default_rule_settings() -> list[dict[str, Any]]:
    """One settings row per rule, with its defaults: what the data migration and
    `manage.py sync_design_rules` create (for the rules that have no row yet)."""
    return [
        {
            "code": rule.code,
            "severity": rule.default_severity,
            "thresholds": copy.deepcopy(dict(rule.default_thresholds)),
            "enabled": True,
        }
        for rule in RULES
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_codes(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def threshold_fits(default: Any, value: Any) -> bool:
    """Whether a stored threshold has the shape of its default (an int, a share, a list of codes, or a
    mapping of such lists)."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return _is_number(value) and 0 <= value <= 1
    if isinstance(default, list):
        return _is_codes(value)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(isinstance(k, str) and _is_codes(v) for k, v in value.items())
    return type(value) is type(default)


def effective_thresholds(rule: Rule, stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The rule's defaults, overridden by the stored values that have the right shape. A key the code
    added after the row was created takes its default; a stored value of the wrong shape (edited by
    hand in the database) is ignored rather than breaking the check."""
    result = copy.deepcopy(dict(rule.default_thresholds))
    if isinstance(stored, Mapping):
        for key, default in rule.default_thresholds.items():
            if key in stored and threshold_fits(default, stored[key]):
                result[key] = copy.deepcopy(stored[key])
    return result


def threshold_errors(rule: Rule, thresholds: Mapping[str, Any]) -> list[str]:
    """The keys of thresholds that are missing, unknown or of the wrong shape (empty: all good)."""
    errors = sorted(set(thresholds) ^ set(rule.default_thresholds))
    errors += [
        key
        for key, default in rule.default_thresholds.items()
        if key in thresholds and not threshold_fits(default, thresholds[key])
    ]
    return errors
