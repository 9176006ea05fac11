"""The bench generator (bench/generate.py) at its tiny size `xs`: the counts it promises, the
invariants its rows keep, the pages that show them, and the same data for the same seed. The
benchmarks themselves never run in the test suite.

The size is generated once for the module (`xs`, committed to the test database, removed at the
end), with its files and search index in temporary folders; each test reads it inside its own
transaction. The seed test wipes and generates again inside its transaction (rolled back after)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Count, F, Q
from django.test import Client, override_settings

from bench.gen_audit import ACTIONS
from bench.gen_programmes import PASSWORD_HASH
from bench.gen_results import FORMULA_CODES
from bench.generate import Generated, generate
from bench.sizes import (
    COUNTRIES_PER_PROGRAMME,
    DESIGN_COUNTRIES,
    DESIGN_DAYS,
    DESIGN_OBJECTIVES,
    DESIGN_PROFESSIONS,
    DESIGNS_PER_PROGRAMME,
    INDICATORS_PER_PARENT,
    MODULES_PER_DAY,
    OUTCOMES_PER_PROGRAMME,
    OUTPUTS_PER_OUTCOME,
    SIZES,
    TODAY,
)
from bench.steps import STEPS
from relais.accounts.models import User
from relais.api.models import ApiToken
from relais.api.tokens import TOKEN_RE
from relais.core.models import AuditEvent
from relais.core.registry import audit_actions
from relais.delivery.models import (
    Attendance,
    Certificate,
    Consent,
    ImportRecord,
    Person,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from relais.design.checker import check_designs
from relais.design.models import (
    ActivityDesign,
    AdaptationItem,
    AdaptationTopic,
    AgendaDay,
    AgendaModule,
    DesignCountry,
    DesignReference,
    LearningObjective,
    Material,
    NeedsSource,
    SeatQuota,
)
from relais.evaluation.models import (
    Answer,
    Invitation,
    Item,
    LearningScore,
    LessonLearned,
    Questionnaire,
    Response,
    SessionEntry,
)
from relais.knowledge.models import (
    Collection,
    CollectionItem,
    Document,
    DocumentFile,
    DocumentTitle,
    SearchChange,
    TranslationGroup,
)
from relais.programmes.indicators import formula_get
from relais.programmes.models import (
    Indicator,
    IndicatorSource,
    IndicatorValue,
    Organisation,
    Outcome,
    Output,
    Programme,
    ProgrammeCountry,
    ProgrammeRole,
    Role,
    RouteRole,
)
from relais.publications.models import BuildStatus, PublicationBuild

XS = SIZES["xs"]
EVALUATION_MODELS: list[Any] = [Session, Person, Registration, Questionnaire, Item, Response, Answer, LearningScore]
NEW_MODELS: list[Any] = [
    Organisation,
    Consent,
    Attendance,
    Certificate,
    Invitation,
    SessionEntry,
    LessonLearned,
    TranslationGroup,
    Document,
    DocumentFile,
    DocumentTitle,
    Collection,
    CollectionItem,
    DesignReference,
    PublicationBuild,
    ApiToken,
]
# What the seed test regenerates: all but the real publication builds and the search index (slow,
# and the clock is in them).
QUICK_STEPS = [step.name for step in STEPS if step.name not in ("publications", "search_index")]
FOLLOWING = (SessionStatus.DELIVERED, SessionStatus.CLOSED)


@dataclass
class XsData:
    result: Generated
    media: Path
    search: Path


@pytest.fixture(scope="module")
def xs_data(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[XsData]:
    """Size xs generated once, committed; its files and index in folders of their own."""
    from relais.knowledge.search import replica

    media, search = tmp_path_factory.mktemp("bench-media"), tmp_path_factory.mktemp("bench-search")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media), RELAIS_SEARCH_DIR=search):
        replica.reset()
        try:
            result = generate(size="xs", seed=1)
        except BaseException:
            wipe()
            raise
    replica.reset()
    yield XsData(result, media, search)
    with django_db_blocker.unblock():
        wipe()
        assert not Programme.objects.exists() and not Document.objects.exists() and not Organisation.objects.exists()


@pytest.fixture
def xs(xs_data: XsData, db: None, settings: Any) -> XsData:
    """The generated size, its files and index as the settings of this test."""
    from relais.knowledge.search import replica

    settings.MEDIA_ROOT = str(xs_data.media)
    settings.RELAIS_SEARCH_DIR = xs_data.search
    replica.reset()
    return xs_data


def snapshot() -> dict[str, Any]:
    """The generated data by natural keys (database ids left out)."""
    roles = ProgrammeRole.objects.select_related("user", "programme").prefetch_related("countries")
    return {
        "programmes": sorted(Programme.objects.values_list("code", flat=True)),
        "routes": sorted(ProgrammeCountry.objects.values_list("programme__code", "country__code", "route_role")),
        "roles": sorted(
            (r.user.email, r.programme.code, r.role, tuple(sorted(c.code for c in r.countries.all()))) for r in roles
        ),
        "users": sorted(User.objects.values_list("email", "full_name", "is_active", "is_superuser")),
        "audit": list(AuditEvent.objects.order_by("pk").values_list("at", "actor_label", "action")),
        "indicators": sorted(
            Indicator.objects.values_list("programme__code", "code", "name_en", "source", "formula", "target")
        ),
        "values": sorted(IndicatorValue.objects.values_list("indicator__programme__code", "indicator__code", "value")),
        "designs": sorted(
            (code, title, fmt, status, score, passed, source or "", created)
            for code, title, fmt, status, score, passed, source, created in ActivityDesign.objects.values_list(
                "programme__code",
                "title",
                "format",
                "status",
                "check_score",
                "check_passed",
                "replicated_from__title",
                "created_at",
            )
        ),
        "quotas": sorted(SeatQuota.objects.values_list("design__title", "country__code", "profession__code", "seats")),
        "modules": sorted(
            AgendaModule.objects.values_list(
                "day__design__title", "day__position", "position", "title", "method", "duration_minutes"
            )
        ),
        "organisations": sorted(Organisation.objects.values_list("name", "country__code", "kind")),
        "employers": sorted(Person.objects.values_list("email", "organisation__name")),
        "attendance": sorted(
            Attendance.objects.values_list(
                "registration__person__email", "registration__session__title", "day", "present"
            )
        ),
        "certificates": sorted(Certificate.objects.values_list("registration__person__email", "code", "language")),
        "invitations": sorted(Invitation.objects.values_list("registration__person__email", "token", "sent_at")),
        "lessons": sorted(LessonLearned.objects.values_list("title", "status", "created_at")),
        "documents": sorted(Document.objects.values_list("title", "language", "year", "access", "created_at")),
        "texts": sorted(DocumentFile.objects.values_list("document__title", "sha256")),
        "collections": sorted(Collection.objects.values_list("title", "items__document__title")),
        "references": sorted(DesignReference.objects.values_list("design__title", "document__title")),
    }


def wipe() -> None:
    AuditEvent.objects.all().delete()
    Session.objects.all().delete()  # protects its programme and design; takes registrations and answers along
    Person.objects.all().delete()  # and consents
    Programme.objects.all().delete()  # and designs, builds, lessons
    User.objects.all().delete()  # and API tokens
    Organisation.objects.all().delete()
    Document.objects.all().delete()  # and files, titles, collection items
    Collection.objects.all().delete()
    TranslationGroup.objects.all().delete()
    SearchChange.objects.all().delete()


def test_xs_writes_the_promised_rows(xs: XsData) -> None:
    result = xs.result

    assert Programme.objects.count() == XS.programmes == result.counts["programmes.programme"]
    assert User.objects.count() == XS.users == result.counts["accounts.user"]
    assert User.objects.filter(is_superuser=True).count() == XS.administrators
    assert set(User.objects.values_list("password", flat=True)) == {PASSWORD_HASH}
    assert AuditEvent.objects.count() == XS.audit_events == result.counts["core.auditevent"]
    assert ProgrammeRole.objects.count() == result.counts["programmes.programmerole"]
    for model in (
        Outcome,
        Output,
        Indicator,
        IndicatorValue,
        ActivityDesign,
        DesignCountry,
        SeatQuota,
        LearningObjective,
        AgendaDay,
        AgendaModule,
        AdaptationItem,
        *EVALUATION_MODELS,
        *NEW_MODELS,
        Material,
    ):
        assert model.objects.count() == result.counts[model._meta.label_lower] > 0, model
    assert ImportRecord.objects.count() == result.counts["delivery.importrecord"]
    assert Document.objects.count() == XS.documents == result.counts["knowledge search index entries"]
    for programme in Programme.objects.annotate(n=Count("programme_countries")):
        assert programme.n == COUNTRIES_PER_PROGRAMME
        route = set(programme.programme_countries.values_list("route_role", flat=True))
        assert route == set(RouteRole.values)
        roles = Counter(programme.roles.values_list("role", flat=True))
        assert 1 <= roles[Role.MANAGER] <= 2
        assert 3 <= roles[Role.TRAINER] <= 8
        assert roles[Role.ME_OFFICER] == roles[Role.VIEWER] == 1
        # One coordinator per country of the programme, limited to that country.
        coordinated = [
            list(r.countries.values_list("pk", flat=True)) for r in programme.roles.filter(role=Role.COORDINATOR)
        ]
        assert sorted(c for cs in coordinated for c in cs) == sorted(
            programme.programme_countries.values_list("country_id", flat=True)
        )
        assert all(len(cs) == 1 for cs in coordinated)


def test_audit_actions_are_registered_and_filterable(xs: XsData) -> None:
    used = set(AuditEvent.objects.values_list("action", flat=True))
    assert used <= {code for code, _weight in ACTIONS} <= set(audit_actions())
    assert AuditEvent.objects.filter(actor__isnull=False).exclude(actor_label="").exists()
    times = list(AuditEvent.objects.order_by("pk").values_list("at", flat=True))
    assert times == sorted(times)


def test_same_seed_same_data_other_seed_other_data(xs: XsData, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    wipe()  # inside the test's transaction: the module's data come back after it
    generate(size="xs", seed=1, steps=QUICK_STEPS)
    first = snapshot()
    wipe()
    generate(size="xs", seed=1, steps=QUICK_STEPS)
    assert snapshot() == first
    wipe()
    generate(size="xs", seed=2, steps=QUICK_STEPS)
    other = snapshot()
    for key in ("programmes", "roles", "designs", "indicators", "attendance", "documents", "organisations"):
        assert other[key] != first[key], key


def test_refuses_a_database_holding_programmes(xs: XsData) -> None:
    with pytest.raises(RuntimeError):
        generate(size="xs", seed=1)
    with pytest.raises(ValueError, match="unknown steps"):
        generate(size="xs", seed=1, steps=["no-such-step"])


def test_results_frameworks(xs: XsData) -> None:
    for programme in Programme.objects.all():
        outcomes = list(Outcome.objects.filter(programme=programme))
        assert OUTCOMES_PER_PROGRAMME[0] <= len(outcomes) <= OUTCOMES_PER_PROGRAMME[1]
        for outcome in outcomes:
            outputs = list(outcome.outputs.all())
            assert len(outputs) == OUTPUTS_PER_OUTCOME
            assert all(o.programme_id == programme.pk and o.code.startswith(f"{outcome.code}.") for o in outputs)
            parents: list[Outcome | Output] = [outcome, *outputs]
            for parent in parents:
                assert INDICATORS_PER_PARENT[0] <= parent.indicators.count() <= INDICATORS_PER_PARENT[1]
    computed = Indicator.objects.filter(source=IndicatorSource.COMPUTED)
    manual = Indicator.objects.filter(source=IndicatorSource.MANUAL)
    assert computed.exists() and manual.exists()
    # Every formula is registered (an unknown code would show "formula missing" on the page).
    assert set(computed.values_list("formula", flat=True)) <= set(FORMULA_CODES)
    assert all(formula_get(code) is not None for code in FORMULA_CODES)
    assert not IndicatorValue.objects.filter(indicator__source=IndicatorSource.COMPUTED).exists()
    assert not IndicatorValue.objects.filter(period_start__gt=TODAY).exists()
    # Half-year values for manual indicators of programmes that have started.
    started = manual.filter(programme__start_date__lt=TODAY.replace(month=1, day=1))
    assert started.exists()
    assert started.filter(values__isnull=False).distinct().count() >= 0.8 * started.count()


def test_designs(xs: XsData) -> None:
    routes = {
        p: set(ProgrammeCountry.objects.filter(programme_id=p).values_list("country_id", "route_role"))
        for p in Programme.objects.values_list("pk", flat=True)
    }
    per_programme = Counter(ActivityDesign.objects.values_list("programme_id", flat=True))
    assert set(per_programme) == set(routes)
    assert all(DESIGNS_PER_PROGRAMME[0] <= n <= DESIGNS_PER_PROGRAMME[1] for n in per_programme.values())
    designs = list(ActivityDesign.objects.all())
    for design in designs:
        countries = set(design.design_countries.values_list("country_id", "route_role"))
        assert DESIGN_COUNTRIES[0] <= len(countries) <= DESIGN_COUNTRIES[1]
        assert countries <= routes[design.programme_id], "countries of the programme, with their role"
        objectives = design.objectives.count()
        assert DESIGN_OBJECTIVES[0] <= objectives <= DESIGN_OBJECTIVES[1]
        days = list(design.days.order_by("position"))
        assert DESIGN_DAYS[0] <= len(days) <= DESIGN_DAYS[1]
        assert [d.position for d in days] == list(range(len(days)))
        for day in days:
            positions = list(day.modules.order_by("position").values_list("position", flat=True))
            assert MODULES_PER_DAY[0] <= len(positions) <= MODULES_PER_DAY[1]
            assert positions == list(range(len(positions)))  # what moving a module up and down keeps
        if design.replicated_from_id is None:
            professions = design.quotas.values("profession").distinct().count()
            assert professions == 1 or DESIGN_PROFESSIONS[0] <= professions <= DESIGN_PROFESSIONS[1]
            assert not design.adaptation_items.exists()
            assert not design.design_countries.filter(participant_languages__isnull=True).exists()
        else:
            assert design.replicated_from_id != design.pk
            topics = set(design.adaptation_items.values_list("topic", flat=True))
            assert topics == set(AdaptationTopic.values)
    replications = [d for d in designs if d.replicated_from_id]
    assert 1 <= len(replications) <= 0.2 * len(designs)
    # The stored check is the check, and the data hold both kinds of designs.
    reports = check_designs(designs)
    assert all((d.check_score, d.check_passed) == (reports[d.pk].score, reports[d.pk].passed) for d in designs)
    assert any(d.check_passed for d in designs) and any(not d.check_passed for d in designs)
    assert {d.status for d in designs} >= {"draft", "ready"}
    assert not any(d.status == "ready" and not d.check_passed for d in designs)


def test_sessions_and_evaluation(xs: XsData) -> None:
    """Steps "sessions" and "evaluation": stored totals are what the services compute from the answers."""
    from relais.evaluation.scoring import compute_totals

    assert Session.objects.count() == XS.sessions
    for response in Response.objects.filter(status="submitted").prefetch_related("answers")[:20]:
        items = list(Item.objects.filter(questionnaire_id=response.questionnaire_id))
        totals = compute_totals(items, {a.item_id: a.value for a in response.answers.all()})
        assert (response.score, response.likert_sum, response.applies_learning) == (
            totals.score,
            totals.likert_sum,
            totals.applies_learning,
        )
    for score in LearningScore.objects.select_related("pre_response", "post_response"):
        pre, post = score.pre_response, score.post_response
        assert pre.score is not None and pre.max_score and post.score is not None and post.max_score
        assert score.pre == pytest.approx(float(pre.score / pre.max_score))
        assert score.post == pytest.approx(float(post.score / post.max_score))


def test_organisations(xs: XsData) -> None:
    """Step "organisations": people work in their country, registrations record it, partners are on the route."""
    employed = Person.objects.filter(organisation__isnull=False)
    assert employed.count() >= 0.8 * Person.objects.count()
    assert not employed.exclude(organisation__country=F("country")).exists()
    assert not Registration.objects.exclude(
        Q(organisation_id=F("person__organisation_id")) | Q(organisation__isnull=True, person__organisation=None)
    ).exists()
    for programme in Programme.objects.prefetch_related("partners"):
        route = set(programme.programme_countries.values_list("country_id", flat=True))
        partners = list(programme.partners.all())
        assert partners
        assert all(o.country_id in route or o.country_id is None for o in partners)


def test_attendance_and_certificates(xs: XsData) -> None:
    """Step "delivery": a row per day for each registration expected at a delivered session (and the
    days up to "today" of a running one), statuses in step with attendance, certificates for those
    who came."""
    sessions = {s.pk: s for s in Session.objects.all()}
    rows: dict[int, dict[dt.date, bool]] = {}
    for registration_id, day, present in Attendance.objects.values_list("registration_id", "day", "present"):
        rows.setdefault(registration_id, {})[day] = present
    assert rows
    regs = list(Registration.objects.values_list("pk", "session_id", "status"))
    checked = Counter[str]()
    for pk, session_id, status in regs:
        s = sessions[session_id]
        days = [s.start_date + dt.timedelta(days=n) for n in range((s.end_date - s.start_date).days + 1)]
        marks = rows.get(pk, {})
        if s.status in FOLLOWING and status in (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW):
            assert sorted(marks) == days, "one mark per day of the session"
            assert any(marks.values()) == (status == RegistrationStatus.ATTENDED), "statuses follow attendance"
            checked[status] += 1
        elif s.status == SessionStatus.OPEN and s.start_date <= TODAY < s.end_date and status == "registered":
            assert sorted(marks) == [d for d in days if d <= TODAY]
        else:
            assert not marks, (s.status, status)
    assert checked[RegistrationStatus.ATTENDED] and checked[RegistrationStatus.NO_SHOW]
    partial = [pk for pk, marks in rows.items() if any(marks.values()) and not all(marks.values())]
    assert len(partial) < 0.3 * len(rows)
    for certificate in Certificate.objects.select_related("registration__session"):
        registration = certificate.registration
        assert registration.status == RegistrationStatus.ATTENDED
        assert registration.session.status in FOLLOWING
        assert any(rows[registration.pk].values())
        assert certificate.issued_at.date() > registration.session.end_date
        assert len(certificate.code) == 16
    assert (
        Consent.objects.values("person").distinct().count() == Registration.objects.values("person").distinct().count()
    )


def test_invitations_entries_and_lessons(xs: XsData) -> None:
    for invitation in Invitation.objects.select_related("questionnaire", "registration"):
        assert not invitation.questionnaire.anonymous
        assert invitation.registration.session_id == invitation.questionnaire.session_id
        assert invitation.registration.status == RegistrationStatus.ATTENDED
        assert invitation.sent_at is not None and invitation.expires_at > invitation.sent_at
        assert len(invitation.token) == 32
    answered = set(
        Response.objects.filter(registration__isnull=False).values_list("questionnaire_id", "registration_id")
    )
    for q, reg, opened in Invitation.objects.values_list("questionnaire_id", "registration_id", "opened_at"):
        assert (q, reg) not in answered or opened is not None, "who answered opened their link"
    started = Session.objects.filter(status__in=[*FOLLOWING, SessionStatus.OPEN], start_date__lte=TODAY)
    assert set(SessionEntry.objects.values_list("session_id", flat=True)) == set(started.values_list("pk", flat=True))
    for lesson in LessonLearned.objects.select_related("session", "design"):
        assert (lesson.session_id is None) != (lesson.design_id is None)
        source = lesson.session or lesson.design
        assert source is not None and source.programme_id == lesson.programme_id
        assert lesson.created_at.date() <= TODAY


def test_programme_libraries(xs: XsData) -> None:
    """Step "library": questions saved from the programmes' questionnaires, the items remembering it."""
    from relais.evaluation.models import LibraryItem

    own = LibraryItem.objects.filter(programme__isnull=False)
    assert own.count() == xs.result.counts["evaluation.libraryitem (programmes' own)"] > 0
    for library_item in own.prefetch_related("themes"):
        sources = Item.objects.filter(library_item=library_item).select_related("questionnaire")
        assert [i.questionnaire.programme_id for i in sources] == [library_item.programme_id]
        assert sources[0].text == library_item.text and sources[0].questionnaire.kind == library_item.kind
        assert library_item.themes.exists()


def test_documents_files_and_search(xs: XsData) -> None:
    """Step "documents": the size's documents, each with a current file on disk whose text is extracted;
    step "search_index": they are found by the search the catalogue runs."""
    from relais.knowledge.search import SearchParams, search_documents

    assert Document.objects.count() == XS.documents
    for file in DocumentFile.objects.select_related("document"):
        assert file.is_current and file.text_status == "done" and file.text
        data = (xs.media / file.file.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file.sha256 and len(data) == file.size
        assert data.decode() == file.text
    assert not Document.objects.filter(files__isnull=True).exists()
    for group in TranslationGroup.objects.prefetch_related("documents"):
        languages = [d.language for d in group.documents.all()]
        assert len(languages) >= 2 and len(set(languages)) == len(languages)
    for item in CollectionItem.objects.select_related("collection"):
        assert item.position >= 0
    for reference in DesignReference.objects.select_related("design", "document"):
        shared = set(reference.design.themes.values_list("pk", flat=True)) & set(
            reference.document.themes.values_list("pk", flat=True)
        )
        assert shared, "a further reading shares a theme with its design"
    assert Material.objects.filter(document__isnull=False).exists()
    assert NeedsSource.objects.filter(document__isnull=False).exists()
    for document in Document.objects.order_by("pk")[:5]:
        word = max(document.title.split(), key=len)
        result = search_documents(SearchParams(q=word, per_page=50), audience="internal")
        assert document.pk in {hit.document_id for hit in result.hits}, word


def test_publications_and_tokens(xs: XsData) -> None:
    done = PublicationBuild.objects.filter(status=BuildStatus.DONE)
    assert done.filter(kind="report").exists() and done.filter(kind="kit").exists()
    for build in done:
        names = [f.name for f in (build.pdf, build.docx, build.archive) if f and f.name]
        assert names and build.pdf.name, "a finished build has its files"
        assert all((xs.media / name).is_file() for name in names)
        assert build.finished_at is not None and build.finished_at.date() <= TODAY
    failed = PublicationBuild.objects.filter(status=BuildStatus.FAILED)
    assert failed.exists()
    assert not failed.exclude(pdf="", docx="", archive="").exists() and not failed.filter(error="").exists()
    assert set(PublicationBuild.objects.values_list("status", flat=True)) <= {BuildStatus.DONE, BuildStatus.FAILED}
    tokens = list(ApiToken.objects.select_related("user"))
    assert len({t.digest for t in tokens}) == len(tokens)
    for token in tokens:
        assert token.user.is_active and len(token.digest) == 64
        assert TOKEN_RE.match(f"relais_{token.prefix}_{'x' * 43}"), "a prefix as relais.api.tokens makes them"


def test_generated_pages_render(xs: XsData) -> None:
    """The pages most at risk from generated rows, as an administrator: each answers 200."""
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    assert admin is not None
    client = Client()
    client.force_login(admin)
    session = (
        Session.objects.filter(status__in=FOLLOWING)
        .annotate(n=Count("registrations__attendance"))
        .order_by("-n", "pk")
        .first()
    )
    assert session is not None
    programme = session.programme
    person = Person.objects.filter(consents__isnull=False, organisation__isnull=False).order_by("pk").first()
    document = (
        Document.objects.filter(translation_group__isnull=False).order_by("pk").first() or Document.objects.first()
    )
    assert person is not None and document is not None
    questionnaire = Questionnaire.objects.filter(invitations__isnull=False).order_by("pk").first()
    certificate = Certificate.objects.order_by("pk").first()
    lesson = LessonLearned.objects.order_by("pk").first()
    assert questionnaire is not None and certificate is not None and lesson is not None
    design = ActivityDesign.objects.filter(references__isnull=False).order_by("pk").first()
    assert design is not None
    file = document.files.get()
    urls = [
        f"/sessions/{session.pk}/",
        f"/sessions/{session.pk}/attendance/",
        f"/sessions/{session.pk}/attendance/{session.end_date.isoformat()}/sign-in.pdf",
        f"/sessions/{session.pk}/certificates/",
        f"/verify/{certificate.code}/",
        f"/people/{person.pk}/",
        f"/programmes/{programme.pk}/",
        f"/programmes/{programme.pk}/partners/",
        "/programmes/organisations/",
        f"/questionnaires/{questionnaire.pk}/invitations/",
        f"/evaluation/programmes/{programme.pk}/lessons/",
        f"/evaluation/lessons/{lesson.pk}/",
        f"/designs/{design.pk}/",
        "/knowledge/",
        f"/knowledge/?q={document.title.split()[0]}",
        f"/knowledge/documents/{document.pk}/",
        f"/knowledge/documents/{document.pk}/files/{file.pk}/download/",
        f"/knowledge/collections/{Collection.objects.order_by('pk').first().pk}/",  # type: ignore[union-attr]
        "/publications/",
        "/api/tokens/",
        "/questionnaires/library/",
    ]
    for build in PublicationBuild.objects.order_by("pk"):
        urls.append(f"/publications/build/{build.pk}/")
        if build.status == BuildStatus.DONE:
            urls.append(f"/publications/build/{build.pk}/download/pdf/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_reset_loads_what_the_migrations_load(xs: XsData) -> None:
    """--reset flushes, then loads the reference data, the design rules' settings and the standard
    questionnaire items again: a reset database starts as a new one (inside the test's transaction)."""
    import io

    from bench.generate import prepare_database
    from relais.core.models import Country, Theme
    from relais.design.models import RuleSetting
    from relais.evaluation.models import LibraryItem

    def loaded() -> list[int]:
        shared = LibraryItem.objects.filter(programme__isnull=True)
        return [Country.objects.count(), Theme.objects.count(), RuleSetting.objects.count(), shared.count()]

    before = loaded()
    assert all(before)
    prepare_database(reset=True, out=io.StringIO())
    assert not Programme.objects.exists()
    assert loaded() == before
