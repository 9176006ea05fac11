"""Sessions: created from a design (with its check), edited, cancelled, duplicated; bad input is refused
before anything is written; the session page; a coordinator of another country gets 404 everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.core.models import AuditEvent, Country, Language
from relais.delivery import services_sessions as services
from relais.delivery.models import RegistrationStatus, Session, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.models import Material
from relais.design.tests.factories import add_day, add_module, make_complete_design, make_design
from relais.programmes.models import Role
from relais.programmes.tests.factories import give_role


@pytest.fixture
def world(personas: dict[str, Any], programme: Any) -> dict[str, Any]:
    design = make_complete_design(programme=programme, title="Joint investigation training")
    design.check_passed, design.check_score = True, 100
    design.save()
    al = make_session(design=design, country="AL", city="Tirana", start_date=dt.date(2026, 3, 2))
    al.trainers.add(personas["trainer"])
    it = make_session(
        design=design, country="IT", city="Rome", start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 7)
    )
    return {"design": design, "al": al, "it": it, **personas}


def _create_data(country: str = "AL", **extra: Any) -> dict[str, Any]:
    data = {
        "design": "",
        "country": Country.objects.get(code=country).pk,
        "city": "Durrës",
        "venue": "Hotel Adriatik, Hall A",
        "start_date": "2026-05-05",
        "end_date": "2026-05-06",
        "capacity": "24",
        "status": "planned",
        "languages": [Language.objects.get(code="sq").pk],
        "title": "",
        "notes": "",
    }
    data.update(extra)
    return data


# --- Create -------------------------------------------------------------------------------------------


def test_new_session_starts_with_choosing_a_design(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    page = client.get(reverse("delivery:session_new"))
    assert page.status_code == 200
    assert "Joint investigation training" in page.content.decode()
    form = client.get(reverse("delivery:session_new"), {"design": world["design"].pk})
    html = form.content.decode()
    assert "Design check" in html and "does not pass" not in html
    # A coordinator of Albania is offered Albania only.
    assert form.context["form"].fields["country"].queryset.get().code == "AL"


def test_create_from_a_design(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    data = _create_data(design=world["design"].pk, trainers=[world["trainer"].pk])
    response = client.post(reverse("delivery:session_new"), data)
    session = Session.objects.get(city="Durrës")
    assert response.status_code == 302 and response["Location"] == reverse(
        "delivery:session", kwargs={"pk": session.pk}
    )
    assert session.title == "Joint investigation training — Durrës"
    assert session.programme == world["design"].programme
    assert list(session.trainers.all()) == [world["trainer"]]
    assert [lang.code for lang in session.languages.all()] == ["sq"]
    assert session.created_by == world["coordinator_al"]
    event = AuditEvent.objects.get(action="session.created")
    assert event.object_id == str(session.pk) and event.details["design_check_passed"] is True


def test_a_design_whose_check_fails_is_allowed_with_a_warning(
    client: Any, world: dict[str, Any], programme: Any
) -> None:
    weak = make_design(programme=programme, title="Weak seminar")
    add_module(add_day(weak, "Only day"), "Lecture", "lecture", 60)
    client.force_login(world["manager"])
    form = client.get(reverse("delivery:session_new"), {"design": weak.pk})
    assert "This design does not pass its check." in form.content.decode()
    response = client.post(reverse("delivery:session_new"), _create_data(design=weak.pk), follow=True)
    assert response.status_code == 200
    assert Session.objects.filter(design=weak).count() == 1
    assert "does not pass its check" in response.content.decode()


def test_create_refuses_bad_input_without_writing(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    before = Session.objects.count()
    url = reverse("delivery:session_new")
    # The last day before the first.
    page = client.post(url, _create_data(design=world["design"].pk, start_date="2026-05-06", end_date="2026-05-05"))
    assert page.status_code == 200 and "cannot come before the first day" in page.content.decode()
    # A country the coordinator does not cover (not offered, refused as an invalid choice).
    page = client.post(url, _create_data("IT", design=world["design"].pk))
    assert page.status_code == 200 and page.context["form"].errors["country"]
    # Someone who is not a trainer of the programme.
    page = client.post(url, _create_data(design=world["design"].pk, trainers=[world["viewer"].pk]))
    assert page.context["form"].errors["trainers"]
    # Delivered before it started.
    page = client.post(
        url, _create_data(design=world["design"].pk, status="delivered", start_date="2099-01-01", end_date="2099-01-02")
    )
    assert page.context["form"].errors["status"]
    # A design of another programme, or a guessed id: 404.
    assert client.post(url, _create_data(design=999999)).status_code == 404
    assert Session.objects.count() == before
    assert not AuditEvent.objects.filter(action="session.created").exists()


def test_service_refuses_what_the_form_would_not_offer(world: dict[str, Any]) -> None:
    italy = Country.objects.get(code="IT")
    with pytest.raises(ValidationError) as exc:
        services.session_create(
            actor=world["coordinator_al"],
            design=world["design"],
            country=italy,
            city="Rome",
            start_date=dt.date(2026, 5, 5),
            end_date=dt.date(2026, 5, 4),
            trainers=[world["viewer"]],
        )
    assert set(exc.value.message_dict) == {"country", "end_date", "trainers"}
    with pytest.raises(PermissionError):
        services.session_create(
            actor=world["trainer"],
            design=world["design"],
            country=italy,
            city="Rome",
            start_date=dt.date(2026, 5, 5),
            end_date=dt.date(2026, 5, 5),
        )
    assert Session.objects.count() == 2


def test_shorter_than_the_design_warns(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    data = _create_data(design=world["design"].pk, start_date="2026-05-05", end_date="2026-05-05")
    response = client.post(reverse("delivery:session_new"), data, follow=True)
    assert "lasts 1 day but the design&#x27;s agenda has 2" in response.content.decode()
    assert "after the last day of the session" in response.content.decode()


# --- Edit, cancel, duplicate ------------------------------------------------------------------------------


def test_edit(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    session = world["al"]
    url = reverse("delivery:session_edit", kwargs={"pk": session.pk})
    assert client.get(url).status_code == 200
    data = _create_data(city="Elbasan", title="Elbasan session", status="open", trainers=[world["trainer"].pk])
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.city, session.title, session.status) == ("Elbasan", "Elbasan session", "open")
    event = AuditEvent.objects.get(action="session.updated")
    assert "city" in event.details["changed"] and "title" in event.details["changed"]


def test_edit_refuses_bad_input_without_writing(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_al"])
    session = world["al"]
    url = reverse("delivery:session_edit", kwargs={"pk": session.pk})
    page = client.post(url, _create_data(city="Elbasan", start_date="2026-05-06", end_date="2026-05-01"))
    assert page.status_code == 200 and page.context["form"].errors["end_date"]
    page = client.post(url, _create_data("IT", city="Elbasan"))
    assert page.context["form"].errors["country"]
    page = client.post(url, _create_data(city="  "))
    assert page.context["form"].errors["city"]
    session.refresh_from_db()
    assert session.city == "Tirana"
    assert not AuditEvent.objects.filter(action="session.updated").exists()


def test_cancel_with_a_reason_keeps_it_listed(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    session = world["al"]
    url = reverse("delivery:session_cancel", kwargs={"pk": session.pk})
    page = client.post(url, {"reason": "  "})
    assert page.status_code == 200 and page.context["form"].errors["reason"]
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert client.post(url, {"reason": "The venue was flooded."}).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancellation_reason) == ("cancelled", "The venue was flooded.")
    listing = client.get(reverse("delivery:sessions")).content.decode()
    assert session.title in listing and "The venue was flooded." in listing
    detail = client.get(reverse("delivery:session", kwargs={"pk": session.pk})).content.decode()
    assert "This session is cancelled." in detail
    with pytest.raises(ValidationError):
        services.session_cancel(actor=world["manager"], session=session, reason="Again")
    assert AuditEvent.objects.filter(action="session.cancelled").count() == 1


def test_editing_a_cancelled_session_reopens_it(client: Any, world: dict[str, Any]) -> None:
    session = services.session_cancel(actor=world["manager"], session=world["al"], reason="Strike")
    client.force_login(world["manager"])
    url = reverse("delivery:session_edit", kwargs={"pk": session.pk})
    assert client.post(url, _create_data(city="Tirana", status="planned")).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancellation_reason) == ("planned", "")
    assert AuditEvent.objects.filter(action="session.reopened").exists()


def test_duplicate_copies_everything_but_registrations(client: Any, world: dict[str, Any]) -> None:
    session = world["al"]
    session.languages.set(Language.objects.filter(code__in=["sq", "en"]))
    session.notes = "Bring the case files."
    session.save()
    register(session, make_person("Ana", "Hoxha"), RegistrationStatus.ATTENDED)
    client.force_login(world["coordinator_al"])
    url = reverse("delivery:session_duplicate", kwargs={"pk": session.pk})
    page = client.post(url, {"start_date": "2026-09-08"})
    assert page.status_code == 200 and page.context["form"].errors["end_date"]
    page = client.post(url, {"start_date": "2026-09-09", "end_date": "2026-09-08"})
    assert page.context["form"].errors["end_date"]
    assert Session.objects.count() == 2
    response = client.post(url, {"start_date": "2026-09-08", "end_date": "2026-09-09"})
    copy = Session.objects.latest("id")
    assert response["Location"] == reverse("delivery:session", kwargs={"pk": copy.pk})
    assert (copy.title, copy.city, copy.country, copy.design, copy.capacity, copy.notes) == (
        session.title,
        session.city,
        session.country,
        session.design,
        session.capacity,
        session.notes,
    )
    assert (copy.start_date, copy.end_date, copy.status) == (dt.date(2026, 9, 8), dt.date(2026, 9, 9), "planned")
    assert copy.duplicated_from == session
    assert set(copy.languages.values_list("code", flat=True)) == {"sq", "en"}
    assert list(copy.trainers.all()) == [world["trainer"]]
    assert not copy.registrations.exists()
    assert "Copied from" in client.get(response["Location"]).content.decode()


# --- The session page ---------------------------------------------------------------------------------------


def test_session_page(client: Any, world: dict[str, Any]) -> None:
    session = world["al"]
    module = session.design.days.first().modules.first()
    Material.objects.create(module=module, title="Opening slides", url="https://example.org/slides.pdf")
    for status in ("registered", "registered", "waiting", "attended"):
        register(session, make_person(), status)
    client.force_login(world["trainer"])
    html = client.get(reverse("delivery:session", kwargs={"pk": session.pk})).content.decode()
    assert reverse("design:detail", kwargs={"pk": session.design.pk}) in html
    # Day 1 on the first day, modules timed from 09:00 as in the agenda export.
    assert "Monday 2 March" in html and "Tuesday 3 March" in html
    assert "09:00–09:30" in html and "09:30–11:00" in html
    assert "Opening slides" in html and "https://example.org/slides.pdf" in html
    assert "Case file" in html  # a material of the complete design
    assert "Tomas Trainer" in html
    summary = client.get(reverse("delivery:session", kwargs={"pk": session.pk})).context["summary"]
    assert (summary.seated, summary.waiting, summary.capacity, summary.seats_left) == (3, 1, 25, 22)
    # The trainer may not change it.
    assert "Edit" not in html.split("action-bar")[1].split("</div>")[0]


def test_registrations_panel_is_included_only_when_it_exists(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["manager"])
    response = client.get(reverse("delivery:session", kwargs={"pk": world["al"].pk}))
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("delivery/registrations/partials/session_panel.html")
        exists = True
    except TemplateDoesNotExist:
        exists = False
    assert response.context["has_registrations_panel"] is exists


# --- Scoping -------------------------------------------------------------------------------------------------


def test_coordinator_of_another_country_gets_404_everywhere(client: Any, world: dict[str, Any]) -> None:
    client.force_login(world["coordinator_it"])
    pk = world["al"].pk
    for name in ("session", "session_edit", "session_cancel", "session_duplicate", "session_ics"):
        assert client.get(reverse(f"delivery:{name}", kwargs={"pk": pk})).status_code == 404, name
    assert client.post(reverse("delivery:session_cancel", kwargs={"pk": pk}), {"reason": "x"}).status_code == 404
    assert client.post(reverse("delivery:session_edit", kwargs={"pk": pk}), _create_data("IT")).status_code == 404
    # Guessed ids answer the same as other countries' sessions.
    for guess in (pk + 1000, 0):
        assert client.get(reverse("delivery:session", kwargs={"pk": guess})).status_code == 404
    listing = client.get(reverse("delivery:sessions")).content.decode()
    assert world["it"].title in listing and "Tirana" not in listing
    month = client.get(reverse("delivery:sessions_calendar"), {"month": "2026-03"}).content.decode()
    assert "Tirana" not in month
    ics = client.get(reverse("delivery:programme_sessions_ics", kwargs={"pk": world["al"].programme_id}))
    assert b"Tirana" not in ics.content and b"Rome" in ics.content
    world["al"].refresh_from_db()
    assert world["al"].status == SessionStatus.OPEN


def test_trainer_of_another_programme_is_not_offered(world: dict[str, Any], other_programme: Any) -> None:
    from relais.accounts.tests.factories import make_user

    stranger = make_user(full_name="Stranger Trainer")
    give_role(stranger, other_programme, Role.TRAINER)
    with pytest.raises(ValidationError):
        services.session_update(
            actor=world["manager"],
            session=world["al"],
            country=world["al"].country,
            city="Tirana",
            start_date=world["al"].start_date,
            end_date=world["al"].end_date,
            status="open",
            trainers=[stranger],
        )
    assert not world["al"].trainers.filter(pk=stranger.pk).exists()
