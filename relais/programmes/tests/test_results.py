"""The results framework: building it, entering values, computed indicators, audit and query counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.programmes import services_results as services
from relais.programmes.indicators import Formula, register_formula, unregister_formula
from relais.programmes.models import Indicator, IndicatorValue, Outcome, Output, Programme
from relais.programmes.selectors_results import code_key, indicator_history, results_framework

TODAY = dt.date(2026, 3, 1)
H1_2025 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
H2_2025 = (dt.date(2025, 7, 1), dt.date(2025, 12, 31))


@pytest.fixture
def framework(personas: dict[str, Any], programme: Programme) -> dict[str, Any]:
    manager = personas["manager"]
    outcome = services.outcome_create(actor=manager, programme=programme, code="1", statement_en="Better referral")
    output = services.output_create(actor=manager, outcome=outcome, code="1.1", statement_en="Inspectors trained")
    trained = services.indicator_create(
        actor=manager,
        programme=programme,
        parent=output,
        code="1.1.a",
        name_en="Inspectors trained",
        unit="people",
        target=Decimal(200),
    )
    return {"outcome": outcome, "output": output, "trained": trained, "manager": manager}


def test_codes_sort_as_people_read_them() -> None:
    assert sorted(["1.10", "1.2", "2", "1.2.b", "1", "1.2.a"], key=code_key) == [
        "1",
        "1.2",
        "1.2.a",
        "1.2.b",
        "1.10",
        "2",
    ]


def test_actual_is_the_latest_period(framework: dict[str, Any], programme: Programme) -> None:
    manager, trained = framework["manager"], framework["trained"]
    for (start, end), value in ((H2_2025, 90), (H1_2025, 40)):  # entered out of order
        services.indicator_value_save(
            actor=manager, indicator=trained, period_start=start, period_end=end, value=Decimal(value)
        )
    result = results_framework(programme=programme, today=TODAY)
    [outcome] = result.outcomes
    [row] = outcome.outputs[0].indicators
    assert row.actual == 90 and row.period is not None and row.period.label == "2025-H2"
    assert row.progress is not None and row.progress.percent == 45
    history = indicator_history(indicator=trained, today=TODAY)
    assert [(h.period.label if h.period else None, h.value) for h in history] == [
        ("2026-H1", None),  # started, no value yet
        ("2025-H2", Decimal(90)),
        ("2025-H1", Decimal(40)),
    ]


def _per_period(programme: Programme, start: dt.date, end: dt.date) -> int:
    return (end - programme.start_date).days  # grows with the period, to tell periods apart


@pytest.fixture
def days_formula() -> Iterator[Formula]:
    formula = Formula("tests.days", "Days since the start", "days", _per_period)
    register_formula(formula)
    yield formula
    unregister_formula(formula.code)


def test_computed_indicator_is_computed_for_each_period(
    framework: dict[str, Any], programme: Programme, days_formula: Formula, client: Any
) -> None:
    indicator = services.indicator_create(
        actor=framework["manager"],
        programme=programme,
        parent=framework["outcome"],
        code="1.a",
        name_en="Days",
        target=Decimal(1000),
        source="computed",
        formula="tests.days",
    )
    result = results_framework(programme=programme, today=TODAY)
    row = result.outcomes[0].indicators[0]
    assert row.formula is days_formula and row.period is not None and row.period.label == "2026-H1"
    assert row.actual == (dt.date(2026, 6, 30) - programme.start_date).days
    history = indicator_history(indicator=indicator, today=TODAY)
    assert [h.value for h in history] == [545, 364, 180]
    assert not IndicatorValue.objects.exists()  # computed, never stored
    # Its values are not entered by hand.
    with pytest.raises(ValidationError):
        services.indicator_value_save(
            actor=framework["manager"],
            indicator=indicator,
            period_start=H1_2025[0],
            period_end=H1_2025[1],
            value=Decimal(1),
        )
    # The programme page shows it to every member.
    client.force_login(framework["manager"])
    html = client.get(reverse("programmes:indicator", args=[programme.pk, indicator.pk])).content.decode()
    assert "Days since the start" in html and "Enter a value" not in html


def test_formula_of_the_programmes_app(framework: dict[str, Any], programme: Programme) -> None:
    services.indicator_create(
        actor=framework["manager"],
        programme=programme,
        parent=framework["outcome"],
        code="1.b",
        name_en="Focal points",
        target=Decimal(4),
        source="computed",
        formula="programmes.countries_with_focal_point",
    )
    row = results_framework(programme=programme, today=TODAY).outcomes[0].indicators[0]
    assert row.actual == 2 and row.as_of == TODAY and row.period is None  # Albania and Italy
    assert row.progress is not None and row.progress.percent == 50


def test_missing_formula_is_shown_not_fatal(framework: dict[str, Any], programme: Programme, client: Any) -> None:
    Indicator.objects.create(
        programme=programme,
        level="outcome",
        outcome=framework["outcome"],
        code="1.z",
        name_en="From a removed app",
        source="computed",
        formula="gone.away",
    )
    row = results_framework(programme=programme, today=TODAY).outcomes[0].indicators[0]
    assert row.missing_formula and row.actual is None
    client.force_login(framework["manager"])
    html = client.get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "formula no longer available" in html


def test_manager_enters_and_corrects_a_value(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    trained = framework["trained"]
    client.force_login(personas["manager"])
    url = reverse("programmes:value_save", args=[programme.pk, trained.pk])
    response = client.post(url, {"period": "2025-01-01/2025-06-30", "value": "40", "note": "Attendance lists"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=trained)
    assert value.entered_by == personas["manager"] and value.value == 40
    client.post(url, {"period": "2025-01-01/2025-06-30", "value": "45.5"})
    value.refresh_from_db()
    assert value.value == Decimal("45.5") and IndicatorValue.objects.count() == 1
    events = list(AuditEvent.objects.filter(action__startswith="indicator_value.").order_by("id"))
    assert [e.action for e in events] == ["indicator_value.entered", "indicator_value.changed"]
    assert events[1].details == {"period": "2025-01-01/2025-06-30", "value": "45.5", "previous": "40.0000"}
    page = client.get(reverse("programmes:indicator", args=[programme.pk, trained.pk]), {"period": value_key()})
    assert 'value="45.5"' in page.content.decode()
    # Removing it is audited too.
    client.post(reverse("programmes:value_delete", args=[programme.pk, trained.pk, value.pk]))
    assert not IndicatorValue.objects.exists()
    assert AuditEvent.objects.filter(action="indicator_value.deleted").exists()


def value_key() -> str:
    return "2025-01-01/2025-06-30"


def test_bad_values_are_refused(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    trained = framework["trained"]
    client.force_login(personas["manager"])
    url = reverse("programmes:value_save", args=[programme.pk, trained.pk])
    future = "2030-01-01/2030-06-30"
    for data, message in [
        ({"period": future, "value": "3"}, "Select a valid choice"),
        ({"period": "2025-01-01/2025-06-30", "value": "many"}, "Enter a number."),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode()
    # A period overlapping one already entered (from an earlier reporting rhythm) is refused by the service.
    services.indicator_value_save(
        actor=personas["manager"],
        indicator=trained,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        value=Decimal(1),
    )
    response = client.post(url, {"period": "2025-07-01/2025-12-31", "value": "3"})
    assert response.status_code == 400 and "overlapping period" in response.content.decode()
    assert IndicatorValue.objects.count() == 1


def test_indicator_forms(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    client.force_login(personas["manager"])
    url = reverse("programmes:indicator_create", args=[programme.pk])
    output = framework["output"]
    page = client.get(url, {"parent": f"output-{output.pk}"}).content.decode()
    assert f'<option value="output-{output.pk}" selected>' in page
    base = {
        "parent": f"output-{output.pk}",
        "code": "1.1.b",
        "name_en": "Labour inspectorates with a THB focal point",
        "unit": "inspectorates",
        "baseline": "0",
        "target": "15",
        "source": "manual",
    }
    # Computed without a formula, an existing code, an unknown parent: refused, nothing written.
    for overrides, message in [
        ({"source": "computed", "formula": ""}, "Choose the formula Relais computes this indicator with."),
        ({"code": "1.1.a"}, "This code is already used in this programme."),
        ({"parent": "output-999999"}, "Select a valid choice"),
    ]:
        response = client.post(url, {**base, **overrides})
        assert response.status_code == 400, overrides
        assert message in response.content.decode()
    assert Indicator.objects.count() == 1
    response = client.post(url, base)
    assert response.status_code == 302
    created = Indicator.objects.get(code="1.1.b")
    assert (created.level, created.output, created.target) == ("output", output, Decimal(15))
    # Move it to the outcome and make it computed.
    edit = reverse("programmes:indicator_edit", args=[programme.pk, created.pk])
    outcome = framework["outcome"]
    response = client.post(
        edit,
        {
            **base,
            "parent": f"outcome-{outcome.pk}",
            "source": "computed",
            "formula": "programmes.partner_organisations",
        },
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.level, created.outcome, created.output, created.formula) == (
        "outcome",
        outcome,
        None,
        "programmes.partner_organisations",
    )
    assert AuditEvent.objects.filter(action="indicator.updated", object_id=str(created.pk)).exists()


def test_indicator_with_values_does_not_become_computed(framework: dict[str, Any], personas: dict[str, Any]) -> None:
    trained = framework["trained"]
    services.indicator_value_save(
        actor=personas["manager"], indicator=trained, period_start=H1_2025[0], period_end=H1_2025[1], value=Decimal(1)
    )
    with pytest.raises(ValidationError) as exc:
        services.indicator_update(
            actor=personas["manager"],
            indicator=trained,
            parent=framework["output"],
            code=trained.code,
            name_en=trained.name_en,
            source="computed",
            formula="programmes.partner_organisations",
        )
    assert "source" in exc.value.message_dict
    trained.refresh_from_db()
    assert trained.source == "manual"


def test_removing_keeps_the_framework_whole(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    client.force_login(personas["manager"])
    outcome, trained = framework["outcome"], framework["trained"]
    response = client.post(reverse("programmes:outcome_delete", args=[programme.pk, outcome.pk]), follow=True)
    assert "Remove this outcome&#x27;s outputs and indicators first." in response.content.decode()
    assert Outcome.objects.filter(pk=outcome.pk).exists()
    services.indicator_value_save(
        actor=personas["manager"], indicator=trained, period_start=H1_2025[0], period_end=H1_2025[1], value=Decimal(7)
    )
    client.post(reverse("programmes:indicator_delete", args=[programme.pk, trained.pk]))
    event = AuditEvent.objects.get(action="indicator.deleted")
    assert event.details["values"] == [{"period": "2025-01-01/2025-06-30", "value": "7.0000"}]
    client.post(reverse("programmes:output_delete", args=[programme.pk, framework["output"].pk]))
    client.post(reverse("programmes:outcome_delete", args=[programme.pk, outcome.pk]))
    assert not Outcome.objects.exists() and not Output.objects.exists()


def test_outcome_and_output_codes_are_unique_in_the_programme(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    client.force_login(personas["manager"])
    response = client.post(
        reverse("programmes:outcome_create", args=[programme.pk]), {"code": "1", "statement_en": "Again"}
    )
    assert response.status_code == 400 and "already used" in response.content.decode()
    second = services.outcome_create(actor=personas["manager"], programme=programme, code="2", statement_en="Two")
    response = client.post(
        reverse("programmes:output_create", args=[programme.pk]),
        {"outcome": second.pk, "code": "1.1", "statement_en": "Same code under another outcome"},
    )
    assert response.status_code == 400
    assert Output.objects.count() == 1


def test_others_cannot_write_the_framework(framework: dict[str, Any], personas: dict[str, Any]) -> None:
    for name in ("coordinator_al", "me_officer", "viewer"):
        with pytest.raises(PermissionError):
            services.indicator_value_save(
                actor=personas[name],
                indicator=framework["trained"],
                period_start=H1_2025[0],
                period_end=H1_2025[1],
                value=Decimal(1),
            )
    assert not IndicatorValue.objects.exists()


def _grow(programme: Programme, manager: Any, outcome: Outcome, n: int, start: int) -> None:
    for i in range(start, start + n):
        output = services.output_create(actor=manager, outcome=outcome, code=f"1.{i}", statement_en=f"Output {i}")
        indicator = services.indicator_create(
            actor=manager,
            programme=programme,
            parent=output,
            code=f"1.{i}.a",
            name_en=f"Indicator {i}",
            target=Decimal(10),
        )
        for start_date, end_date in (H1_2025, H2_2025):
            services.indicator_value_save(
                actor=manager, indicator=indicator, period_start=start_date, period_end=end_date, value=Decimal(i)
            )


def test_framework_pages_do_not_grow_with_the_framework(
    client: Any, framework: dict[str, Any], programme: Programme, personas: dict[str, Any]
) -> None:
    manager = personas["manager"]
    client.force_login(manager)
    pages = [reverse("programmes:detail", args=[programme.pk]), reverse("programmes:results", args=[programme.pk])]

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _grow(programme, manager, framework["outcome"], 2, 2)
    client.get("/")  # the first page after login renews the session
    before = [count(url) for url in pages]
    _grow(programme, manager, framework["outcome"], 12, 10)
    after = [count(url) for url in pages]
    assert before == after, (before, after)
    # The programme page: 17 of its own, and the evaluation block's headline figures (levels 1–4).
    assert after[0] <= 25 and after[1] <= 13, after
