"""Background work of evaluation (django-tasks): the e-mails with personal links. Each message is in
the participant's language (the link's language when it is a language of the interface, else
English), so a slow or failing mail server never delays a page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from relais.evaluation.models import Invitation
from relais.evaluation.selectors_answer import interface_language, translated
from relais.evaluation.selectors_invitations import answer_path


def _link_context(invitation: Invitation, base_url: str) -> dict[str, Any]:
    questionnaire = invitation.questionnaire
    return {
        "title": translated(questionnaire.translations, invitation.language, "title", questionnaire.title),
        "session": questionnaire.session,
        "link": f"{base_url}{answer_path(invitation)}",
        "expires_at": invitation.expires_at,
    }


@task()
def send_invitation_emails(invitation_ids: list[int], base_url: str, reminder: bool = False) -> int:
    """E-mail each participant their personal link (or a reminder of it). Returns how many left."""
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "questionnaire", "questionnaire__session", "registration__person"
    )
    sent = 0
    for invitation in invitations:
        person = invitation.registration.person
        if not person.email:
            continue
        with translation.override(interface_language(invitation.language)):
            context = {"person": person, "reminder": reminder, **_link_context(invitation, base_url)}
            subject = (
                _("Reminder: %(title)s") % {"title": context["title"]}
                if reminder
                else _("Your questionnaire: %(title)s") % {"title": context["title"]}
            )
            send_mail(
                subject=subject,
                message=render_to_string("evaluation/emails/invitation.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[person.email],
            )
        sent += 1
    return sent


@task()
def send_entry_links(session_id: int, email: str, base_url: str, language: str) -> int:
    """Someone typed an address on the session's page: if it is a participant's, e-mail them their
    links (services_invitations.entry_links_prepare). Returns how many links were sent."""
    from relais.evaluation.services_invitations import entry_links_prepare

    ids = entry_links_prepare(session_id=session_id, email=email)
    if not ids:
        return 0
    invitations = list(
        Invitation.objects.filter(pk__in=ids)
        .select_related("questionnaire", "questionnaire__session", "registration__person")
        .order_by("questionnaire__kind", "pk")
    )
    person = invitations[0].registration.person
    with translation.override(interface_language(language)):
        links = [_link_context(i, base_url) for i in invitations]
        session = invitations[0].questionnaire.session
        context = {"person": person, "links": links, "session": session}
        send_mail(
            subject=_("Your questionnaires: %(session)s") % {"session": session.title},
            message=render_to_string("evaluation/emails/entry_links.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.email],
        )
    return len(ids)
