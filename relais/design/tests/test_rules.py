"""The design model's rules (DESIGN.md §3): each one holds on the complete design and fails when one
thing is changed, does not apply where it should not, and changes its verdict with its thresholds.
The score, the settings and the query count are in test_rule_checker.py."""

from __future__ import annotations

from typing import Any

import pytest

from relais.core.models import Language
from relais.design.checker import check_design, design_facts
from relais.design.models import (
    ActivityDesign,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignFormat,
    LearningObjective,
    NeedsSource,
    ObjectiveKind,
    SeatQuota,
)
from relais.design.rule_facts import DesignFacts, Named, QuotaFacts, RuleOutcome
from relais.design.rules import RULES, RULES_BY_CODE
from relais.design.tests.factories import (
    add_country,
    add_module,
    add_objective,
    make_complete_design,
    make_design,
    set_quota,
)

CODES = ["MD-1", "MD-2", "MD-3", "TN-1", "TN-2", "LO-1", "LO-2", "EV-1", "EV-2", "EV-3", "NA-1", "SU-1", "LG-1"]


@pytest.fixture
def design(programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


def outcome(design: ActivityDesign, code: str, **thresholds: Any) -> RuleOutcome:
    """The rule's verdict on the design as stored, with its default thresholds changed by `thresholds`."""
    design.refresh_from_db()
    return RULES_BY_CODE[code].run(design_facts(design), thresholds)


def holds(design: ActivityDesign, code: str, **thresholds: Any) -> RuleOutcome:
    result = outcome(design, code, **thresholds)
    assert result.status == "pass", result
    assert result.message and not result.fix
    return result


def fails(design: ActivityDesign, code: str, **thresholds: Any) -> RuleOutcome:
    result = outcome(design, code, **thresholds)
    assert result.status == "fail", result
    assert result.message and result.fix
    return result


def not_applicable(design: ActivityDesign, code: str, **thresholds: Any) -> RuleOutcome:
    result = outcome(design, code, **thresholds)
    assert result.status == "not_applicable", result
    return result


def drop_quotas(design: ActivityDesign, *professions: str, country: str | None = None) -> None:
    qs = SeatQuota.objects.filter(design=design, profession__code__in=professions)
    if country:
        qs = qs.filter(country__code=country)
    qs.delete()


def update(design: ActivityDesign, **fields: Any) -> None:
    ActivityDesign.objects.filter(pk=design.pk).update(**fields)


# The registry and the complete design ------------------------------------------------------------


def test_the_rules_of_the_design_model_in_order() -> None:
    assert [r.code for r in RULES] == CODES
    for rule in RULES:
        assert str(rule.title) and len(str(rule.reason)) > 80, rule.code
        assert rule.default_severity in ("required", "recommended")


def test_complete_design_passes_every_rule(design: ActivityDesign) -> None:
    report = check_design(design)
    assert [(r.rule.code, r.status) for r in report.results] == [(code, "pass") for code in CODES]
    assert report.score == 100 and report.passed
    assert (report.n_holding, report.n_failing, report.n_not_applicable) == (13, 0, 0)


def test_rules_are_pure_functions_of_the_facts() -> None:
    facts = DesignFacts(
        quotas=(QuotaFacts("AL", "police", 4), QuotaFacts("AL", "judiciary", 4)),
        professions={"police": Named("police", "Police", "Police"), "judiciary": Named("judiciary", "Judiciary")},
    )
    result = RULES_BY_CODE["MD-1"].run(facts)
    assert result.status == "fail"
    assert result.message == "Only 2 professional groups have seats (Police and Judiciary); at least 3 are expected."
    assert RULES_BY_CODE["MD-1"].run(facts, {"min_groups": 2}).status == "pass"


# MD-1, MD-2, MD-3 ----------------------------------------------------------------------------------


def test_md1_holds_with_four_groups(design: ActivityDesign) -> None:
    assert holds(design, "MD-1").message.startswith("4 professional groups have seats: Labour inspection, Police")


def test_md1_fails_with_two_groups(design: ActivityDesign) -> None:
    drop_quotas(design, "labour_inspection", "civil_society")
    result = fails(design, "MD-1")
    assert result.message == "Only 2 professional groups have seats (Police and Prosecution); at least 3 are expected."
    assert result.fix == (
        "Add seats for 1 more professional group, "
        "for example labour inspection, specialised investigation or judiciary."
    )


def test_md1_fails_without_seats(design: ActivityDesign) -> None:
    SeatQuota.objects.filter(design=design).delete()
    assert fails(design, "MD-1").message == "No professional group has seats yet; at least 3 are expected."


def test_md1_threshold_changes_the_verdict(design: ActivityDesign) -> None:
    assert "at least 5 are expected" in fails(design, "MD-1", min_groups=5).message


def test_md2_holds_when_seats_are_spread(design: ActivityDesign) -> None:
    assert holds(design, "MD-2").message == (
        "The largest group, Labour inspection, holds 30% of the seats (6 of 20); at most 50% is expected."
    )


def test_md2_fails_when_one_group_holds_most_seats(design: ActivityDesign) -> None:
    SeatQuota.objects.filter(design=design, country__code="AL", profession__code="police").update(seats=30)
    result = fails(design, "MD-2")
    assert result.message == "Police holds 70% of the seats (33 of 47); no single group should hold more than 50%."
    assert result.fix == "Reduce police to at most 14 seats, or add at least 19 seats for other groups."


def test_md2_exactly_half_is_no_more_than_half(programme: Any) -> None:
    design = make_design(programme=programme)
    add_country(design, "AL", "origin", ["sq"])
    set_quota(design, "AL", "police", 4)
    set_quota(design, "AL", "prosecution", 2)
    set_quota(design, "AL", "civil_society", 2)
    holds(design, "MD-2")


def test_md2_does_not_apply_without_seats(design: ActivityDesign) -> None:
    SeatQuota.objects.filter(design=design).delete()
    not_applicable(design, "MD-2")


def test_md2_threshold_changes_the_verdict(design: ActivityDesign) -> None:
    result = fails(design, "MD-2", max_share=0.25)
    assert "Labour inspection holds 30% of the seats (6 of 20); Police holds 30%" in result.message
    assert "more than 25%" in result.message


def test_md3_holds_when_the_whole_chain_is_present(design: ActivityDesign) -> None:
    holds(design, "MD-3")


def test_md3_fails_without_victim_support(design: ActivityDesign) -> None:
    drop_quotas(design, "civil_society")
    result = fails(design, "MD-3")
    assert result.message == ("One stage of the chain has no seats: victim support (civil society or social services).")


def test_md3_stages_are_thresholds(design: ActivityDesign) -> None:
    stages = {
        "detection": ["labour_inspection", "police"],
        "investigation": ["specialised_investigation"],
        "prosecution_or_judiciary": ["prosecution", "judiciary"],
        "victim_support": ["social_services"],
    }
    result = fails(design, "MD-3", stages=stages)
    assert result.message.startswith("2 stages of the chain have no seats: investigation (specialised investigation);")


# TN-1, TN-2 ----------------------------------------------------------------------------------------


def test_tn1_holds_from_origin_to_destination(design: ActivityDesign) -> None:
    assert holds(design, "TN-1").message == "2 countries take part, from origin (Albania) to destination (Italy)."


def test_tn1_fails_without_a_country_of_destination(design: ActivityDesign) -> None:
    DesignCountry.objects.filter(design=design, country__code="IT").update(route_role="transit")
    result = fails(design, "TN-1")
    assert result.message == "No country of destination takes part (Albania: origin; Italy: transit)."
    assert "one of destination" in result.fix


def test_tn1_fails_with_a_single_country(design: ActivityDesign) -> None:
    DesignCountry.objects.filter(design=design, country__code="IT").delete()
    result = fails(design, "TN-1")
    assert result.message.startswith("Only 1 participating country is recorded (Albania: origin); at least 2")
    assert result.fix.startswith("Add 1 more participating country.")


@pytest.mark.parametrize("format_", [DesignFormat.NATIONAL, DesignFormat.REGIONAL])
def test_tn1_does_not_apply_to_national_and_regional_formats(design: ActivityDesign, format_: str) -> None:
    update(design, format=format_)
    DesignCountry.objects.filter(design=design, country__code="IT").update(route_role="origin")
    assert not_applicable(design, "TN-1").message.startswith("This rule applies to transnational or bilateral")


def test_tn1_applies_to_bilateral_formats(design: ActivityDesign) -> None:
    update(design, format=DesignFormat.BILATERAL)
    holds(design, "TN-1")
    DesignCountry.objects.filter(design=design, country__code="IT").update(route_role="origin")
    fails(design, "TN-1")


def test_tn1_thresholds_change_the_verdict(design: ActivityDesign) -> None:
    assert "at least 3 are expected" in fails(design, "TN-1", min_countries=3).message
    update(design, format=DesignFormat.REGIONAL)
    holds(design, "TN-1", formats=["transnational", "regional"])


def test_tn2_holds_with_multidisciplinary_delegations(design: ActivityDesign) -> None:
    holds(design, "TN-2")


def test_tn2_fails_when_a_country_sends_one_group(design: ActivityDesign) -> None:
    drop_quotas(design, "labour_inspection", "prosecution", "civil_society", country="IT")
    result = fails(design, "TN-2")
    assert result.message == (
        "Italy sends 1 group (police); each country should send people from at least 2 professional groups."
    )


def test_tn2_fails_when_a_country_has_no_seats(design: ActivityDesign) -> None:
    SeatQuota.objects.filter(design=design, country__code="IT").delete()
    assert fails(design, "TN-2").message.startswith("Italy has no seats;")


def test_tn2_fails_without_countries(design: ActivityDesign) -> None:
    DesignCountry.objects.filter(design=design).delete()
    assert fails(design, "TN-2").message == "No participating country is recorded yet."


def test_tn2_applies_to_regional_but_not_national_formats(design: ActivityDesign) -> None:
    drop_quotas(design, "labour_inspection", "prosecution", "civil_society", country="IT")
    update(design, format=DesignFormat.REGIONAL)
    fails(design, "TN-2")
    update(design, format=DesignFormat.NATIONAL)
    not_applicable(design, "TN-2")


def test_tn2_threshold_changes_the_verdict(design: ActivityDesign) -> None:
    result = fails(design, "TN-2", min_groups_per_country=5)
    assert result.message.startswith(
        "Albania sends 4 groups (labour inspection, police, prosecution and civil society);"
    )


# LO-1, LO-2 ----------------------------------------------------------------------------------------


def test_lo1_holds_when_every_objective_is_served(design: ActivityDesign) -> None:
    assert holds(design, "LO-1").message == "All 3 learning objectives are served by at least one agenda module."


def test_lo1_fails_for_an_objective_no_module_serves(design: ActivityDesign) -> None:
    add_objective(design, "Refer presumed victims to support services", ObjectiveKind.SKILL)
    result = fails(design, "LO-1")
    assert result.message == (
        "1 learning objective is served by no agenda module: "
        "objective 4 (“Refer presumed victims to support services”)."
    )
    assert result.fix == "Link this objective to the modules that teach it, or add a module for it."


def test_lo1_fails_without_objectives(design: ActivityDesign) -> None:
    LearningObjective.objects.filter(design=design).delete()
    assert fails(design, "LO-1").message.startswith("No learning objective is recorded")


def test_lo2_holds_with_enough_interactive_time(design: ActivityDesign) -> None:
    assert holds(design, "LO-2").message == (
        "Interactive methods take 56% of agenda time (270 of 480 minutes); at least 33% is expected."
    )


def test_lo2_fails_with_too_little_interactive_time(design: ActivityDesign) -> None:
    AgendaModule.objects.filter(day__design=design, method="case_study").update(method="lecture")
    add_module(AgendaDay.objects.filter(design=design).last(), "Panel of experts", "panel", 120)  # type: ignore[arg-type]
    result = fails(design, "LO-2")
    assert result.message == (
        "Interactive methods take 25% of agenda time (150 of 600 minutes); at least 33% is expected."
    )
    assert result.fix.startswith("Turn at least 50 minutes of lectures or other modules into case study, simulation")


def test_lo2_fails_with_an_empty_agenda(design: ActivityDesign) -> None:
    AgendaDay.objects.filter(design=design).delete()
    assert fails(design, "LO-2").message == "The agenda has no modules yet, so no time uses interactive methods."


def test_lo2_thresholds_change_the_verdict(design: ActivityDesign) -> None:
    assert "at least 60% is expected" in fails(design, "LO-2", min_interactive_share=0.6).message
    assert "take 25% of agenda time (120 of 480" in fails(design, "LO-2", interactive_methods=["case_study"]).message


# EV-1, EV-2, EV-3 ----------------------------------------------------------------------------------


def test_ev1_holds_with_pre_and_post_test(design: ActivityDesign) -> None:
    holds(design, "EV-1")


def test_ev1_fails_without_pre_test(design: ActivityDesign) -> None:
    update(design, plans_pre_test=False)
    result = fails(design, "EV-1")
    assert result.message.startswith("The design has knowledge objectives (objective 1 (“Recognise indicators")
    assert result.message.endswith("but no pre-test is planned.")


def test_ev1_fails_without_either_test(design: ActivityDesign) -> None:
    update(design, plans_pre_test=False, plans_post_test=False)
    assert fails(design, "EV-1").message.endswith("but neither a pre-test nor a post-test is planned.")


def test_ev1_does_not_apply_without_knowledge_objectives(design: ActivityDesign) -> None:
    LearningObjective.objects.filter(design=design).update(kind=ObjectiveKind.SKILL)
    update(design, plans_pre_test=False, plans_post_test=False)
    not_applicable(design, "EV-1")


def test_ev2_holds_at_four_months(design: ActivityDesign) -> None:
    holds(design, "EV-2")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"plans_follow_up": False}, "No follow-up questionnaire is planned."),
        ({"follow_up_months": None}, "A follow-up questionnaire is planned, but not when."),
        (
            {"follow_up_months": 12},
            "The follow-up questionnaire is planned 12 months after delivery; 3 to 6 months is expected.",
        ),
        (
            {"follow_up_months": 1},
            "The follow-up questionnaire is planned 1 month after delivery; 3 to 6 months is expected.",
        ),
    ],
)
def test_ev2_fails(design: ActivityDesign, fields: dict[str, Any], message: str) -> None:
    update(design, **fields)
    assert fails(design, "EV-2").message == message


def test_ev2_threshold_changes_the_verdict(design: ActivityDesign) -> None:
    assert fails(design, "EV-2", max_months=3).fix.startswith("Send it sooner, at most 3 months after delivery")


def test_ev3(design: ActivityDesign) -> None:
    holds(design, "EV-3")
    update(design, plans_satisfaction=False)
    assert fails(design, "EV-3").message == "No satisfaction questionnaire is planned."


# NA-1, SU-1, LG-1 ----------------------------------------------------------------------------------


def test_na1_holds_with_assessment_and_source(design: ActivityDesign) -> None:
    assert holds(design, "NA-1").message == "A needs assessment is recorded, with 1 source."


def test_na1_fails_without_assessment(design: ActivityDesign) -> None:
    update(design, needs_assessment="  ")
    assert fails(design, "NA-1").message == "No needs assessment is recorded."


def test_na1_fails_without_sources(design: ActivityDesign) -> None:
    NeedsSource.objects.filter(design=design).delete()
    assert fails(design, "NA-1").message == "No source of the needs assessment is recorded; at least 1 is expected."
    holds(design, "NA-1", min_sources=0)


def test_na1_threshold_changes_the_verdict(design: ActivityDesign) -> None:
    assert (
        fails(design, "NA-1", min_sources=2).message == "The needs assessment cites 1 source; at least 2 are expected."
    )


def test_su1(design: ActivityDesign) -> None:
    holds(design, "SU-1")
    fails(design, "SU-1", min_measures=3)
    update(design, sustainability=["a_party"])
    assert fails(design, "SU-1").message == "No follow-up or sustainability measure is recorded."


def test_lg1_holds_with_interpretation(design: ActivityDesign) -> None:
    holds(design, "LG-1")


def test_lg1_fails_without_interpretation_for_a_country(design: ActivityDesign) -> None:
    design.interpretation_languages.set(Language.objects.filter(code="it"))
    result = fails(design, "LG-1")
    assert result.message == (
        "Participants from Albania (Albanian) do not work in a working language (English) "
        "and no interpretation into their languages is planned."
    )
    assert (
        result.fix
        == "Plan interpretation into Albanian for Albania, or add a working language these participants share."
    )


def test_lg1_holds_when_participants_share_a_working_language(design: ActivityDesign) -> None:
    design.interpretation_languages.set(Language.objects.filter(code="it"))
    DesignCountry.objects.get(design=design, country__code="AL").participant_languages.add(
        Language.objects.get(code="en")
    )
    holds(design, "LG-1")


def test_lg1_fails_when_a_country_has_no_language_recorded(design: ActivityDesign) -> None:
    DesignCountry.objects.get(design=design, country__code="IT").participant_languages.clear()
    result = fails(design, "LG-1")
    assert result.message == "The participants' languages are not recorded for Italy."
    assert result.fix == "Record the languages the participants from Italy work in."


def test_lg1_fails_without_working_language(design: ActivityDesign) -> None:
    design.working_languages.clear()
    assert fails(design, "LG-1").message == "No working language is recorded for the activity."


def test_lg1_does_not_apply_without_countries(design: ActivityDesign) -> None:
    DesignCountry.objects.filter(design=design).delete()
    not_applicable(design, "LG-1")
