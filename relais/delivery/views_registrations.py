"""The participants of a session: list with statuses and counts, adding people (found or new), status
changes (htmx), removal. Thin views: scoping finds the session for this user (404 otherwise), a form
validates, one service writes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.core.http import is_htmx
from relais.delivery import scoping, services_registrations
from relais.delivery.forms_registrations import NewPersonForm, PersonSearchForm, StatusForm
from relais.delivery.models import Registration, RegistrationStatus, Session
from relais.delivery.selectors_registrations import (
    SEARCH_RESULTS,
    counts_from,
    person_for_adding,
    person_search,
    possible_duplicates,
    registration_for_managing,
    registration_list,
    session_for_list,
)
from relais.delivery.services_registrations import StatusChange


def _context(request: HttpRequest, session: Session, query: str = "") -> dict[str, Any]:
    may_manage = scoping.may_manage(user=request.user, session=session)
    registrations = registration_list(session)
    return {
        "session": session,
        "registrations": registrations,
        "counts": counts_from(registrations, session),
        "may_manage": may_manage,
        "statuses": RegistrationStatus.choices,
        "query": query,
        "found": person_search(user=request.user, session=session, query=query) if may_manage and query else [],
        "limit": SEARCH_RESULTS,
    }


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_list(user=request.user, pk=pk)
    form = PersonSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {**_context(request, session, query), "form": form}
    if is_htmx(request) and request.GET.get("partial") == "search":
        return render(request, "delivery/registrations/partials/search_results.html", context)
    return render(request, "delivery/registrations/list.html", context)


def _back(session: Session, query: str = "") -> HttpResponse:
    url = reverse("delivery:registrations", kwargs={"pk": session.pk})
    query = query.strip()[:100]
    return redirect(f"{url}?{urlencode({'q': query})}#add" if query else url)


def _added_message(request: HttpRequest, registration: Registration) -> None:
    if registration.status == RegistrationStatus.WAITING:
        text = _("The session is full: %(person)s is on the waiting list.")
        messages.warning(request, text % {"person": registration.person})
    else:
        messages.success(request, _("%(person)s is registered.") % {"person": registration.person})


@login_required
@require_POST
def registration_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = scoping.session_for_managing(user=request.user, pk=pk)
    person = person_for_adding(user=request.user, pk=request.POST.get("person"))
    try:
        registration = services_registrations.registration_add(
            actor=request.user, session=session, person=person, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        _added_message(request, registration)
    return _back(session, request.POST.get("q", ""))


@login_required
def registration_new_person(request: HttpRequest, pk: int) -> HttpResponse:
    session = scoping.session_for_managing(user=request.user, pk=pk)
    initial = {"country": session.country_id, "last_name": request.GET.get("q", "")[:150]}
    form = NewPersonForm(request.POST or None, session=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.person_values()
        if not form.cleaned_data["record_anyway"]:
            form.ask_to_confirm(possible_duplicates(user=request.user, **values))
        if not form.duplicates:
            registration = services_registrations.registration_add_new_person(
                actor=request.user, session=session, request=request, **values
            )
            _added_message(request, registration)
            return _back(session)
    status = 400 if form.errors or form.duplicates else 200
    return render(request, "delivery/registrations/new_person.html", {"session": session, "form": form}, status=status)


def _status_messages(request: HttpRequest, change: StatusChange) -> None:
    registration = change.registration
    if change.waitlisted:
        text = _("The session is full: %(person)s was put on the waiting list.")
        messages.warning(request, text % {"person": registration.person})
    else:
        text = _("%(person)s: status changed to “%(status)s”.")
        messages.success(request, text % {"person": registration.person, "status": registration.get_status_display()})
    if change.promoted is not None:
        text = _("A seat was freed: %(person)s moved from the waiting list to registered.")
        messages.info(request, text % {"person": change.promoted.person})


def _table(request: HttpRequest, session: Session) -> HttpResponse:
    """After a change: the table again (htmx swaps it, with the messages), or the page."""
    if is_htmx(request):
        return render(request, "delivery/registrations/partials/changed.html", _context(request, session))
    return _back(session)


@login_required
@require_POST
def registration_status(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = registration_for_managing(user=request.user, pk=pk, registration_pk=registration_pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return _table(request, registration.session)
    change = services_registrations.registration_set_status(
        actor=request.user, registration=registration, status=form.cleaned_data["status"], request=request
    )
    _status_messages(request, change)
    return _table(request, registration.session)


@login_required
@require_POST
def registration_remove(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = registration_for_managing(user=request.user, pk=pk, registration_pk=registration_pk)
    person = registration.person
    try:
        promoted = services_registrations.registration_remove(
            actor=request.user, registration=registration, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(person)s was removed from the session.") % {"person": person})
        if promoted is not None:
            text = _("A seat was freed: %(person)s moved from the waiting list to registered.")
            messages.info(request, text % {"person": promoted.person})
    return _table(request, registration.session)
