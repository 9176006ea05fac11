"""The programme dashboard: its figures on a hand-made dataset, filters, suppression for viewers,
chart downloads (SVG, PNG, CSV), who may see it, and a query count that does not grow with the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.core.models import Profession, Theme
from relais.delivery.models import Attendance, Gender, RegistrationStatus, Session, SessionStatus
from relais.delivery.tests.factories import make_person, make_session, register
from relais.design.models import AgendaModule
from relais.design.tests.factories import make_complete_design, make_design
from relais.evaluation.scoping import results_scope
from relais.publications.dashboard import Dashboard, DashboardFilters

pytestmark = pytest.mark.django_db

FIRST, SECOND = dt.date(2026, 3, 2), dt.date(2026, 3, 3)
ATTENDED, REGISTERED = RegistrationStatus.ATTENDED, RegistrationStatus.REGISTERED


def _attend(registration: Any, *days: dt.date) -> None:
    for day in days:
        Attendance.objects.create(registration=registration, day=day, present=True)


@pytest.fixture
def data(programme: Any, personas: dict[str, Any]) -> dict[str, Any]:
    """A delivered session in Albania (4 people trained, one not), a planned one in Italy.

    The design's agenda: 2 days of M minutes in all, so M/2 a day. Hours: A 2 days, B 1 day, E 1 day
    (registered, present) → 4 × M/2; C attended without attendance → M; in all 3M minutes.
    """
    design = make_complete_design(programme=programme)
    delivered = make_session(design=design, country="AL", status=SessionStatus.DELIVERED)
    make_session(design=design, country="IT", status=SessionStatus.PLANNED, start_date=FIRST, end_date=SECOND)
    make_session(design=design, country="AL", status=SessionStatus.CANCELLED)
    a = register(delivered, make_person("Ana", gender=Gender.FEMALE), ATTENDED)
    b = register(delivered, make_person("Besa", gender=Gender.FEMALE), ATTENDED)
    register(delivered, make_person("Cesk", gender=Gender.MALE, profession="prosecution"), ATTENDED)
    register(delivered, make_person("Dritan", gender=Gender.MALE), REGISTERED)
    e = register(delivered, make_person("Era", gender=Gender.OTHER), REGISTERED)
    _attend(a, FIRST, SECOND)
    _attend(b, FIRST)
    _attend(e, SECOND)
    return {"design": design, "delivered": delivered}


def _dash(user: Any, programme: Any, **filters: Any) -> Dashboard:
    return Dashboard(results_scope(user=user, programme_pk=programme.pk), DashboardFilters(**filters))


def test_figures(data: dict[str, Any], programme: Any, personas: dict[str, Any]) -> None:
    d = _dash(personas["manager"], programme).delivery
    assert (d.delivered, d.planned, d.countries) == (1, 1, 1)
    assert d.trained.value == 4 and not d.trained.suppressed
    minutes = AgendaModule.objects.filter(day__design=data["design"]).aggregate(m=Sum("duration_minutes"))["m"]
    assert data["design"].days.count() == 2
    # 4 present days × (minutes ÷ 2 days) + 1 whole agenda = 3 × the agenda's minutes
    assert d.hours.value == pytest.approx(3 * minutes / 60)
    assert d.participations == 4
    genders = {g.key: g.value.n for g in d.by_gender}
    assert genders == {"female": 2, "male": 1, "other": 1, "undisclosed": 0}
    shares = {g.key: g.value.value for g in d.shares}
    assert shares["female"] == pytest.approx(0.5)
    professions = {g.label: g.value.n for g in d.by_profession}
    assert professions == {"Police": 3, "Prosecution": 1} or sum(professions.values()) == 4
    assert [(g.label, g.value.n, g.extra.n if g.extra else 0) for g in d.by_country] == [
        ("Albania", 1, 0),
        ("Italy", 0, 1),
    ]
    assert [g.key for g in d.hours_by_month] == [dt.date(2026, 3, 1)]


def test_filters(data: dict[str, Any], programme: Any, personas: dict[str, Any]) -> None:
    manager = personas["manager"]
    italy = _dash(manager, programme, country=Session.objects.get(country__code="IT").country_id)
    assert (italy.delivery.delivered, italy.delivery.planned, italy.delivery.trained.n) == (0, 1, 0)
    other_theme = Theme.objects.exclude(code__in=["thb_labour", "police_investigation"]).order_by("pk")[0]
    assert _dash(manager, programme, theme=other_theme.pk).delivery.delivered == 0
    theme = Theme.objects.get(code="thb_labour")
    assert _dash(manager, programme, theme=theme.pk).delivery.delivered == 1
    prosecution = Profession.objects.get(code="prosecution")
    assert _dash(manager, programme, profession=prosecution.pk).delivery.trained.n == 1
    assert _dash(manager, programme, start=dt.date(2026, 4, 1)).delivery.delivered == 0


def test_coordinator_sees_their_countries(data: dict[str, Any], programme: Any, personas: dict[str, Any]) -> None:
    d = _dash(personas["coordinator_it"], programme).delivery
    assert (d.delivered, d.planned, d.trained.n) == (0, 1, 0)


def test_viewer_small_figures_suppressed(
    data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any
) -> None:
    d = _dash(personas["viewer"], programme).delivery
    assert d.trained.suppressed and d.trained.text.startswith("fewer than")
    client.force_login(personas["viewer"])
    url = reverse("publications:dashboard", kwargs={"pk": programme.pk})
    html = client.get(url).content.decode()
    assert "fewer than 5" in html
    csv = client.get(
        reverse("publications:dashboard_chart", kwargs={"pk": programme.pk, "key": "people-gender", "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert "fewer than 5" in csv
    assert ",2," not in csv  # the two women are not counted out
    client.force_login(personas["manager"])
    csv = client.get(
        reverse("publications:dashboard_chart", kwargs={"pk": programme.pk, "key": "people-gender", "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert "Woman,2,50%" in csv


def test_page_htmx_and_panel(data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any) -> None:
    client.force_login(personas["manager"])
    url = reverse("publications:dashboard", kwargs={"pk": programme.pk})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Sessions by country",
        "People trained by profession",
        "People trained by gender",
        "Participant training hours by month",
        "Indicators against targets",
        "<svg",
        "<details",
    ):
        assert text in html
    assert 'hx-target="#dashboard-figures"' in html and 'aria-live="polite"' in html
    partial = client.get(url, {"profession": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-swap-oob="true"' in partial and "<form" not in partial
    detail = client.get(reverse("programmes:detail", kwargs={"pk": programme.pk})).content.decode()
    assert url in detail
    bad = client.get(url, {"start": "2026-05-01", "end": "2026-01-01"})
    assert bad.status_code == 200 and "comes before its start" in bad.content.decode()


def test_downloads(data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any) -> None:
    client.force_login(personas["manager"])

    def get(key: str, fmt: str, **query: str) -> Any:
        url = reverse("publications:dashboard_chart", kwargs={"pk": programme.pk, "key": key, "fmt": fmt})
        return client.get(url, query)

    svg = get("sessions-country", "svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg["X-Content-Type-Options"] == "nosniff" and svg["Content-Disposition"].startswith("attachment")
    assert b"<svg" in svg.content and b"<script" not in svg.content
    png = get("people-gender", "png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    csv = get("sessions-country", "csv")
    assert csv["Content-Type"].startswith("text/csv") and csv["Content-Disposition"].startswith("attachment")
    assert "Albania,1,0" in csv.content.decode("utf-8-sig")
    assert get("nope", "csv").status_code == 404
    assert get("sessions-country", "exe").status_code == 404
    assert get("sessions-country", "svg", country="999999").status_code == 200  # invalid filter left out


def test_csv_is_formula_neutral(data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any) -> None:
    evil = Profession.objects.create(code="evil", name_en="=HYPERLINK(1)", name_fr="=HYPERLINK(1)")
    register(data["delivered"], make_person("Zef", profession=None), ATTENDED).__class__.objects.filter(
        person__first_name="Zef"
    ).update(profession=evil)
    client.force_login(personas["manager"])
    url = reverse("publications:dashboard_chart", kwargs={"pk": programme.pk, "key": "people-profession", "fmt": "csv"})
    text = client.get(url).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "\n=HYPERLINK" not in text


def test_outsider_gets_404(data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any) -> None:
    client.force_login(personas["outsider"])
    assert client.get(reverse("publications:dashboard", kwargs={"pk": programme.pk})).status_code == 404
    url = reverse("publications:dashboard_chart", kwargs={"pk": programme.pk, "key": "indicators", "fmt": "csv"})
    assert client.get(url).status_code == 404


def _more_sessions(programme: Any, n: int) -> None:
    for i in range(n):
        design = make_design(programme=programme, title=f"Extra {i}")
        design.themes.set(Theme.objects.filter(code="thb_labour"))
        session = make_session(
            design=design,
            country="IT" if i % 2 else "AL",
            status=SessionStatus.DELIVERED,
            start_date=dt.date(2026, 1 + i, 5),
            end_date=dt.date(2026, 1 + i, 6),
        )
        for j in range(3):
            reg = register(session, make_person(f"P{i}{j}", gender=Gender.FEMALE), ATTENDED)
            _attend(reg, session.start_date)


def test_query_count_does_not_grow(data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any) -> None:
    client.force_login(personas["manager"])
    url = reverse("publications:dashboard", kwargs={"pk": programme.pk})
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _more_sessions(programme, 6)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    theme = Theme.objects.get(code="thb_labour")
    with CaptureQueriesContext(connection) as filtered_small:
        client.get(url, {"theme": theme.pk, "start": "2026-01-01"})
    _more_sessions(programme, 3)
    with CaptureQueriesContext(connection) as filtered_large:
        client.get(url, {"theme": theme.pk, "start": "2026-01-01"})
    assert len(filtered_large) == len(filtered_small)


def test_viewer_small_people_indicators_suppressed(
    data: dict[str, Any], programme: Any, personas: dict[str, Any], client: Any
) -> None:
    from decimal import Decimal

    from relais.programmes.models import Indicator, IndicatorValue, Outcome

    outcome = Outcome.objects.create(programme=programme, code="1", statement_en="Better investigations")
    people = Indicator.objects.create(
        programme=programme, level="outcome", outcome=outcome, code="1.1", name_en="Judges trained",
        unit="people", baseline=Decimal(0), target=Decimal(10),
    )  # fmt: skip
    countries = Indicator.objects.create(
        programme=programme, level="outcome", outcome=outcome, code="1.2", name_en="Countries reached",
        unit="countries", baseline=Decimal(0), target=Decimal(10),
    )  # fmt: skip
    start = programme.start_date
    for indicator in (people, countries):
        IndicatorValue.objects.create(indicator=indicator, period_start=start, period_end=start, value=Decimal(3))

    viewer = _dash(personas["viewer"], programme)
    rows = {r.indicator.code: r for r in viewer.indicators}
    assert rows["1.1"].progress is None and rows["1.1"].actual is None
    assert rows["1.2"].progress is not None  # not a count of people
    assert viewer.small_indicators == {people.pk}
    manager = _dash(personas["manager"], programme)
    assert {r.indicator.code: r.progress is not None for r in manager.indicators} == {"1.1": True, "1.2": True}

    def csv(user: Any) -> str:
        client.force_login(user)
        kwargs = {"pk": programme.pk, "key": "indicators", "fmt": "csv"}
        return client.get(reverse("publications:dashboard_chart", kwargs=kwargs)).content.decode("utf-8-sig")

    text = csv(personas["viewer"])
    judges = next(line for line in text.splitlines() if "Judges trained" in line)
    assert "fewer than 5" in judges
    assert "30%" not in judges
    assert "30%" in next(line for line in text.splitlines() if "Countries reached" in line)
    judges = next(line for line in csv(personas["manager"]).splitlines() if "Judges trained" in line)
    assert "30%" in judges
    client.force_login(personas["viewer"])
    html = client.get(reverse("publications:dashboard", kwargs={"pk": programme.pk})).content.decode()
    assert html.count("<meter") == 1  # the countries' bar only
    from relais.publications.dashboard_charts import indicators_chart

    spec = indicators_chart(viewer).spec
    assert spec is not None and [v["group"][:3] for v in spec["data"]["values"]] == ["1.2"]


def test_viewer_network_growth_small_counts_suppressed() -> None:
    from types import SimpleNamespace

    from relais.publications.dashboard_charts import network_growth

    growth = [(dt.date(2026, 1, 1), 1, 2), (dt.date(2026, 2, 1), 3, 6), (dt.date(2026, 3, 1), 8, 9)]

    def chart(suppress: bool) -> Any:
        network = SimpleNamespace(
            suppressed=False,
            growth=growth,
            reported_from=None,
            reported_to=None,
            figures=SimpleNamespace(participants=12),
        )
        return network_growth(SimpleNamespace(network=network, suppress=suppress))  # type: ignore[arg-type]

    viewer = chart(True)
    assert [r[1:] for r in viewer.rows] == [["fewer than 5", "6"], ["8", "9"]]
    assert viewer.spec is not None
    assert sorted(v["value"] for v in viewer.spec["data"]["values"]) == [6, 8, 9]
    manager = chart(False)
    assert [r[1:] for r in manager.rows] == [["1", "2"], ["3", "6"], ["8", "9"]]
    assert manager.spec is not None and len(manager.spec["data"]["values"]) == 6
