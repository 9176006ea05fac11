"""Administration of the design rules: list, edit form, audit, refusal of bad input, 404 for others."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from relais.core.models import AuditEvent
from relais.design.checker import check_design
from relais.design.models import ActivityDesign, RuleSetting
from relais.design.rule_services import rule_setting_update
from relais.design.rules import RULES
from relais.design.tests.factories import make_complete_design

LIST = reverse("design_rules:list")


def edit_url(code: str) -> str:
    return reverse("design_rules:edit", kwargs={"code": code})


def form_data(client: Any, code: str, **changes: Any) -> dict[str, Any]:
    """The form as shown (its initial values), with some fields changed."""
    form = client.get(edit_url(code)).context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form.initial.get(name)
        if name == "enabled":
            if value:
                data[name] = "on"
            continue
        data[name] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_list_shows_every_rule_with_its_settings(admin_client: Any) -> None:
    RuleSetting.objects.filter(code="EV-3").update(enabled=False)
    response = admin_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    for rule in RULES:
        assert f"<code>{rule.code}</code>" in html
        assert edit_url(rule.code) in html
    assert "Not used" in html
    assert "Smallest number of professional groups:</span> 3" in html
    assert "Largest share of the seats one group may hold (%):</span> 50%" in html
    assert "Victim support:</span> Civil society and Social services" in html
    assert "Case study, Simulation exercise, Mock trial" in html


def test_edit_form_derives_fields_from_the_thresholds(admin_client: Any) -> None:
    form = admin_client.get(edit_url("MD-3")).context["form"]
    assert set(form.fields) == {
        "severity",
        "enabled",
        "t__stages__detection",
        "t__stages__investigation",
        "t__stages__prosecution_or_judiciary",
        "t__stages__victim_support",
    }
    assert ("judiciary", "Judiciary") in form.fields["t__stages__detection"].choices
    lo2 = admin_client.get(edit_url("LO-2")).context["form"]
    assert str(lo2.initial["t__min_interactive_share"]) == "33.3"
    assert ("role_play", "Role play") in lo2.fields["t__interactive_methods"].choices
    ev2 = admin_client.get(edit_url("EV-2"))
    assert ev2.context["form"].fields["t__max_months"].max_value == 36
    assert "Default: 6" in ev2.content.decode()
    assert admin_client.get(edit_url("EV-3")).status_code == 200  # no thresholds


def test_unknown_rule_is_404(admin_client: Any) -> None:
    assert admin_client.get(edit_url("XX-9")).status_code == 404


def test_a_threshold_change_is_saved_audited_and_designs_rechecked(admin_client: Any, programme: Any) -> None:
    design = make_complete_design(programme=programme)
    ActivityDesign.objects.filter(pk=design.pk).update(check_score=100, check_passed=True)
    data = form_data(admin_client, "MD-1", t__min_groups=5)
    response = admin_client.post(edit_url("MD-1"), data)
    assert response.status_code == 302 and response["Location"] == LIST
    setting = RuleSetting.objects.get(code="MD-1")
    assert setting.thresholds == {"min_groups": 5}
    event = AuditEvent.objects.get(action="design_rule.updated")
    assert event.object_repr == "MD-1"
    assert event.details["changed"] == ["thresholds.min_groups"]
    assert event.details["before"] == {"thresholds.min_groups": 3}
    assert event.details["after"] == {"thresholds.min_groups": 5}
    design.refresh_from_db()
    assert not design.check_passed  # MD-1 is required and now fails
    assert design.check_score == check_design(design).score < 100


def test_share_severity_and_use_are_saved(admin_client: Any) -> None:
    data = form_data(admin_client, "LO-2", t__min_interactive_share="40", severity="required", enabled=None)
    data["t__interactive_methods"] = ["case_study", "simulation"]
    assert admin_client.post(edit_url("LO-2"), data).status_code == 302
    setting = RuleSetting.objects.get(code="LO-2")
    assert (setting.severity, setting.enabled) == ("required", False)
    assert setting.thresholds == {"min_interactive_share": 0.4, "interactive_methods": ["case_study", "simulation"]}
    changed = AuditEvent.objects.get(action="design_rule.updated").details["changed"]
    assert changed == ["enabled", "severity", "thresholds.interactive_methods", "thresholds.min_interactive_share"]


def test_stages_are_saved(admin_client: Any) -> None:
    data = form_data(admin_client, "MD-3")
    data["t__stages__victim_support"] = ["social_services"]
    assert admin_client.post(edit_url("MD-3"), data).status_code == 302
    stages = RuleSetting.objects.get(code="MD-3").thresholds["stages"]
    assert stages["victim_support"] == ["social_services"]
    assert stages["detection"] == ["labour_inspection", "police"]


def test_saving_without_change_writes_nothing(admin_client: Any) -> None:
    response = admin_client.post(edit_url("MD-2"), form_data(admin_client, "MD-2"), follow=True)
    assert "Nothing changed" in response.content.decode()
    assert not AuditEvent.objects.filter(action="design_rule.updated").exists()


@pytest.mark.parametrize(
    ("code", "changes", "field", "error"),
    [
        ("MD-1", {"t__min_groups": "0"}, "t__min_groups", "greater than or equal to 1"),
        ("MD-1", {"t__min_groups": "many"}, "t__min_groups", "Enter a whole number"),
        ("MD-2", {"t__max_share": "150"}, "t__max_share", "less than or equal to 100"),
        ("EV-2", {"t__min_months": "6", "t__max_months": "3"}, "t__max_months", "cannot come before"),
        ("TN-1", {"t__formats": None}, "t__formats", "Choose at least one"),
        ("LO-2", {"t__interactive_methods": ["karaoke"]}, "t__interactive_methods", "Select a valid choice"),
        ("MD-3", {"t__stages__detection": ["astrology"]}, "t__stages__detection", "Select a valid choice"),
        ("MD-1", {"severity": "optional"}, "severity", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(
    admin_client: Any, code: str, changes: dict[str, Any], field: str, error: str
) -> None:
    before = RuleSetting.objects.get(code=code)
    response = admin_client.post(edit_url(code), form_data(admin_client, code, **changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and error in str(errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html and 'aria-invalid="true"' in html
    after = RuleSetting.objects.get(code=code)
    assert (after.thresholds, after.severity) == (before.thresholds, before.severity)
    assert not AuditEvent.objects.filter(action="design_rule.updated").exists()


def test_the_service_refuses_others_and_bad_thresholds(personas: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError
    from django.http import Http404

    setting = RuleSetting.objects.get(code="MD-1")
    with pytest.raises(Http404):
        rule_setting_update(
            actor=personas["manager"], setting=setting, severity="required", enabled=True, thresholds={"min_groups": 2}
        )
    with pytest.raises(ValidationError):
        rule_setting_update(
            actor=personas["admin"], setting=setting, severity="required", enabled=True, thresholds={"min_groups": "2"}
        )
    with pytest.raises(ValidationError):
        rule_setting_update(
            actor=personas["admin"], setting=setting, severity="required", enabled=True, thresholds={"groups": 2}
        )
    assert RuleSetting.objects.get(code="MD-1").thresholds == {"min_groups": 3}


def test_a_rule_without_row_gets_one_when_saved(admin_client: Any) -> None:
    RuleSetting.objects.filter(code="SU-1").delete()
    assert admin_client.post(edit_url("SU-1"), form_data(admin_client, "SU-1", t__min_measures="2")).status_code == 302
    assert RuleSetting.objects.get(code="SU-1").thresholds == {"min_measures": 2}


@pytest.mark.parametrize("persona", ["manager", "coordinator_al", "trainer", "me_officer", "viewer", "outsider"])
def test_non_administrators_get_404(client: Any, personas: dict[str, Any], persona: str) -> None:
    client.force_login(personas[persona])
    assert client.get(LIST).status_code == 404
    assert client.get(edit_url("MD-1")).status_code == 404
    assert client.post(edit_url("MD-1"), {"severity": "recommended", "t__min_groups": "1"}).status_code == 404
    assert RuleSetting.objects.get(code="MD-1").severity == "required"


def test_anonymous_is_sent_to_login(client: Any, db: None) -> None:
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_check_panel_renders_a_report(admin_client: Any, programme: Any) -> None:
    from django.template.loader import render_to_string

    design = make_complete_design(programme=programme)
    ActivityDesign.objects.filter(pk=design.pk).update(plans_satisfaction=False, format="national")
    design.refresh_from_db()
    html = render_to_string("design/partials/check_panel.html", {"report": check_design(design)})
    assert '<section id="check-panel"' in html and 'aria-live="polite"' in html
    assert "Score: 94 out of 100." in html
    assert "Passes" in html and "Fails" in html and "Does not apply" in html and "Holds" in html
    assert "What to change:" in html and "Plan a satisfaction questionnaire" in html
    assert "<details" in html and "Why this rule" in html
    assert "style=" not in html and "<script" not in html
    assert html.index("EV-3") < html.index("MD-1")  # failures first
    oob = render_to_string("design/partials/check_panel.html", {"report": check_design(design), "oob": True})
    assert 'hx-swap-oob="true"' in oob
