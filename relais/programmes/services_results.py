"""Writes of the results framework: outcomes, outputs, indicators and their values. Atomic and audited.

Only administrators and the programme's managers write here (PermissionError otherwise); bad input
raises ValidationError keyed by field, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from relais.core.audit import audit_record
from relais.programmes.indicators import formula_get
from relais.programmes.models import (
    Indicator,
    IndicatorLevel,
    IndicatorSource,
    IndicatorValue,
    Outcome,
    Output,
    Programme,
)
from relais.programmes.selectors import programme_scope


def _ensure_manager(actor: Any, programme: Programme) -> None:
    if not programme_scope(user=actor, programme=programme).is_manager:
        raise PermissionError(_("Only administrators and the programme's managers may change the results framework."))


def _check_code(model: type[Outcome | Output | Indicator], programme: Programme, code: str, pk: int | None) -> str:
    code = code.strip()
    if not code:
        raise ValidationError({"code": _("Give a code.")})
    others = model._default_manager.filter(programme=programme, code=code)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise ValidationError({"code": _("This code is already used in this programme.")})
    return code


# --- Outcomes ---------------------------------------------------------------------------------------


@transaction.atomic
def outcome_create(
    *,
    actor: Any,
    programme: Programme,
    code: str,
    statement_en: str,
    statement_fr: str = "",
    request: HttpRequest | None = None,
) -> Outcome:
    _ensure_manager(actor, programme)
    code = _check_code(Outcome, programme, code, None)
    outcome = Outcome.objects.create(
        programme=programme, code=code, statement_en=statement_en, statement_fr=statement_fr
    )
    audit_record(actor=actor, action="outcome.created", obj=outcome, details={"code": code}, request=request)
    return outcome


@transaction.atomic
def outcome_update(
    *,
    actor: Any,
    outcome: Outcome,
    code: str,
    statement_en: str,
    statement_fr: str = "",
    request: HttpRequest | None = None,
) -> Outcome:
    _ensure_manager(actor, outcome.programme)
    code = _check_code(Outcome, outcome.programme, code, outcome.pk)
    changed = _assign(outcome, code=code, statement_en=statement_en, statement_fr=statement_fr)
    if changed:
        outcome.save()
        audit_record(actor=actor, action="outcome.updated", obj=outcome, details={"fields": changed}, request=request)
    return outcome


@transaction.atomic
def outcome_delete(*, actor: Any, outcome: Outcome, request: HttpRequest | None = None) -> None:
    _ensure_manager(actor, outcome.programme)
    if outcome.outputs.exists() or outcome.indicators.exists():
        raise ValidationError(_("Remove this outcome's outputs and indicators first."))
    audit_record(actor=actor, action="outcome.deleted", obj=outcome, details={"code": outcome.code}, request=request)
    outcome.delete()


# --- Outputs ----------------------------------------------------------------------------------------


def _check_outcome(outcome: Outcome, programme: Programme) -> None:
    if outcome.programme_id != programme.pk:
        raise ValidationError({"outcome": _("Choose an outcome of this programme.")})


@transaction.atomic
def output_create(
    *,
    actor: Any,
    outcome: Outcome,
    code: str,
    statement_en: str,
    statement_fr: str = "",
    request: HttpRequest | None = None,
) -> Output:
    programme = outcome.programme
    _ensure_manager(actor, programme)
    code = _check_code(Output, programme, code, None)
    output = Output.objects.create(
        programme=programme, outcome=outcome, code=code, statement_en=statement_en, statement_fr=statement_fr
    )
    audit_record(actor=actor, action="output.created", obj=output, details={"code": code}, request=request)
    return output


@transaction.atomic
def output_update(
    *,
    actor: Any,
    output: Output,
    outcome: Outcome,
    code: str,
    statement_en: str,
    statement_fr: str = "",
    request: HttpRequest | None = None,
) -> Output:
    programme = output.programme
    _ensure_manager(actor, programme)
    _check_outcome(outcome, programme)
    code = _check_code(Output, programme, code, output.pk)
    changed = _assign(output, outcome=outcome, code=code, statement_en=statement_en, statement_fr=statement_fr)
    if changed:
        output.save()
        audit_record(actor=actor, action="output.updated", obj=output, details={"fields": changed}, request=request)
    return output


@transaction.atomic
def output_delete(*, actor: Any, output: Output, request: HttpRequest | None = None) -> None:
    _ensure_manager(actor, output.programme)
    if output.indicators.exists():
        raise ValidationError(_("Remove this output's indicators first."))
    audit_record(actor=actor, action="output.deleted", obj=output, details={"code": output.code}, request=request)
    output.delete()


# --- Indicators -------------------------------------------------------------------------------------


def _indicator_fields(
    programme: Programme,
    parent: Outcome | Output,
    source: str,
    formula: str,
    baseline: Decimal | None,
) -> dict[str, Any]:
    if parent.programme_id != programme.pk:
        raise ValidationError({"parent": _("Choose an outcome or an output of this programme.")})
    if source == IndicatorSource.COMPUTED:
        if formula_get(formula) is None:
            raise ValidationError({"formula": _("Choose a formula from the list.")})
    elif source == IndicatorSource.MANUAL:
        formula = ""
    else:
        raise ValidationError({"source": _("Choose how the indicator is measured.")})
    is_outcome = isinstance(parent, Outcome)
    return {
        "level": IndicatorLevel.OUTCOME if is_outcome else IndicatorLevel.OUTPUT,
        "outcome": parent if is_outcome else None,
        "output": None if is_outcome else parent,
        "source": source,
        "formula": formula,
        "baseline": baseline if baseline is not None else Decimal(0),
    }


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    programme: Programme,
    parent: Outcome | Output,
    code: str,
    name_en: str,
    name_fr: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    source: str = IndicatorSource.MANUAL,
    formula: str = "",
    disaggregation: str = "",
    means_of_verification: str = "",
    request: HttpRequest | None = None,
) -> Indicator:
    _ensure_manager(actor, programme)
    code = _check_code(Indicator, programme, code, None)
    indicator = Indicator.objects.create(
        programme=programme,
        code=code,
        name_en=name_en,
        name_fr=name_fr,
        unit=unit,
        target=target,
        disaggregation=disaggregation,
        means_of_verification=means_of_verification,
        **_indicator_fields(programme, parent, source, formula, baseline),
    )
    audit_record(
        actor=actor,
        action="indicator.created",
        obj=indicator,
        details={"code": code, "source": indicator.source, "formula": indicator.formula},
        request=request,
    )
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: Any,
    indicator: Indicator,
    parent: Outcome | Output,
    code: str,
    name_en: str,
    name_fr: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    source: str = IndicatorSource.MANUAL,
    formula: str = "",
    disaggregation: str = "",
    means_of_verification: str = "",
    request: HttpRequest | None = None,
) -> Indicator:
    programme = indicator.programme
    _ensure_manager(actor, programme)
    code = _check_code(Indicator, programme, code, indicator.pk)
    fields = _indicator_fields(programme, parent, source, formula, baseline)
    if fields["source"] == IndicatorSource.COMPUTED and indicator.values.exists():
        raise ValidationError(
            {"source": _("Values were entered by hand for this indicator: delete them before it is computed.")}
        )
    changed = _assign(
        indicator,
        code=code,
        name_en=name_en,
        name_fr=name_fr,
        unit=unit,
        target=target,
        disaggregation=disaggregation,
        means_of_verification=means_of_verification,
        **fields,
    )
    if changed:
        indicator.save()
        audit_record(
            actor=actor, action="indicator.updated", obj=indicator, details={"fields": changed}, request=request
        )
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Any, indicator: Indicator, request: HttpRequest | None = None) -> None:
    """Delete an indicator and its values (the audit event keeps the values)."""
    _ensure_manager(actor, indicator.programme)
    values = [
        {"period": f"{v.period_start}/{v.period_end}", "value": str(v.value)}
        for v in indicator.values.order_by("period_start")
    ]
    audit_record(
        actor=actor,
        action="indicator.deleted",
        obj=indicator,
        details={"code": indicator.code, "values": values},
        request=request,
    )
    indicator.delete()


# --- Values -----------------------------------------------------------------------------------------


@transaction.atomic
def indicator_value_save(
    *,
    actor: Any,
    indicator: Indicator,
    period_start: dt.date,
    period_end: dt.date,
    value: Decimal,
    note: str = "",
    request: HttpRequest | None = None,
) -> IndicatorValue:
    """Enter (or correct) the value of a manual indicator for one period."""
    _ensure_manager(actor, indicator.programme)
    if indicator.is_computed:
        raise ValidationError(_("Relais computes this indicator: its values are not entered by hand."))
    if period_end < period_start:
        raise ValidationError({"period": _("The period ends before it starts.")})
    overlapping = (
        IndicatorValue.objects.filter(indicator=indicator, period_start__lte=period_end, period_end__gte=period_start)
        .exclude(period_start=period_start, period_end=period_end)
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            {
                "period": _("A value is already entered for an overlapping period (%(start)s – %(end)s).")
                % {"start": overlapping.period_start, "end": overlapping.period_end}
            }
        )
    entered_by = actor if getattr(actor, "is_authenticated", False) else None
    row = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period_start=period_start, period_end=period_end)
        .first()
    )
    details: dict[str, Any] = {"period": f"{period_start}/{period_end}", "value": str(value)}
    if row is None:
        row = IndicatorValue.objects.create(
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
            note=note,
            entered_by=entered_by,
        )
        action = "indicator_value.entered"
    else:
        details["previous"] = str(row.value)
        row.value, row.note, row.entered_by = value, note, entered_by
        row.save()
        action = "indicator_value.changed"
    audit_record(actor=actor, action=action, obj=indicator, details=details, request=request)
    return row


@transaction.atomic
def indicator_value_delete(*, actor: Any, value: IndicatorValue, request: HttpRequest | None = None) -> None:
    indicator = value.indicator
    _ensure_manager(actor, indicator.programme)
    audit_record(
        actor=actor,
        action="indicator_value.deleted",
        obj=indicator,
        details={"period": f"{value.period_start}/{value.period_end}", "value": str(value.value)},
        request=request,
    )
    value.delete()


def _assign(obj: Any, **values: Any) -> list[str]:
    """Set the values on the object; the names of those that changed."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
