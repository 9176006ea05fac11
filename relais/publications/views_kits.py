"""Replication kits: asking for a kit of a design (the builds then show on the design's page and on
the build's own page, publications:build)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from relais.core.forms import StyledForm
from relais.publications import kits


class KitForm(StyledForm):
    language = forms.ChoiceField(label=gettext_lazy("Language of the kit"), choices=settings.LANGUAGES)


@login_required
@require_POST
def kit_new(request: HttpRequest, pk: int) -> HttpResponse:
    design = kits.design_for_kit(user=request.user, pk=pk)
    form = KitForm(request.POST)
    back = reverse("design:detail", kwargs={"pk": design.pk}) + "#h-kits"
    if not form.is_valid():
        messages.error(request, _("Choose the language of the kit: English or French."))
        return redirect(back)
    try:
        build = kits.kit_request(
            actor=request.user,
            design=design,
            language=form.cleaned_data["language"],
            base_url=kits.site_url(request),
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("The replication kit is being built: its page shows the progress."))
    return redirect("publications:build", pk=build.pk)
