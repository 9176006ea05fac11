"""Reading and replaying the worked example of docs/api.md.

The example is a series of steps, each an ```http block (request line, headers, a blank line, a JSON
body) followed by a ```json block (the response's status line, a blank line, its body). Values that
vary from one server to another are placeholders, `{session_id}`:

- in a response, a placeholder takes the value found at its place (the first time) or must equal the
  value it took before;
- in a request, a placeholder is replaced by the value it took.

A response body in the guide is shortened to the fields that matter: an object lists some of the
fields (the others may be anything), a list lists all its entries unless its last entry is "…", and
the value "…" stands for anything. Everything else is literal and must be what the server answers.
"""

from __future__ import annotations

import http.client
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

SECTION = "## Worked example"
BLOCK = re.compile(r"^```(http|json)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
QUOTED_PLACEHOLDER = re.compile(r'"\{([a-z][a-z0-9_]*)\}"')
MARK = "\x00"  # a placeholder inside the parsed expected body: MARK + name
ANY = "…"


@dataclass
class Step:
    number: int
    request: str
    response: str


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class Expected:
    status: int
    headers: dict[str, str]
    body: Any  # parsed JSON with placeholders as MARK + name; None without a body


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


@dataclass
class Replay:
    """The values the placeholders took, and what disagreed."""

    values: dict[str, Any] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    last: str = ""  # the last answer's body, to show when it disagrees

    def report(self) -> str:
        return "\n".join([*self.wrong, f"the server's answer: {self.last}"])


def section(markdown: str, heading: str = SECTION) -> str:
    """The part of the guide under `heading`, up to the next heading of the same or a higher level."""
    start = markdown.index(f"\n{heading}\n")
    level = len(heading) - len(heading.lstrip("#"))
    after = re.compile(rf"^#{{1,{level}}} ", re.M).search(markdown, start + len(heading) + 2)
    return markdown[start : after.start() if after else len(markdown)]


def steps(markdown: str, heading: str = SECTION) -> list[Step]:
    """The steps under `heading`: each ```http block with the ```json block after it."""
    blocks = [(m.group(1), m.group(2)) for m in BLOCK.finditer(section(markdown, heading))]
    out: list[Step] = []
    for n in range(0, len(blocks), 2):
        pair = blocks[n : n + 2]
        kinds = [kind for kind, _text in pair]
        if kinds != ["http", "json"]:
            raise ValueError(f"block {n + 1} of the worked example: expected an http block then a json block, {kinds}")
        out.append(Step(number=len(out) + 1, request=pair[0][1], response=pair[1][1]))
    return out


def _head(text: str) -> tuple[list[str], str]:
    """The lines before the first blank line, and the rest."""
    head, _blank, rest = text.partition("\n\n")
    return [line for line in head.splitlines() if line.strip()], rest.strip()


def _headers(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        name, _colon, value = line.partition(":")
        out[name.strip()] = value.strip()
    return out


def substitute(text: str, values: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"the placeholder {{{name}}} is used before a response gave it a value")
        return str(values[name])

    return PLACEHOLDER.sub(value, text)


def parse_request(text: str, values: dict[str, Any]) -> Request:
    lines, body = _head(substitute(text, values))
    method, path, _version = lines[0].split(" ", 2)
    return Request(method=method, path=path, headers=_headers(lines[1:]), body=body)


def parse_expected(text: str) -> Expected:
    lines, body = _head(text)
    status = int(lines[0].split(" ")[1])
    marked = QUOTED_PLACEHOLDER.sub(lambda m: json.dumps(MARK + m.group(1)), body)
    marked = PLACEHOLDER.sub(lambda m: json.dumps(MARK + m.group(1)), marked)
    return Expected(status=status, headers=_headers(lines[1:]), body=json.loads(marked) if marked else None)


def send(host: str, port: int, request: Request) -> Answer:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        headers = {name: value for name, value in request.headers.items() if name.lower() != "host"}
        connection.request(request.method, request.path, body=request.body.encode() or None, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        return Answer(status=response.status, headers={k.lower(): v for k, v in response.getheaders()}, text=text)
    finally:
        connection.close()


def match(expected: Any, actual: Any, where: str, replay: Replay) -> None:
    """Compares a documented body with the server's, binding placeholders; disagreements go to replay.wrong."""
    if isinstance(expected, str) and expected.startswith(MARK):
        name = expected[len(MARK) :]
        if name not in replay.values:
            replay.values[name] = actual
        elif replay.values[name] != actual:
            replay.wrong.append(f"{where}: {{{name}}} was {replay.values[name]!r} before, the server says {actual!r}")
        return
    if expected == ANY:
        return
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            replay.wrong.append(f"{where}: the guide shows an object, the server answers {actual!r}")
            return
        for key, value in expected.items():
            if key not in actual:
                replay.wrong.append(f"{where}.{key}: in the guide, not in the server's answer")
            else:
                match(value, actual[key], f"{where}.{key}", replay)
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            replay.wrong.append(f"{where}: the guide shows a list, the server answers {actual!r}")
            return
        more = bool(expected) and expected[-1] == ANY
        shown = expected[:-1] if more else expected
        if len(actual) < len(shown) or (not more and len(actual) != len(shown)):
            replay.wrong.append(f"{where}: the guide shows {len(shown)} entries, the server gives {len(actual)}")
            return
        for n, value in enumerate(shown):
            match(value, actual[n], f"{where}.{n}", replay)
        return
    if _number(expected) and _number(actual):
        if not math.isclose(expected, actual, abs_tol=0.0005):
            replay.wrong.append(f"{where}: the guide says {expected!r}, the server {actual!r}")
        return
    if expected != actual or type(expected) is not type(actual):
        replay.wrong.append(f"{where}: the guide says {expected!r}, the server {actual!r}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def run(markdown: str, host: str, port: int, values: dict[str, Any], heading: str = SECTION) -> Replay:
    """Sends every step as written and compares each answer with the guide; stops at the first step
    that disagrees (the next ones would depend on it)."""
    replay = Replay(values=dict(values))
    for step in steps(markdown, heading):
        request = parse_request(step.request, replay.values)
        expected = parse_expected(step.response)
        answer = send(host, port, request)
        replay.last = answer.text
        label = f"step {step.number} ({request.method} {request.path})"
        if answer.status != expected.status:
            replay.wrong.append(f"{label}: the guide says {expected.status}, the server {answer.status}: {answer.text}")
            break
        for name, value in expected.headers.items():
            if answer.headers.get(name.lower()) != value:
                replay.wrong.append(f"{label}: header {name} is {answer.headers.get(name.lower())!r}, not {value!r}")
        if expected.body is not None:
            match(expected.body, answer.json(), label, replay)
        if replay.wrong:
            break
    return replay
