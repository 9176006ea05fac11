"""Paper entry: /questionnaires/<pk>/paper/ — fast keyboard entry of the answers given on paper.

Who may: whoever may evaluate the session (others, M&E officers included, get 404). Pick the
participant (those without answers first, in name order; those already entered can be corrected),
then the whole questionnaire is on one compact page: the cursor starts in the first field, Tab
moves to the next, choices are typed as the short codes shown beside each question. "Save and
next participant" submits the answers (source: paper) and opens the next participant still
without answers. An anonymous questionnaire takes one new anonymous response per form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from relais.core.pseudonyms import pseudonym
from relais.delivery.models import Registration, RegistrationStatus
from relais.delivery.names import name_key
from relais.evaluation.answers import answers_from_form, value_from_form
from relais.evaluation.forms_answer import PaperData, item_fields
from relais.evaluation.models import ItemType, Questionnaire, Response, ResponseStatus
from relais.evaluation.scoping import may_see_names, questionnaire_for_managing
from relais.evaluation.selectors_answer import (
    contact_choices_for,
    offered_languages,
    questionnaire_view,
    stored_values,
)
from relais.evaluation.services_paper import paper_response_enter, response_delete
from relais.evaluation.views_invitations import questionnaire_url

ENTERABLE = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)


def _people(questionnaire: Questionnaire, names: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Registrations still without submitted answers, and those with (to correct), by name."""
    submitted = set(
        Response.objects.filter(
            questionnaire=questionnaire, status=ResponseStatus.SUBMITTED, registration__isnull=False
        ).values_list("registration_id", flat=True)
    )
    registrations = list(
        Registration.objects.filter(session_id=questionnaire.session_id).select_related("person").order_by("pk")
    )
    registrations.sort(key=lambda r: (name_key(r.person.last_name), name_key(r.person.first_name), r.pk))
    todo, done = [], []
    for r in registrations:
        label = r.person.sort_name if names else pseudonym(r.person_id)
        entry = {"pk": str(r.pk), "label": label, "registration": r}
        if r.pk in submitted:
            done.append(entry)
        elif r.status in ENTERABLE:
            todo.append(entry)
    return todo, done


def _language(questionnaire: Questionnaire) -> str:
    current = get_language() or questionnaire.language
    return current if current in offered_languages(questionnaire) else questionnaire.language


def _render(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    chosen: Registration | None,
    todo: list[dict[str, Any]],
    done: list[dict[str, Any]],
    values: dict[int, Any],
    errors: dict[int, str] | None = None,
    typed: Any = None,
    status: int = 200,
) -> HttpResponse:
    language = _language(questionnaire)
    view = questionnaire_view(questionnaire, language, paginate=False)
    contacts = None
    if any(i.type == ItemType.CONTACTS for i in view.items):
        contacts = contact_choices_for(questionnaire, chosen)
    ready = chosen is not None or questionnaire.anonymous
    fields = item_fields(
        view.items, language=language, values=values, errors=errors, contacts=contacts, paper=True, typed=typed
    )
    chosen_label = next((e["label"] for e in todo + done if chosen is not None and e["pk"] == str(chosen.pk)), "")
    context = {
        "questionnaire": questionnaire,
        "session": questionnaire.session,
        "questionnaire_url": questionnaire_url(questionnaire),
        "qv": view,
        "fields": fields if ready else [],
        "errored": [f for f in fields if f.error],
        "todo": todo,
        "done": done,
        "chosen": chosen,
        "chosen_pk": str(chosen.pk) if chosen else "",
        "chosen_label": chosen_label,
        "correcting": chosen is not None and any(e["pk"] == str(chosen.pk) for e in done),
        "ready": ready,
    }
    response = render(request, "evaluation/paper/entry.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _chosen(questionnaire: Questionnaire, value: Any) -> Registration | None:
    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    registration = Registration.objects.filter(pk=pk, session_id=questionnaire.session_id).first()
    if registration is None:
        raise Http404
    return registration


def _next_url(questionnaire: Questionnaire, todo: list[dict[str, Any]], after: Registration | None) -> str:
    """The page of the next participant still without answers (after the one just saved)."""
    url = reverse("evaluation:paper", kwargs={"pk": questionnaire.pk})
    if questionnaire.anonymous:
        return url
    pks = [e["pk"] for e in todo]
    current = str(after.pk) if after is not None else ""
    rest = pks[pks.index(current) + 1 :] + pks[: pks.index(current)] if current in pks else pks
    return f"{url}?registration={rest[0]}" if rest else url


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = questionnaire_for_managing(user=request.user, pk=pk)
    names = may_see_names(user=request.user, programme_id=questionnaire.programme_id)
    todo, done = _people(questionnaire, names)
    source = request.POST if request.method == "POST" else request.GET
    chosen = None if questionnaire.anonymous else _chosen(questionnaire, source.get("registration"))
    if request.method != "POST":
        response = None
        if chosen is not None:
            response = Response.objects.filter(questionnaire=questionnaire, registration=chosen).first()
        return _render(request, questionnaire, chosen=chosen, todo=todo, done=done, values=stored_values(response))
    if chosen is None and not questionnaire.anonymous:
        raise Http404
    if chosen is not None and request.POST.get("action") == "delete":
        label = next((e["label"] for e in todo + done if e["pk"] == str(chosen.pk)), "")
        if response_delete(actor=request.user, questionnaire=questionnaire, registration=chosen, request=request):
            messages.success(request, _("The answers of %(name)s are deleted.") % {"name": label})
        return HttpResponseRedirect(reverse("evaluation:paper", kwargs={"pk": questionnaire.pk}))
    items = list(questionnaire.items.order_by("position", "id"))
    data = PaperData(request.POST, items)
    contacts = None
    if any(i.type == ItemType.CONTACTS for i in items):
        contacts = contact_choices_for(questionnaire, chosen).allowed()
    values, errors = answers_from_form(items, data, contacts=contacts)
    if not errors:
        try:
            paper_response_enter(
                actor=request.user,
                questionnaire=questionnaire,
                registration=chosen,
                values=values,
                language=_language(questionnaire),
                request=request,
            )
        except ValidationError as error:
            errors = {int(k): " ".join(v) for k, v in getattr(error, "message_dict", {}).items() if k.isdigit()}
            if not errors:
                errors = {items[0].pk: " ".join(error.messages)} if items else {}
        else:
            label = next((e["label"] for e in todo + done if chosen is not None and e["pk"] == str(chosen.pk)), "")
            messages.success(
                request,
                _("Answers of %(name)s saved.") % {"name": label} if label else _("Anonymous answers saved."),
            )
            return HttpResponseRedirect(_next_url(questionnaire, todo, chosen))
    shown = {item.pk: value_from_form(item, data) for item in items}
    return _render(
        request,
        questionnaire,
        chosen=chosen,
        todo=todo,
        done=done,
        values=shown,
        errors=errors,
        typed=request.POST,
    )
