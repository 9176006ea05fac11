"""Pages of the results framework: the managers' edit page, outcomes, outputs, indicators and values."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.programmes import services_results as services
from relais.programmes.forms import add_service_errors
from relais.programmes.forms_results import IndicatorForm, IndicatorValueForm, OutcomeForm, OutputForm
from relais.programmes.indicators import formulas, plain_decimal
from relais.programmes.models import IndicatorValue, Programme
from relais.programmes.selectors import programme_get, programme_get_managed, programme_scope
from relais.programmes.selectors_results import (
    indicator_get,
    indicator_history,
    indicator_row,
    outcome_get,
    output_get,
    parse_period,
    results_framework,
)


@login_required
def results_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    context = {"programme": programme, "framework": results_framework(programme=programme), "formulas": formulas()}
    return render(request, "programmes/results.html", context)


def _form_page(
    request: HttpRequest,
    programme: Programme,
    form: BaseForm,
    save: Callable[[], Any],
    *,
    title: str,
    saved: str,
    delete_url: str = "",
    anchor: str = "",
) -> HttpResponse:
    """Validate, call the service, go back to the framework; or show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, saved)
            return redirect(reverse("programmes:results", kwargs={"pk": programme.pk}) + anchor)
    context = {"programme": programme, "form": form, "title": title, "delete_url": delete_url}
    return render(request, "programmes/results_form.html", context, status=400 if form.errors else 200)


def _deleted(request: HttpRequest, programme: Programme, delete: Callable[[], Any], done: str) -> HttpResponse:
    try:
        delete()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("programmes:results", pk=programme.pk)


@login_required
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    form = OutcomeForm(request.POST or None)

    def save() -> Any:
        return services.outcome_create(actor=request.user, programme=programme, request=request, **form.cleaned_data)

    return _form_page(request, programme, form, save, title=_("Add an outcome"), saved=_("Outcome added."))


@login_required
def outcome_edit(request: HttpRequest, pk: int, outcome_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    outcome = outcome_get(programme=programme, pk=outcome_pk)
    outcome.programme = programme
    form = OutcomeForm(request.POST or None, instance=copy.copy(outcome))

    def save() -> Any:
        return services.outcome_update(actor=request.user, outcome=outcome, request=request, **form.cleaned_data)

    return _form_page(
        request,
        programme,
        form,
        save,
        title=_("Outcome %(code)s") % {"code": outcome.code},
        saved=_("Outcome saved."),
        delete_url=reverse("programmes:outcome_delete", kwargs={"pk": pk, "outcome_pk": outcome.pk}),
        anchor=f"#outcome-{outcome.pk}",
    )


@login_required
@require_POST
def outcome_delete(request: HttpRequest, pk: int, outcome_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    outcome = outcome_get(programme=programme, pk=outcome_pk)
    outcome.programme = programme
    return _deleted(
        request,
        programme,
        lambda: services.outcome_delete(actor=request.user, outcome=outcome, request=request),
        _("Outcome removed."),
    )


@login_required
def output_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    initial = {"outcome": request.GET.get("outcome")} if request.method == "GET" else None
    form = OutputForm(request.POST or None, initial=initial, programme=programme)

    def save() -> Any:
        data = dict(form.cleaned_data)
        outcome = data.pop("outcome")
        outcome.programme = programme
        return services.output_create(actor=request.user, outcome=outcome, request=request, **data)

    return _form_page(request, programme, form, save, title=_("Add an output"), saved=_("Output added."))


@login_required
def output_edit(request: HttpRequest, pk: int, output_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    output = output_get(programme=programme, pk=output_pk)
    output.programme = programme
    form = OutputForm(request.POST or None, instance=copy.copy(output), programme=programme)

    def save() -> Any:
        return services.output_update(actor=request.user, output=output, request=request, **form.cleaned_data)

    return _form_page(
        request,
        programme,
        form,
        save,
        title=_("Output %(code)s") % {"code": output.code},
        saved=_("Output saved."),
        delete_url=reverse("programmes:output_delete", kwargs={"pk": pk, "output_pk": output.pk}),
        anchor=f"#output-{output.pk}",
    )


@login_required
@require_POST
def output_delete(request: HttpRequest, pk: int, output_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    output = output_get(programme=programme, pk=output_pk)
    output.programme = programme
    return _deleted(
        request,
        programme,
        lambda: services.output_delete(actor=request.user, output=output, request=request),
        _("Output removed."),
    )


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    initial = {"parent": request.GET.get("parent")} if request.method == "GET" else None
    form = IndicatorForm(request.POST or None, initial=initial, programme=programme)

    def save() -> Any:
        return services.indicator_create(
            actor=request.user, programme=programme, request=request, **form.service_values()
        )

    return _form_page(request, programme, form, save, title=_("Add an indicator"), saved=_("Indicator added."))


@login_required
def indicator_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    indicator = indicator_get(programme=programme, pk=indicator_pk)
    form = IndicatorForm(request.POST or None, instance=copy.copy(indicator), programme=programme)

    def save() -> Any:
        return services.indicator_update(
            actor=request.user, indicator=indicator, request=request, **form.service_values()
        )

    return _form_page(
        request,
        programme,
        form,
        save,
        title=_("Indicator %(code)s") % {"code": indicator.code},
        saved=_("Indicator saved."),
        delete_url=reverse("programmes:indicator_delete", kwargs={"pk": pk, "indicator_pk": indicator.pk}),
        anchor=f"#indicator-{indicator.pk}",
    )


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    indicator = indicator_get(programme=programme, pk=indicator_pk)
    return _deleted(
        request,
        programme,
        lambda: services.indicator_delete(actor=request.user, indicator=indicator, request=request),
        _("Indicator removed."),
    )


def _indicator_page(
    request: HttpRequest, programme: Programme, pk: int, form: IndicatorValueForm | None, status: int = 200
) -> HttpResponse:
    indicator = indicator_get(programme=programme, pk=pk)
    is_manager = programme_scope(user=request.user, programme=programme).is_manager
    if form is None and is_manager and not indicator.is_computed:
        form = IndicatorValueForm(programme=programme, initial=_value_initial(request, indicator))
    context = {
        "programme": programme,
        "indicator": indicator,
        "row": indicator_row(indicator=indicator),
        "history": indicator_history(indicator=indicator),
        "is_manager": is_manager,
        "form": form if is_manager else None,
    }
    return render(request, "programmes/indicator.html", context, status=status)


def _value_initial(request: HttpRequest, indicator: Any) -> dict[str, Any]:
    """Prefilled with the period asked for (?period=…) and its value when there is one, to correct it."""
    key = request.GET.get("period", "")
    dates = parse_period(key)
    if dates is None:
        return {}
    stored = IndicatorValue.objects.filter(indicator=indicator, period_start=dates[0], period_end=dates[1]).first()
    if stored is None:
        return {"period": key}
    return {"period": key, "value": plain_decimal(stored.value), "note": stored.note}


@login_required
def indicator_detail(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    programme = programme_get(user=request.user, pk=pk)
    return _indicator_page(request, programme, indicator_pk, None)


@login_required
@require_POST
def value_save(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    indicator = indicator_get(programme=programme, pk=indicator_pk)
    form = IndicatorValueForm(request.POST, programme=programme)
    if form.is_valid():
        start, end = form.cleaned_data["period"]
        try:
            services.indicator_value_save(
                actor=request.user,
                indicator=indicator,
                period_start=start,
                period_end=end,
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Value saved."))
            return redirect("programmes:indicator", pk=programme.pk, indicator_pk=indicator.pk)
    return _indicator_page(request, programme, indicator_pk, form, status=400)


@login_required
@require_POST
def value_delete(request: HttpRequest, pk: int, indicator_pk: int, value_pk: int) -> HttpResponse:
    programme = programme_get_managed(user=request.user, pk=pk)
    indicator = indicator_get(programme=programme, pk=indicator_pk)
    value = IndicatorValue.objects.filter(indicator=indicator, pk=value_pk).first()
    if value is None:
        raise Http404
    value.indicator = indicator
    services.indicator_value_delete(actor=request.user, value=value, request=request)
    messages.success(request, _("Value removed."))
    return redirect("programmes:indicator", pk=programme.pk, indicator_pk=indicator.pk)
