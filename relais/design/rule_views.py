"""Administration of the design rules: their list, and the form of one rule's settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from relais.core.models import Profession
from relais.design.rule_forms import RuleSettingForm, threshold_summary
from relais.design.rule_selectors import rule_setting_get, rule_setting_list
from relais.design.rule_services import rule_setting_update


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rows = rule_setting_list(user=request.user)
    professions = {p.code: p.name for p in Profession.objects.all()}
    items = [{"row": row, "summary": threshold_summary(row.rule, row.thresholds, professions)} for row in rows]
    return render(request, "design/rules/list.html", {"items": items})


@login_required
def rule_edit(request: HttpRequest, code: str) -> HttpResponse:
    rule, setting = rule_setting_get(user=request.user, code=code)
    form = RuleSettingForm(request.POST or None, rule=rule, setting=setting)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed() and setting.pk is not None:
            messages.info(request, _("Nothing changed in %(code)s.") % {"code": rule.code})
            return redirect("design_rules:list")
        rule_setting_update(
            actor=request.user,
            setting=setting,
            severity=form.cleaned_data["severity"],
            enabled=form.cleaned_data["enabled"],
            thresholds=form.thresholds(),
            request=request,
        )
        messages.success(request, _("Saved: %(code)s. Every design was checked again.") % {"code": rule.code})
        return redirect("design_rules:list")
    return render(request, "design/rules/edit.html", {"rule": rule, "setting": setting, "form": form})
