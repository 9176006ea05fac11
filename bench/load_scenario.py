"""The load test's scenario (issue 9): who the virtual users are, what each does, and how every answer
is checked. bench/load.py prepares the data (bench/load_prepare.py), starts the server and runs them.

Virtual users are threads, each with its own HTTP client (its own cookies and its own client address in
`X-Forwarded-For`, as nginx would pass it) and its own random source seeded from the run's seed and its
number, so two runs of the same size send the same mix. Between two actions a user thinks 1–3 s. An
action is one request, or a few that a browser sends at once (a form posted and the page it redirects
to). Some actions are followed by another one after the think time (the session list, then a filter).

Personas, by share of the users (a cycle of 20, so that a small run has the first ones: the first three
users are a member of staff, a participant and a trainer at the sign-in desk):

- staff browsing, 55 %: coordinators, trainers, managers and M&E officers (1/3, 1/3, 1/6, 1/6), each
  with a session opened for them in the database; actions by weight below;
- participant, 20 %: opens a personal link to a questionnaire, answers page 1 (eight agreement
  scales), goes to page 2 (two comments), sends, sees the thanks page; then the next link;
- attendance, 10 %: a trainer or coordinator at the sign-in desk of a planned or open session: the
  day's sheet, then 4–8 people marked present (or toggled) as the page's htmx buttons post, then the
  sheet again;
- public visitor, 10 %: the public knowledge catalogue without login: the front page (10), searches
  (50; the knowledge bench's queries, with their facet filters), a document found (30), published
  reports (10);
- login, 5 %: signs in through the login form (argon2, django-axes), three staff actions, signs out;
  and again.

Staff actions, by weight (out of 100): home 14, session list 12 (then, 70 % of the time, a filter by
status and country as the page's htmx form sends it), a session's page 16, its attendance sheet 6
(roles that may record it), people 8 (the page, then a name prefix typed, posted by htmx), session
results 10, programme results 10 (grouped by a random dimension; half the time regrouped by htmx),
designs 6, a design's page 6, knowledge centre search 12. A role that may not see a page (M&E officers:
people and attendance) never asks for it; its other actions keep their weights.

Every answer is checked: its status is the expected one (200; 302 after a form post, to the right
place), it is not an error page (title "Page not found", "Request refused", the 500 page, or a form
with errors), a full page is complete (`</html>`), a page that the next step reads has what it needs.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from bench.http_client import Client, Reply

HOST_FOR_USERS = "127.0.0.1"  # bench/server.py's address
THINK_S = (1.0, 3.0)
PERSONA_CYCLE = (
    "staff", "participant", "attendance", "public", "staff",
    "login", "staff", "participant", "staff", "staff",
    "attendance", "staff", "participant", "public", "staff",
    "staff", "participant", "staff", "staff", "staff",
)  # fmt: skip
STAFF_ROLES = ("coordinator", "trainer", "manager", "coordinator", "me_officer", "trainer")
STAFF_WEIGHTS = {
    "home": 14,
    "sessions": 12,
    "session": 16,
    "attendance sheet": 6,
    "people": 8,
    "session results": 10,
    "programme results": 10,
    "designs": 6,
    "design": 6,
    "knowledge search": 12,
}
PUBLIC_WEIGHTS = {"catalogue": 10, "search": 50, "document": 30, "public reports": 10}
STAFF_ACTIONS_PER_LOGIN = 3
MARKS_PER_SHEET = (4, 8)
PASSWORD = "relais-bench"
RESULT_DIMENSIONS = ("country", "profession", "design", "session", "theme")
SESSION_STATUSES = ("delivered", "closed", "planned", "open")
COMMENTS = (
    "The case studies on recruitment agencies were the most useful part.",
    "More time for the joint exercise with the prosecutors, please.",
    "Les échanges avec les inspecteurs des autres pays étaient très utiles.",
    "The interpretation was good; the materials should come earlier.",
    "I will use the indicators checklist in our next inspections.",
    "Plus d'exemples de coopération transfrontalière.",
)

ERROR_TITLES = ("Page not found", "Page introuvable", "Request refused", "Requête refusée", "Error:", "Erreur :")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
MARK_ACTION = re.compile(r"/sessions/\d+/attendance/(\d{4}-\d{2}-\d{2})/mark/$")
DOCUMENT_LINK = re.compile(r'href="(/knowledge/documents/\d+/)"')


# -- forms ----------------------------------------------------------------------------------------
@dataclass
class Control:
    tag: str
    type: str
    name: str
    value: str
    checked: bool = False
    attrs: dict[str, str] = field(default_factory=dict)
    options: list[tuple[str, bool]] = field(default_factory=list)


@dataclass
class Form:
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    def value(self, name: str) -> str:
        return next((c.value for c in self.controls if c.name == name), "")

    def hidden(self) -> list[tuple[str, str]]:
        return [(c.name, c.value) for c in self.controls if c.type == "hidden" and c.name]

    def buttons(self) -> list[str]:
        return [c.value for c in self.controls if c.tag == "button" and c.name == "action"]


class _FormParser(HTMLParser):
    """The forms of a page with their controls, as a browser sees them (no script)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: Control | None = None
        self.select: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = Form(a)
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            self.form.controls.append(Control("input", kind, name, a.get("value", ""), "checked" in a, a))
        elif tag == "button":
            self.form.controls.append(Control("button", a.get("type", "submit"), name, a.get("value", ""), attrs=a))
        elif tag == "textarea":
            self.textarea = Control("textarea", "textarea", name, "", attrs=a)
            self.form.controls.append(self.textarea)
        elif tag == "select":
            self.select = Control("select", "select", name, "", attrs=a)
            self.form.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.select.options.append((a.get("value", ""), "selected" in a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def fill_answers(form: Form, rng: random.Random) -> list[tuple[str, str]]:
    """What a participant sends from a questionnaire page: the hidden fields, one level of every
    agreement scale (mostly agreeing) and every single choice, some of the choices of a multiple
    choice, a number or a few words in every text field, a comment in some of the long ones."""
    data = form.hidden()
    radios: dict[str, list[str]] = {}
    boxes: dict[str, list[str]] = {}
    for c in form.controls:
        if c.tag == "input" and c.type == "radio":
            radios.setdefault(c.name, []).append(c.value)
        elif c.tag == "input" and c.type == "checkbox":
            boxes.setdefault(c.name, []).append(c.value)
        elif c.tag == "input" and c.type == "text" and c.name:
            numeric = c.attrs.get("inputmode") in ("decimal", "numeric")
            data.append((c.name, str(rng.randint(0, 12)) if numeric else rng.choice(COMMENTS)[:80]))
        elif c.tag == "textarea" and c.name:
            required = c.attrs.get("aria-required") == "true"
            data.append((c.name, rng.choice(COMMENTS) if required or rng.random() < 0.6 else ""))
        elif c.tag == "select" and c.name:
            chosen = next((v for v, selected in c.options if selected), c.options[0][0] if c.options else "")
            data.append((c.name, chosen))
    for name, values in radios.items():
        if values == ["1", "2", "3", "4", "5"]:
            data.append((name, rng.choices(values, [1, 2, 4, 7, 5])[0]))
        else:
            data.append((name, rng.choice(values)))
    for name, values in boxes.items():
        data.extend((name, v) for v in rng.sample(values, rng.randint(1, len(values))))
    return data


# -- checks ---------------------------------------------------------------------------------------
def problem_of(
    reply: Reply, expect: tuple[int, ...], *, location: str | None = None, must: str | None = None, partial: bool
) -> str:
    """What is wrong with an answer ("" when nothing): status, redirect target, error page, content."""
    status = reply.status
    if status not in expect:
        where = reply.headers.get("location", "") if 300 <= status < 400 else _title(reply)
        return f"status {status}" + (f" ({where[:80]})" if where else "")
    if 300 <= status < 400:
        target = reply.headers.get("location", "")
        if location is not None and not re.search(location, target):
            return f"redirected to {target[:80]}"
        return ""
    if "text/html" not in reply.headers.get("content-type", ""):
        return ""
    text = reply.text
    title = _title(reply)
    if title.startswith(ERROR_TITLES) or title == "Relais — error":
        return f"error page: {title[:60]}"
    if 'id="error-summary"' in text:
        return "form errors"
    if partial and "<html" in text[:500]:
        return "a full page where htmx asked for a part"
    if not partial and "</html>" not in text[-200:]:
        return "page cut short"
    if must is not None and must not in text:
        return f"missing {must!r}"
    return ""


def _title(reply: Reply) -> str:
    found = TITLE.search(reply.text[:6000])
    return " ".join(found.group(1).split()) if found else ""


# -- recording ------------------------------------------------------------------------------------
@dataclass
class Sample:
    kind: str
    persona: str
    user: int
    started: float  # seconds after the start of the run
    status: int | None
    error: str
    client_ms: float
    server_ms: float | None
    db_ms: float | None
    queries: int | None


class Recorder:
    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.samples: list[Sample] = []
        self.notes: list[str] = []
        self.lock = threading.Lock()

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def note(self, text: str) -> None:
        with self.lock:
            if text not in self.notes:
                self.notes.append(text)


# -- what was prepared ----------------------------------------------------------------------------
@dataclass
class StaffMenu:
    """What one member of staff may open, found with the application's own scoping functions."""

    email: str
    role: str
    sessions: list[int] = field(default_factory=list)
    countries: list[int] = field(default_factory=list)
    attendance: list[int] = field(default_factory=list)
    results_sessions: list[int] = field(default_factory=list)
    programmes: list[int] = field(default_factory=list)
    designs: list[int] = field(default_factory=list)
    name_prefixes: list[str] = field(default_factory=list)  # empty: no people pages for this role

    def actions(self) -> dict[str, int]:
        allowed = {
            "home": True,
            "sessions": bool(self.sessions),
            "session": bool(self.sessions),
            "attendance sheet": bool(self.attendance),
            "people": bool(self.name_prefixes),
            "session results": bool(self.results_sessions),
            "programme results": bool(self.programmes),
            "designs": bool(self.designs),
            "design": bool(self.designs),
            "knowledge search": True,
        }
        return {k: w for k, w in STAFF_WEIGHTS.items() if allowed[k]}


@dataclass
class Persona:
    kind: str  # staff, participant, attendance, public, login
    cookies: dict[str, str] = field(default_factory=dict)
    menu: StaffMenu | None = None
    session: int | None = None  # attendance: the session of the sign-in desk


class Links:
    """The personal links prepared for the run, handed out once each."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = list(tokens)
        self.given = 0
        self.lock = threading.Lock()

    def take(self) -> str | None:
        with self.lock:
            if self.given >= len(self.tokens):
                return None
            self.given += 1
            return self.tokens[self.given - 1]


@dataclass
class Plan:
    personas: list[Persona]
    links: Links
    queries: list[tuple[str, dict[str, list[str]]]]
    public_documents: list[int]
    facts: dict[str, Any] = field(default_factory=dict)


# -- virtual users --------------------------------------------------------------------------------
class Stop(Exception):
    """The action cannot go on (its answer was recorded as an error)."""


class VirtualUser:
    def __init__(
        self,
        number: int,
        persona: Persona,
        plan: Plan,
        host: str,
        port: int,
        recorder: Recorder,
        seed: int,
        think: tuple[float, float] = THINK_S,
    ) -> None:
        self.number = number
        self.think = think
        self.persona = persona
        self.plan = plan
        self.recorder = recorder
        self.rng = random.Random(f"{seed}:user:{number}")
        self.client = Client(
            host,
            port,
            cookies=dict(persona.cookies),
            language="fr" if number % 4 == 3 else "en",
            timeout=30.0,
            forwarded_for=f"10.{number // 250}.{number % 250}.{1 + number % 200}",
        )
        self.pending: list[Callable[[], None]] = []
        self.state: dict[str, Any] = {}
        self.actions = 0

    # -- plumbing ---------------------------------------------------------------------------------
    def run(self, start_at: float, end_at: float) -> None:
        time.sleep(max(0.0, start_at - time.monotonic()))
        while time.monotonic() < end_at:
            try:
                self.step()
            except Stop:
                self.pending.clear()
                self.state.clear()
            except Exception as error:  # a bug of the scenario, or an answer it cannot read: an error
                self.record(f"{self.persona.kind}: scenario", None, f"{type(error).__name__}: {error}", 0.0)
                self.pending.clear()
                self.state.clear()
            self.actions += 1
            remaining = end_at - time.monotonic()
            if remaining <= 0:
                break
            time.sleep(min(self.rng.uniform(*self.think), remaining))

    def record(self, kind: str, reply: Reply | None, error: str, started: float) -> None:
        self.recorder.add(
            Sample(
                kind=kind,
                persona=self.persona.kind,
                user=self.number,
                started=started - self.recorder.t0,
                status=reply.status if reply else None,
                error=error,
                client_ms=reply.client_ms if reply else (time.monotonic() - started) * 1000,
                server_ms=reply.server_ms if reply else None,
                db_ms=reply.db_ms if reply else None,
                queries=reply.queries if reply else None,
            )
        )

    def call(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        data: list[tuple[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
        location: str | None = None,
        must: str | None = None,
    ) -> Reply:
        """One request, checked and recorded; raises Stop when it went wrong."""
        started = time.monotonic()
        partial = bool(headers and headers.get("HX-Request"))
        try:
            if method == "GET":
                reply = self.client.get(path, headers=headers)
            else:
                reply = self.client.post(path, data or [], headers=headers)
        except Exception as error:  # timeouts, refused or reset connections
            self.record(kind, None, f"{type(error).__name__}: {error}"[:200], started)
            raise Stop from error
        problem = problem_of(reply, expect, location=location, must=must, partial=partial)
        self.record(kind, reply, problem, started)
        if problem:
            raise Stop
        return reply

    def htmx(self, target: str, current: str) -> dict[str, str]:
        return {"HX-Request": "true", "HX-Target": target, "HX-Current-URL": self.client.origin + current}

    def step(self) -> None:
        if self.pending:
            self.pending.pop(0)()
            return
        kind = self.persona.kind
        if kind == "participant":
            self.participant()
        elif kind == "attendance":
            self.attendance()
        elif kind == "public":
            self.public()
        elif kind == "login":
            self.login()
        else:
            self.staff()

    def warm_up(self) -> None:
        """Every page kind once (the warm-up before the timed run: templates, charts, search)."""
        menu = self.persona.menu
        paths = ["/", "/knowledge/", "/publications/public/"]
        if menu is not None:
            if menu.sessions:
                paths += ["/sessions/", f"/sessions/{menu.sessions[0]}/"]
            if menu.attendance:
                paths.append(f"/sessions/{menu.attendance[0]}/attendance/")
            if menu.results_sessions:
                paths.append(f"/sessions/{menu.results_sessions[0]}/results/")
            if menu.programmes:
                paths += [f"/evaluation/programmes/{menu.programmes[0]}/results/?by={by}" for by in RESULT_DIMENSIONS]
            if menu.designs:
                paths += ["/designs/", f"/designs/{menu.designs[0]}/"]
            if menu.name_prefixes:
                paths.append("/people/")
        paths += ["/knowledge/?" + urlencode({"q": q, **f}, doseq=True) for q, f in self.plan.queries[:4]]
        for path in paths:
            try:
                self.call("warm-up", "GET", path)
            except Stop:
                continue

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    # -- staff ------------------------------------------------------------------------------------
    def staff(self, menu: StaffMenu | None = None) -> None:
        menu = menu or self.persona.menu
        assert menu is not None
        action = self.pick(menu.actions())
        rng = self.rng
        label = f"staff: {action}"
        if action == "home":
            self.call(label, "GET", "/")
        elif action == "sessions":
            self.call(label, "GET", "/sessions/")
            if rng.random() < 0.7:
                self.pending.append(lambda: self.sessions_filter(menu))
        elif action == "session":
            self.call(label, "GET", f"/sessions/{rng.choice(menu.sessions)}/")
        elif action == "attendance sheet":
            self.call(label, "GET", f"/sessions/{rng.choice(menu.attendance)}/attendance/", must="attendance")
        elif action == "people":
            reply = self.call(label, "GET", "/people/", must='id="people-search"')
            form = next(f for f in forms_of(reply.text) if f.attrs.get("id") == "people-search")
            self.pending.append(lambda: self.people_search(menu, form))
        elif action == "session results":
            self.call(label, "GET", f"/sessions/{rng.choice(menu.results_sessions)}/results/")
        elif action == "programme results":
            programme = rng.choice(menu.programmes)
            path = f"/evaluation/programmes/{programme}/results/"
            self.call(label, "GET", f"{path}?{urlencode({'by': rng.choice(RESULT_DIMENSIONS)})}")
            if rng.random() < 0.5:
                self.pending.append(lambda: self.results_regroup(path))
        elif action == "designs":
            self.call(label, "GET", "/designs/")
        elif action == "design":
            self.call(label, "GET", f"/designs/{rng.choice(menu.designs)}/")
        else:
            q, filters = rng.choice(self.plan.queries)
            self.call(label, "GET", "/knowledge/?" + urlencode({"q": q, **filters}, doseq=True))

    def sessions_filter(self, menu: StaffMenu) -> None:
        query = {
            "q": "",
            "programme": "",
            "country": str(self.rng.choice(menu.countries)),
            "theme": "",
            "status": self.rng.choice(SESSION_STATUSES),
            "date_from": "",
            "date_to": "",
        }
        self.call(
            "staff: session list filtered (htmx)",
            "GET",
            "/sessions/?" + urlencode(query),
            headers=self.htmx("results", "/sessions/"),
        )

    def people_search(self, menu: StaffMenu, form: Form) -> None:
        data = [(k, v) for k, v in form.hidden()]
        data += [("q", self.rng.choice(menu.name_prefixes)), ("country", ""), ("organisation", ""), ("profession", "")]
        self.call(
            "staff: people search typed (htmx)", "POST", "/people/", data=data, headers=self.htmx("results", "/people/")
        )

    def results_regroup(self, path: str) -> None:
        query = urlencode(
            {
                "by": self.rng.choice(RESULT_DIMENSIONS),
                "date_from": "",
                "date_to": "",
                "country": "",
                "profession": "",
                "design": "",
            }
        )
        self.call(
            "staff: programme results regrouped (htmx)", "GET", f"{path}?{query}", headers=self.htmx("results", path)
        )

    # -- participants -----------------------------------------------------------------------------
    def participant(self) -> None:
        token = self.state.get("token")
        if token is None:
            token = self.plan.links.take()
            if token is None:
                self.recorder.note("every prepared link was used: participants browsed the public catalogue instead")
                self.public()
                return
            self.state["token"] = token
            reply = self.call("answer: open the link", "GET", f"/q/{token}/", must='class="answer-form')
            self.state["form"] = self.answer_form(reply)
            return
        form: Form = self.state["form"]
        url = f"/q/{token}/"
        data = fill_answers(form, self.rng)
        if "submit" in form.buttons():
            data.append(("action", "submit"))
            self.call("answer: send the answers (POST)", "POST", url, data=data, expect=(302,), location=r"/thanks/$")
            self.call("answer: thanks page", "GET", f"{url}thanks/")
            self.state.clear()
            return
        data.append(("action", "next"))
        reply = self.call("answer: page sent (POST)", "POST", url, data=data, expect=(302,), location=r"\?page=\d+$")
        target = reply.headers["location"]
        page = self.call("answer: next page", "GET", target, must='class="answer-form')
        self.state["form"] = self.answer_form(page)

    @staticmethod
    def answer_form(reply: Reply) -> Form:
        return next(f for f in forms_of(reply.text) if "answer-form" in f.attrs.get("class", ""))

    # -- attendance -------------------------------------------------------------------------------
    def attendance(self) -> None:
        rows: dict[str, Form] | None = self.state.get("rows")
        if not rows or self.state.get("left", 0) <= 0:
            path = f"/sessions/{self.persona.session}/attendance/"
            reply = self.call("attendance: the day's sheet", "GET", path, must="attendance-toggle")
            rows = {f.value("registration"): f for f in forms_of(reply.text) if MARK_ACTION.search(f.action)}
            if not rows:
                raise RuntimeError(f"no attendance button on {path}")
            self.state.update(rows=rows, left=self.rng.randint(*MARKS_PER_SHEET), page=path)
            return
        waiting = [r for r, f in rows.items() if f.value("present") == "1"]
        registration = self.rng.choice(waiting or list(rows))
        form = rows[registration]
        data = [*form.hidden()]
        reply = self.call(
            "attendance: mark (htmx POST)",
            "POST",
            form.action,
            data=data,
            headers=self.htmx(f"reg-{registration}", self.state["page"]),
            must=f'id="reg-{registration}"',
        )
        after = [f for f in forms_of(reply.text) if f.value("registration") == registration]
        if after:
            rows[registration] = after[0]
        self.state["left"] -= 1

    # -- public visitors --------------------------------------------------------------------------
    def public(self) -> None:
        action = self.pick(PUBLIC_WEIGHTS)
        if action == "catalogue":
            self.call("public: catalogue", "GET", "/knowledge/")
        elif action == "search":
            q, filters = self.rng.choice(self.plan.queries)
            reply = self.call("public: search", "GET", "/knowledge/?" + urlencode({"q": q, **filters}, doseq=True))
            self.state["hits"] = DOCUMENT_LINK.findall(reply.text)
        elif action == "document":
            hits = self.state.get("hits") or [f"/knowledge/documents/{pk}/" for pk in self.plan.public_documents]
            if hits:
                self.call("public: document", "GET", self.rng.choice(hits))
            else:
                self.call("public: catalogue", "GET", "/knowledge/")
        else:
            self.call("public: published reports", "GET", "/publications/public/")

    # -- login ------------------------------------------------------------------------------------
    def login(self) -> None:
        menu = self.persona.menu
        assert menu is not None
        left = self.state.get("left")
        if left is None:
            reply = self.call("login: form", "GET", "/accounts/login/", must='name="password"')
            form = next(f for f in forms_of(reply.text) if any(c.name == "password" for c in f.controls))
            data = [*form.hidden(), ("username", menu.email), ("password", PASSWORD)]
            self.call("login: sign in (POST)", "POST", "/accounts/login/", data=data, expect=(302,), location=r"^/$")
            self.call("login: home after signing in", "GET", "/")
            self.state["left"] = STAFF_ACTIONS_PER_LOGIN
        elif left > 0:
            self.state["left"] = left - 1
            self.staff(menu)
        else:
            self.call(
                "login: sign out (POST)", "POST", "/accounts/logout/", expect=(302,), location=r"/accounts/login/"
            )
            self.state.clear()
