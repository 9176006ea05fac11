"""Background work of accounts (django-tasks): e-mails leave the request, so a slow or failing mail
server never delays a page nor shows an error after the account was saved."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

from relais.accounts.models import User


@task()
def send_invitation(user_id: int, base_url: str) -> None:
    """E-mail the user a link to choose their password, in their own language."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    with translation.override(user.language):
        context = {"user": user, "link": f"{base_url}{path}"}
        send_mail(
            subject=_("Your Relais account"),
            message=render_to_string("accounts/emails/invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
