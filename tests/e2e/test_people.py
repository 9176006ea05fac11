"""People in a real browser: search as you type across accents and alphabets, record a person with the
organisation list following the country, and merge two records of one person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from relais.accounts.tests.factories import make_user
from relais.core.models import Country
from relais.delivery.models import Attendance, Consent, Person
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.tests.factories import make_complete_design
from relais.programmes.models import Organisation, Role
from relais.programmes.tests.factories import give_role, make_programme
from tests.e2e.conftest import PASSWORD, login, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)

OTHERS = ["Hoxha", "Shehu", "Leka", "Marku", "Prifti", "Sula", "Tafaj", "Xhafa", "Zeneli", "Basha", "Bregu", "Cani"]


@pytest.fixture
def world(transactional_db: None, _reference_data: None) -> dict[str, Any]:
    programme = make_programme(title_en="Fighting labour trafficking")
    coordinator = make_user(email="coord.al@example.org", full_name="Arben Coordinator", password=PASSWORD)
    give_role(coordinator, programme, Role.COORDINATOR, ["AL"])
    albania = Country.objects.get(code="AL")
    police = Organisation.objects.create(
        name="Albanian State Police (fictional)", country=albania, sector="public", kind="police"
    )
    Organisation.objects.create(name="Tirana Shelter (fictional)", country=albania, sector="civil_society", kind="ngo")
    Organisation.objects.create(
        name="Carabinieri (fictional)", country=Country.objects.get(code="IT"), sector="public", kind="police"
    )
    design = make_complete_design(programme=programme)
    spring = make_session(design=design, country="AL", title="Joint investigation training — Tirana")
    autumn = make_session(
        design=design, country="AL", title="Joint investigation training — Durrës", city="Durrës",
        start_date=dt.date(2026, 10, 5), end_date=dt.date(2026, 10, 6),
    )  # fmt: skip
    milan = make_person(
        "Milan", "Djordjevic", country="AL", organisation=police, email="milan.djordjevic@police.example.al"
    )
    twin = make_person("Милан", "Ђорђевић", country="AL", phone="+355 69 123 4567")
    make_person("Ștefan", "Popescu", country="AL", profession="prosecution")
    make_person("Jelena", "Petrović", country="AL")
    for last in OTHERS:
        make_person("Agim", last, country="AL")
    registration = register(spring, milan, status="attended")
    Attendance.objects.create(registration=registration, day=spring.start_date, present=True)
    register(autumn, twin)
    for person in (milan, twin):
        Consent.objects.create(person=person, purpose="Registration data", given_on=dt.date(2026, 3, 2), method="paper")
    return {"milan": milan, "twin": twin, "spring": spring, "autumn": autumn}


def _check(page: Page, name: str) -> None:
    shot(page, name)
    assert serious_violations(page) == [], name


def _results(page: Page) -> Any:
    return page.locator("#results tbody")


def test_search_as_you_type(page: Page, world: dict[str, Any]) -> None:
    login(page, "coord.al@example.org")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    expect(_results(page).get_by_role("row")).to_have_count(16)
    _check(page, "people-list")
    search = page.get_by_label("Name or e-mail address")
    for typed, expected in (
        ("Đorđević", ["Djordjevic, Milan", "Ђорђевић, Милан"]),
        ("Ђорђевић", ["Djordjevic, Milan", "Ђорђевић, Милан"]),
        ("stefan", ["Popescu, Ștefan"]),
        ("PETROVIC", ["Petrović, Jelena"]),
    ):
        search.fill(typed)
        expect(_results(page).get_by_role("link")).to_have_text(expected)
    assert "Petrovi" not in page.url and "q=" not in page.url  # names never in the address
    _check(page, "people-search")
    page.get_by_role("link", name="Petrović, Jelena").click()
    expect(page.get_by_role("heading", name="Jelena Petrović")).to_be_visible()
    _check(page, "person-page")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone at the sign-in desk
    _check(page, "person-page-phone")
    page.go_back()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    _check(page, "people-list-phone")
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_record_a_person(page: Page, world: dict[str, Any]) -> None:
    login(page, "coord.al@example.org")
    page.goto(f"{page.base_url}/people/new/")  # type: ignore[attr-defined]
    page.get_by_label("First name").fill("Elira")
    page.get_by_label("Last name").fill("Kelmendi")
    organisations = page.get_by_label("Organisation", exact=True)
    page.get_by_label("Country").select_option(label="Albania")
    expect(organisations.locator("option")).to_have_count(3)  # the empty choice and the two of Albania
    page.get_by_label("Find an organisation").fill("shelter")
    expect(organisations.locator("option")).to_have_text(["---------", "Tirana Shelter (fictional)"])
    organisations.select_option(label="Tirana Shelter (fictional)")
    page.get_by_label("E-mail address").fill("elira.kelmendi@shelter.example.al")
    page.get_by_label("Telephone").fill("call me")
    _check(page, "person-new")
    page.get_by_role("button", name="Record the person").click()
    expect(page.locator("#id_phone_error")).to_contain_text("not a telephone number")
    _check(page, "person-new-errors")
    page.get_by_label("Telephone").fill("+355 4 222 3333")
    page.get_by_role("button", name="Record the person").click()
    expect(page.get_by_role("heading", name="Elira Kelmendi")).to_be_visible()
    expect(page.get_by_text("Tirana Shelter (fictional)").first).to_be_visible()
    assert Person.objects.get(last_name="Kelmendi").organisation.name == "Tirana Shelter (fictional)"  # type: ignore[union-attr]
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_merge_two_records(page: Page, world: dict[str, Any]) -> None:
    milan, twin = world["milan"], world["twin"]
    login(page, "coord.al@example.org")
    page.goto(f"{page.base_url}/people/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Possible duplicates").click()
    expect(page.get_by_role("cell", name="Same name, written alike or in another alphabet")).to_be_visible()
    _check(page, "people-duplicates")
    page.get_by_role("link", name="Compare").click()
    expect(page.get_by_role("heading", name="Compare and merge two records")).to_be_visible()
    _check(page, "people-merge")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "people-merge-phone")
    page.set_viewport_size({"width": 1280, "height": 860})
    page.get_by_role("group", name="Record that stays").get_by_label(f"No. {milan.pk}").check()
    page.get_by_role("group", name="Telephone").get_by_label("+355 69 123 4567").check()
    page.get_by_role("button", name="Merge the two records").click()
    expect(page.get_by_role("status")).to_contain_text(f"no. {milan.pk} stays, no. {twin.pk} was removed")
    expect(page.get_by_role("heading", name="Milan Djordjevic")).to_be_visible()
    expect(page.get_by_role("link", name=world["spring"].title)).to_be_visible()
    expect(page.get_by_role("link", name=world["autumn"].title)).to_be_visible()
    expect(page.locator("#consents tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="+355 69 123 4567")).to_be_visible()
    _check(page, "person-merged")
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert page.csp_violations == []  # type: ignore[attr-defined]
