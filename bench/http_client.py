"""A small HTTP client for the page benchmarks and the load test: one request per connection (as
gunicorn's sync workers answer), cookies kept by hand (the server's cookies are `Secure`, and the
clients speak plain HTTP to it as nginx would, with `X-Forwarded-Proto: https`), CSRF sent as
a browser's form would, and the server's `Server-Timing` read back."""

from __future__ import annotations

import http.client
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from relais.core.server_timing import parse as parse_server_timing


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]
    client_ms: float
    server_ms: float | None
    db_ms: float | None
    queries: int | None

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    language: str = "en"
    timeout: float = 60.0
    # The user's own address, as nginx passes it (`$proxy_add_x_forwarded_for`): login throttling and
    # the audit log then see one address per simulated user.
    forwarded_for: str = ""

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        sent = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "Accept-Language": self.language,
            "User-Agent": "relais-bench",
        }
        if self.forwarded_for:
            sent["X-Forwarded-For"] = self.forwarded_for
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET":
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
            if "csrftoken" in self.cookies:
                sent["X-CSRFToken"] = self.cookies["csrftoken"]
        if content_type:
            sent["Content-Type"] = content_type
        sent.update(headers or {})
        start = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        client_ms = (time.perf_counter() - start) * 1000
        got = {k.lower(): v for k, v in response.getheaders()}
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        timing = parse_server_timing(got.get("server-timing", ""))
        queries = timing.get("queries")
        return Reply(
            response.status,
            data,
            got,
            client_ms,
            timing.get("app"),
            timing.get("db"),
            int(queries) if queries is not None else None,
        )

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict[str, str] | list[tuple[str, str]], **kw: object) -> Reply:
        body = urlencode(data, doseq=True).encode()
        headers = kw.get("headers")
        return self.request(
            "POST",
            path,
            body=body,
            content_type="application/x-www-form-urlencoded",
            headers=headers if isinstance(headers, dict) else None,
        )

    def post_file(self, path: str, fields: dict[str, str], name: str, filename: str, content: bytes) -> Reply:
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for key, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST", path, body=b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}"
        )
