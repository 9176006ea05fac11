"""Step "api": the personal API tokens that administrators, managers and M&E officers made over the
years for their dashboards, spreadsheets and scripts (ApiToken).

Half of the active administrators and M&E officers and a third of the active managers hold one or two
tokens; 70 % read-only; half expire a year after they were made; 80 % have been used (from a private
address); 15 % were revoked. Each is a real token (`relais.api.tokens.new_token`: a random prefix and
the digest of a random secret); the secrets are thrown away, so no one can use them.
"""

from __future__ import annotations

import datetime as dt

from bench.context import Context
from bench.gen_programmes import EPOCH
from bench.sizes import TODAY
from bench.sql import db_datetime, insert_rows
from relais.accounts.models import User
from relais.api.models import ApiToken, TokenScope
from relais.api.tokens import new_token

HOLDERS = {"admin": 0.5, "me": 0.5, "manager": 1 / 3}  # share of the active accounts of each kind
NAMES = ["Power BI dashboard", "Monitoring spreadsheet", "Export script", "Registration form sync",
         "M&E database", "Donor report data", "Attendance app"]  # fmt: skip


def generate_api_tokens(ctx: Context) -> None:
    rng = ctx.rng("api")
    today = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.UTC)
    span = int((today - EPOCH).total_seconds() // 60)
    rows = []
    for user_id, email in User.objects.filter(is_active=True).order_by("pk").values_list("pk", "email"):
        kind = email.split(".", 1)[0]
        if rng.random() >= HOLDERS.get(kind, 0):
            continue
        for _n in range(rng.randint(1, 2)):
            created = EPOCH + dt.timedelta(minutes=rng.randint(0, span - 60 * 24 * 10))
            expires = created + dt.timedelta(days=365) if rng.random() < 0.5 else None
            end = min(today, expires) if expires else today
            used = created + (end - created) * rng.random() if rng.random() < 0.8 else None
            revoked = created + (end - created) * rng.uniform(0.5, 1) if rng.random() < 0.15 else None
            _secret, prefix, digest = new_token()
            rows.append(
                (user_id, rng.choice(NAMES), prefix, digest,
                 TokenScope.WRITE if rng.random() < 0.3 else TokenScope.READ, db_datetime(created),
                 db_datetime(expires) if expires else None, db_datetime(used) if used else None,
                 f"10.20.{rng.randint(0, 255)}.{rng.randint(1, 254)}" if used else None,
                 db_datetime(revoked) if revoked else None)
            )  # fmt: skip
    fields = ["user", "name", "prefix", "digest", "scope", "created_at", "expires_at", "last_used_at", "last_used_ip",
              "revoked_at"]  # fmt: skip
    ctx.add_count("api.apitoken", insert_rows(ApiToken, fields, rows))
