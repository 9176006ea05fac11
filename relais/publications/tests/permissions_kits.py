"""Permission matrix entries: replication kits.

- Asking for a kit of a design (POST): those who may build its programme's publications —
  administrators, the programme's managers and M&E officers (publications.scoping.may_build);
  everyone else gets 404.
"""

from typing import Any

from relais.design.tests.factories import make_complete_design
from tests.matrix import Page

BUILDERS = frozenset({"admin", "manager", "me_officer"})


def context(ctx: dict[str, Any]) -> None:
    ctx["kits_design"] = make_complete_design(programme=ctx["programme"], title="Kit design")


PAGES: dict[str, Page] = {
    "publications:kit_new": Page(
        kwargs=lambda ctx: {"pk": ctx["kits_design"].pk},
        may=BUILDERS,
        method="post",
        data=lambda ctx: {"language": "fr"},
        ok=frozenset({302}),
    ),
}
