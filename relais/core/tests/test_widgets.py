"""The quick selects write the same markup as Django's templates (whitespace aside)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms

from relais.core.models import Country
from relais.core.widgets import QuickSelect, QuickSelectMultiple


def _same(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


CHOICES = [("", "All"), ("a", "Alpha & <b>"), ("Group", [("g1", "In group"), ("g2", 'Also "quoted"')]), (3, "Three")]


@pytest.mark.parametrize("value", [None, "a", "g2", 3, ""])
def test_select_matches_django(value: Any) -> None:
    attrs = {"class": "form-select is-invalid", "aria-invalid": "true", "id": "id_x", "required": True}
    plain = forms.Select(choices=CHOICES, attrs=attrs).render("x", value)
    quick = QuickSelect(choices=CHOICES, attrs=attrs).render("x", value)
    assert _same(quick) == _same(plain)


def test_select_multiple_matches_django() -> None:
    plain = forms.SelectMultiple(choices=CHOICES).render("x", ["a", "g1"])
    quick = QuickSelectMultiple(choices=CHOICES).render("x", ["a", "g1"])
    assert _same(quick) == _same(plain)


@pytest.mark.django_db
def test_model_choices_match_django() -> None:
    class F(forms.Form):
        country = forms.ModelChoiceField(queryset=Country.objects.order_by("code")[:30], empty_label="All countries")

    form = F(data={"country": Country.objects.order_by("code").first().pk})  # type: ignore[union-attr]
    plain = str(form["country"])
    form.fields["country"].widget.__class__ = QuickSelect
    assert _same(str(form["country"])) == _same(plain)


def test_styled_forms_use_the_quick_selects() -> None:
    from relais.core.forms import StyledForm

    class F(StyledForm):
        one = forms.ChoiceField(choices=CHOICES)
        many = forms.MultipleChoiceField(choices=CHOICES)

    form = F()
    assert type(form.fields["one"].widget) is QuickSelect
    assert type(form.fields["many"].widget) is QuickSelectMultiple
