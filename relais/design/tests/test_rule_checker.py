"""The design check: score and verdict, settings (severity, thresholds, use), the data migration and
the sync command, storing the check on designs, the check's query count, and the user's language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from relais.core.models import AuditEvent
from relais.design.checker import (
    check_design,
    check_designs,
    design_check_refresh,
    design_facts,
    designs_check_refresh,
    rule_settings,
)
from relais.design.models import ActivityDesign, DesignCountry, DesignFormat, RuleSetting
from relais.design.rule_texts import num, percents
from relais.design.rules import RULES, RULES_BY_CODE, default_rule_settings
from relais.design.tests.factories import (
    add_country,
    add_day,
    add_module,
    add_objective,
    make_complete_design,
    make_design,
    set_quota,
)


@pytest.fixture
def design(programme: Any) -> ActivityDesign:
    return make_complete_design(programme=programme)


def update(design: ActivityDesign, **fields: Any) -> None:
    ActivityDesign.objects.filter(pk=design.pk).update(**fields)
    design.refresh_from_db()


# Score, verdict and settings -----------------------------------------------------------------------


def test_a_failing_recommended_rule_lowers_the_score_but_the_design_passes(design: ActivityDesign) -> None:
    update(design, plans_satisfaction=False)
    design.refresh_from_db()
    report = check_design(design)
    assert report.passed
    assert report.score == 95  # 18 of 19 weights: 6 required rules × 2 + 7 recommended × 1
    assert [r.rule.code for r in report.failures] == ["EV-3"]
    assert report.ordered[0].rule.code == "EV-3"


def test_a_failing_required_rule_fails_the_design(design: ActivityDesign) -> None:
    add_objective(design, "Refer presumed victims to support services")
    report = check_design(design)
    assert not report.passed
    assert report.n_required_failing == 1
    assert report.score == 89  # 17 of 19


def test_rules_that_do_not_apply_do_not_count(design: ActivityDesign) -> None:
    update(design, format=DesignFormat.NATIONAL, plans_satisfaction=False)
    design.refresh_from_db()
    report = check_design(design)
    assert report.n_not_applicable == 2
    assert report.score == 94  # 15 of 16: TN-1 (2) and TN-2 (1) left out


def test_disabled_rules_are_left_out(design: ActivityDesign) -> None:
    update(design, plans_satisfaction=False)
    design.refresh_from_db()
    RuleSetting.objects.filter(code="EV-3").update(enabled=False)
    report = check_design(design)
    assert "EV-3" not in [r.rule.code for r in report.results]
    assert report.score == 100 and report.n_rules == 12


def test_severity_comes_from_the_settings(design: ActivityDesign) -> None:
    update(design, plans_satisfaction=False)
    design.refresh_from_db()
    RuleSetting.objects.filter(code="EV-3").update(severity="required")
    report = check_design(design)
    assert not report.passed
    assert report.score == 90  # 18 of 20
    result = report.result("EV-3")
    assert result is not None and result.required and str(result.severity_label) == "Required"


def test_stored_thresholds_change_the_verdict(design: ActivityDesign) -> None:
    RuleSetting.objects.filter(code="MD-1").update(thresholds={"min_groups": 5})
    result = check_design(design).result("MD-1")
    assert result is not None and result.fails and result.thresholds == {"min_groups": 5}


def test_thresholds_of_the_wrong_shape_fall_back_to_the_defaults(design: ActivityDesign) -> None:
    RuleSetting.objects.filter(code="MD-1").update(thresholds={"min_groups": "many"})
    RuleSetting.objects.filter(code="LO-2").update(thresholds={})
    report = check_design(design)
    assert report.result("MD-1").thresholds == {"min_groups": 3}  # type: ignore[union-attr]
    assert report.result("LO-2").thresholds["min_interactive_share"] == 0.333  # type: ignore[union-attr]
    assert report.passed


def test_a_rule_without_settings_row_runs_with_its_defaults(design: ActivityDesign) -> None:
    RuleSetting.objects.filter(code="LG-1").delete()
    assert "LG-1" in rule_settings()
    assert check_design(design).result("LG-1").holds  # type: ignore[union-attr]


def test_settings_rows_come_from_the_migration(db: None) -> None:
    rows = {s.code: s for s in RuleSetting.objects.all()}
    for defaults in default_rule_settings():
        row = rows[defaults["code"]]
        assert (row.severity, row.thresholds, row.enabled) == (defaults["severity"], defaults["thresholds"], True)
    assert len(rows) == len(RULES)


def test_sync_adds_missing_rows_and_keeps_existing_ones(db: None) -> None:
    RuleSetting.objects.filter(code="TN-2").delete()
    RuleSetting.objects.filter(code="MD-1").update(thresholds={"min_groups": 5}, severity="recommended")
    call_command("sync_design_rules", "--no-recheck", stdout=None)
    assert RuleSetting.objects.get(code="TN-2").thresholds == RULES_BY_CODE["TN-2"].default_thresholds
    md1 = RuleSetting.objects.get(code="MD-1")
    assert (md1.thresholds, md1.severity) == ({"min_groups": 5}, "recommended")


def test_sync_rechecks_the_designs(design: ActivityDesign) -> None:
    update(design, check_score=0, check_passed=False)
    out = io.StringIO()
    call_command("sync_design_rules", stdout=out)
    design.refresh_from_db()
    assert (design.check_score, design.check_passed) == (100, True)
    assert "Every design rule already has its settings." in out.getvalue()
    assert "1 stored result(s) changed" in out.getvalue()


# Storing the check ---------------------------------------------------------------------------------


def test_refresh_stores_score_and_verdict_without_audit(design: ActivityDesign) -> None:
    update(design, check_score=0, check_passed=False)
    design.refresh_from_db()
    updated_at = design.updated_at
    events = AuditEvent.objects.count()
    report = design_check_refresh(design=design)
    design.refresh_from_db()
    assert (design.check_score, design.check_passed) == (report.score, report.passed) == (100, True)
    assert design.updated_at == updated_at
    assert AuditEvent.objects.count() == events


def test_refresh_of_all_designs_in_batches(programme: Any) -> None:
    designs = [make_complete_design(programme=programme) for _ in range(3)]
    bare = make_design(programme=programme)
    ActivityDesign.objects.update(check_score=50, check_passed=True)
    assert designs_check_refresh(batch_size=2) == 4
    stored = dict(ActivityDesign.objects.values_list("pk", "check_score"))
    assert all(stored[d.pk] == 100 for d in designs)
    assert stored[bare.pk] == check_design(bare).score
    assert designs_check_refresh(batch_size=2) == 0


# Queries -------------------------------------------------------------------------------------------


def _queries(fn: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


CHECK_QUERIES = 11  # 1 for the rules' settings, 10 for the facts


def test_check_queries_do_not_grow_with_the_design(design: ActivityDesign, programme: Any) -> None:
    bare = make_design(programme=programme)
    assert _queries(lambda: check_design(bare)) == CHECK_QUERIES
    assert _queries(lambda: check_design(design)) == CHECK_QUERIES
    day = add_day(design, "Day three")
    objectives = [add_objective(design, f"Objective {i}") for i in range(10)]
    for i in range(20):
        add_module(day, f"Module {i}", "group_work", 60, objectives[i % 10 :][:2])
    add_country(design, "RS", "transit", ["sr"])
    set_quota(design, "RS", "police", 2)
    assert _queries(lambda: check_design(design)) == CHECK_QUERIES
    settings = rule_settings()
    assert _queries(lambda: check_design(design, settings)) == CHECK_QUERIES - 1


def test_checking_many_designs_takes_a_fixed_number_of_queries(programme: Any) -> None:
    designs = [make_complete_design(programme=programme) for _ in range(4)]
    assert _queries(lambda: check_designs(designs[:1])) == CHECK_QUERIES
    assert _queries(lambda: check_designs(designs)) == CHECK_QUERIES
    reports = check_designs(designs)
    assert [reports[d.pk].score for d in designs] == [check_design(d).score for d in designs]


# Language --------------------------------------------------------------------------------------------


def test_percentages_show_enough_decimals_to_differ() -> None:
    assert percents(0.25, 0.333) == ("25", "33")
    assert percents(0.3329, 0.333) == ("33.29", "33.30")
    assert percents(0.5, 0.5) == ("50", "50")


def test_numbers_follow_the_language() -> None:
    with translation.override("fr"):
        assert percents(0.3329, 0.333) == ("33,29", "33,30")
        assert num(1200).replace("\xa0", "\u202f") == "1\u202f200"


def test_names_in_messages_follow_the_language(design: ActivityDesign) -> None:
    DesignCountry.objects.filter(design=design, country__code="IT").update(route_role="transit")
    facts = design_facts(design)
    with translation.override("fr"):
        assert "Italie" in RULES_BY_CODE["TN-1"].run(facts).message
    with translation.override("en"):
        assert "Italy" in RULES_BY_CODE["TN-1"].run(facts).message
