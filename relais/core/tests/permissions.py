from tests.matrix import ADMIN, Page

PAGES = {
    "core:healthz": Page(public=True),
    "core:home": Page(),
    "core:administration": Page(may=ADMIN),
    "core:audit_log": Page(may=ADMIN),
    "core:reference": Page(kwargs=lambda ctx: {"kind": "countries"}, may=ADMIN),
    "core:reference_new": Page(kwargs=lambda ctx: {"kind": "themes"}, may=ADMIN),
    "core:reference_edit": Page(kwargs=lambda ctx: {"kind": "countries", "pk": ctx["country"].pk}, may=ADMIN),
}
