"""Writes of the design rules' settings. Administrators only; each change is audited."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from relais.core.audit import audit_record
from relais.core.registry import register_audit_action
from relais.core.selectors import ensure_administrator
from relais.design.checker import designs_check_refresh
from relais.design.models import RuleSetting, Severity
from relais.design.rules import default_rule_settings, effective_thresholds, get_rule, threshold_errors


def register_rule_audit_actions() -> None:
    """Labels of this module's audit actions (called from the app's registration, see navigation.py)."""
    register_audit_action("design_rule.updated", _("Design rule updated"))


def rule_settings_sync() -> list[str]:
    """Create the settings rows of rules that have none yet, with their defaults; existing rows are
    left untouched. Returns the codes created. Used by `manage.py sync_design_rules`."""
    existing = set(RuleSetting.objects.values_list("code", flat=True))
    missing = [row for row in default_rule_settings() if row["code"] not in existing]
    RuleSetting.objects.bulk_create([RuleSetting(**row) for row in missing])
    return [row["code"] for row in missing]


@transaction.atomic
def rule_setting_update(
    *,
    actor: Any,
    setting: RuleSetting,
    severity: str,
    enabled: bool,
    thresholds: Mapping[str, Any],
    request: HttpRequest | None = None,
) -> RuleSetting:
    """Change a rule's severity, whether it is used, and its thresholds; then re-check every design,
    since stored scores and verdicts depend on the rules. Records which keys changed, with their
    values before and after (audit action "design_rule.updated"). Nothing changed: nothing written."""
    ensure_administrator(actor)
    rule = get_rule(setting.code)
    if rule is None:
        raise ValidationError(f"Unknown design rule {setting.code!r}.")
    if severity not in Severity.values:
        raise ValidationError(f"Unknown severity {severity!r}.")
    wrong = threshold_errors(rule, thresholds)
    if wrong:
        raise ValidationError(f"Thresholds of the wrong shape for {rule.code}: {', '.join(wrong)}.")

    before: dict[str, Any] = {
        "severity": setting.severity,
        "enabled": setting.enabled,
        **{f"thresholds.{k}": v for k, v in effective_thresholds(rule, setting.thresholds).items()},
    }
    new_thresholds = copy.deepcopy(dict(thresholds))
    after: dict[str, Any] = {
        "severity": severity,
        "enabled": bool(enabled),
        **{f"thresholds.{k}": v for k, v in new_thresholds.items()},
    }
    changed = sorted(key for key in after if before.get(key) != after[key])
    if not changed and setting.pk is not None:
        return setting

    setting.severity = severity
    setting.enabled = bool(enabled)
    setting.thresholds = new_thresholds
    setting.save()
    audit_record(
        actor=actor,
        action="design_rule.updated",
        obj=setting,
        details={
            "changed": changed,
            "before": {k: before.get(k) for k in changed},
            "after": {k: after[k] for k in changed},
        },
        request=request,
    )
    # Scores and verdicts stored on designs depend on the rules: re-check them all, in batches. A rare
    # action of an administrator; at the sizes of DESIGN.md §6 it is a few thousand designs.
    designs_check_refresh()
    return setting
