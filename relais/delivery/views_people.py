"""People pages: search, the person page, record and edit, consents, duplicates and merge. Thin: find
what the user may reach (404 otherwise), validate, call one service, redirect or render.

Names never travel in URLs: the search form is posted (a GET carries only the filters by id), pages
of people are reached by number only."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from relais.core.http import is_htmx
from relais.delivery import selectors_people as sel
from relais.delivery import services_people as services
from relais.delivery.forms_people import (
    ConsentForm,
    DuplicatesFilterForm,
    MergeForm,
    PeopleSearchForm,
    PersonForm,
    WithdrawForm,
)
from relais.delivery.models import Person
from relais.delivery.scoping import people_visible, person_for_editing, person_get
from relais.programmes.forms import add_service_errors
from relais.programmes.text import search_key

PAGE_SIZE = 50
PAIRS_PER_PAGE = 25
ORGANISATION_OPTIONS = 200


def _reader(request: HttpRequest) -> None:
    if not sel.may_read_people(user=request.user):
        raise Http404


def _recorder(request: HttpRequest) -> None:
    if not sel.may_record_people(user=request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest) -> HttpResponse:
    _reader(request)
    data: QueryDict = request.POST
    if request.method == "GET":  # filters by id may come in a link; a name never does
        data = request.GET.copy()
        data.pop("q", None)
    visible = people_visible(user=request.user)
    form = PeopleSearchForm(data or None, visible=visible)
    filters = sel.PeopleFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = sel.PeopleFilters(
            query=d["q"],
            country=d["country"].pk if d["country"] else None,
            organisation=d["organisation"].pk if d["organisation"] else None,
            profession=d["profession"].pk if d["profession"] else None,
        )
    found = sel.people_search(user=request.user, filters=filters, visible=visible)
    page = Paginator(found, PAGE_SIZE).get_page(data.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": filters != sel.PeopleFilters(),
        "may_record": sel.may_record_people(user=request.user),
    }
    if is_htmx(request):
        return render(request, "delivery/people/partials/table.html", context)
    return render(request, "delivery/people/list.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    person = person_get(user=request.user, pk=pk)
    services.person_viewed(actor=request.user, person=person, request=request)
    return _detail(request, person)


def _detail(
    request: HttpRequest, person: Person, consent_form: ConsentForm | None = None, status: int = 200
) -> HttpResponse:
    editable = sel.may_edit_person(user=request.user, person=person)
    work = ", ".join(str(part) for part in (person.position, person.organisation and person.organisation.name) if part)
    context = {
        "person": person,
        "headline": [part for part in (work, person.country and person.country.name) if part],
        "languages": list(person.languages.all()),
        "registrations": list(sel.person_registrations(user=request.user, person=person)),
        "consents": list(sel.person_consents(person=person)),
        "editable": editable,
        "consent_form": consent_form or (ConsentForm(prefix="consent") if editable else None),
        "withdraw_form": WithdrawForm(prefix="withdraw") if editable else None,
    }
    return render(request, "delivery/people/detail.html", context, status=status)


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    _recorder(request)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, request=request, **form.service_values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Person recorded."))
            return redirect("delivery:person", pk=person.pk)
    return _form(request, form, None)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    person = person_for_editing(user=request.user, pk=pk)
    if person.anonymised_at is not None:
        messages.error(request, _("This person was anonymised: the record can no longer be edited."))
        return redirect("delivery:person", pk=person.pk)
    if request.method == "GET":
        services.person_viewed(actor=request.user, person=person, page="edit", request=request)
    form = PersonForm(request.POST or None, instance=copy.copy(person), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, request=request, **form.service_values())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("delivery:person", pk=person.pk)
    return _form(request, form, person)


def _form(request: HttpRequest, form: PersonForm, person: Person | None) -> HttpResponse:
    context = {"form": form, "person": person}
    return render(request, "delivery/people/form.html", context, status=400 if form.errors else 200)


@login_required
def person_organisations(request: HttpRequest) -> HttpResponse:
    """The options of the organisation list for a country and a search (htmx, on the person form)."""
    _recorder(request)
    country = request.GET.get("country", "")
    current = request.GET.get("organisation", "")
    qs = sel.organisation_choices(
        country=int(country) if country.isdigit() else None, current=int(current) if current.isdigit() else None
    )
    query = search_key(request.GET.get("organisation_search", "")).strip()[:100]
    options = [
        o for o in qs if not query or str(o.pk) == current or query in search_key(o.name, o.acronym, o.other_names)
    ]
    context = {"options": options[:ORGANISATION_OPTIONS], "more": len(options) > ORGANISATION_OPTIONS}
    return render(request, "delivery/people/partials/organisation_options.html", context | {"current": current})


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    person = person_for_editing(user=request.user, pk=pk)
    form = ConsentForm(request.POST or None, prefix="consent")
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, person=person, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect(reverse("delivery:person", kwargs={"pk": person.pk}) + "#consents")
    context = {"person": person, "form": form}
    return render(request, "delivery/people/consent_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    _reader(request)
    consent = sel.consent_for_editing(user=request.user, person_pk=pk, pk=consent_pk)
    form = WithdrawForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        messages.error(request, _("Give the date on which the consent was withdrawn."))
    else:
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"], request=request
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Consent withdrawn."))
    return redirect(reverse("delivery:person", kwargs={"pk": pk}) + "#consents")


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    _recorder(request)
    form = DuplicatesFilterForm(request.GET or None, user=request.user)
    country = form.cleaned_data["country"] if form.is_bound and form.is_valid() else None
    country_id = country.pk if country else None
    size = sel.duplicates_scope_size(user=request.user, country=country_id)
    too_many = country_id is None and size > sel.DUPLICATES_WHOLE_SCOPE_LIMIT
    pairs = [] if too_many else sel.duplicate_candidates(user=request.user, country=country_id)
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    found = sel.people_by_id(ids=[i for pair in page for i in (pair.person_id, pair.other_id)])
    rows = [(pair, found[pair.person_id], found[pair.other_id]) for pair in page]
    context: dict[str, Any] = {"form": form, "page": page, "rows": rows, "too_many": too_many, "size": size}
    return render(request, "delivery/people/duplicates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, a: int, b: int) -> HttpResponse:
    _recorder(request)
    first, second = sel.merge_pair(user=request.user, a=a, b=b)
    form = MergeForm(request.POST or None, a=first, b=second, fields=services.MERGE_FIELDS)
    if request.method == "POST" and form.is_valid():
        kept, removed, choices = form.merge_arguments()
        removed_pk = removed.pk
        try:
            services.people_merge(actor=request.user, kept=kept, removed=removed, choices=choices, request=request)
        except (ValidationError, IntegrityError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else ""
            form.add_error(
                None,
                message
                or _(
                    "The records could not be merged: a record of another part of Relais clashes. Nothing was changed."
                ),
            )
        else:
            messages.success(
                request,
                _("Records merged: no. %(kept)s stays, no. %(removed)s was removed.")
                % {"kept": kept.pk, "removed": removed_pk},
            )
            return redirect("delivery:person", pk=kept.pk)
    elif request.method == "GET":
        for person in (first, second):
            services.person_viewed(actor=request.user, person=person, page="merge", request=request)
    context = {
        "form": form,
        "a": first,
        "b": second,
        "sides": [("a", first, _side(request, first)), ("b", second, _side(request, second))],
        "shared_sessions": _shared_sessions(request, first, second),
    }
    return render(request, "delivery/people/merge.html", context, status=400 if form.errors else 200)


def _side(request: HttpRequest, person: Person) -> dict[str, Any]:
    visible = list(sel.person_registrations(user=request.user, person=person))
    return {
        "registrations": visible,
        "hidden": person.registrations.count() - len(visible),
        "consents": person.consents.count(),
    }


def _shared_sessions(request: HttpRequest, a: Person, b: Person) -> list[Any]:
    mine = {r.session_id: r for r in sel.person_registrations(user=request.user, person=a)}
    return [
        (mine[r.session_id], r) for r in sel.person_registrations(user=request.user, person=b) if r.session_id in mine
    ]
