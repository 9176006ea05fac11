"""Reads of the design rules' settings, for their administration. Administrators only (404 otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from relais.core.selectors import ensure_administrator
from relais.design.checker import rule_settings
from relais.design.models import RuleSetting
from relais.design.rules import RULES, Rule, default_rule_settings, effective_thresholds, get_rule


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    setting: RuleSetting
    thresholds: dict[str, Any]  # effective: stored values over defaults


def rule_setting_list(*, user: Any) -> list[RuleRow]:
    """Every rule of the code, in rule order, with its settings (one query)."""
    ensure_administrator(user)
    settings = rule_settings()
    return [
        RuleRow(rule, settings[rule.code], effective_thresholds(rule, settings[rule.code].thresholds)) for rule in RULES
    ]


def rule_setting_get(*, user: Any, code: str) -> tuple[Rule, RuleSetting]:
    """A rule and its settings row; a rule without a row yet gets an unsaved one with its defaults
    (saving it creates the row). Unknown codes are 404."""
    ensure_administrator(user)
    rule = get_rule(code)
    if rule is None:
        raise Http404
    setting = RuleSetting.objects.filter(code=code).first()
    if setting is None:
        defaults = next(row for row in default_rule_settings() if row["code"] == code)
        setting = RuleSetting(**defaults)
    return rule, setting
