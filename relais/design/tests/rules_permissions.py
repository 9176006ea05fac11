"""Permission matrix entries of the design rules' administration (to merge into permissions.py)."""

from tests.matrix import ADMIN, Page

PAGES = {
    "design_rules:list": Page(may=ADMIN),
    "design_rules:edit": Page(kwargs=lambda ctx: {"code": "MD-1"}, may=ADMIN),
}
