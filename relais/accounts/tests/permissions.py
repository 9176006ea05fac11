from tests.matrix import ADMIN, Page

PAGES = {
    "accounts:login": Page(public=True),
    "accounts:password_reset": Page(public=True),
    "accounts:password_reset_done": Page(public=True),
    "accounts:password_reset_complete": Page(public=True),
    "accounts:password_reset_confirm": Page(kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}, public=True),
    "accounts:set_language": Page(method="post", data=lambda ctx: {"language": "fr", "next": "/"}, public=True),
    "accounts:profile": Page(),
    "accounts:password_change": Page(),
    "accounts:two_factor_setup": Page(),
    "accounts:two_factor_verify": Page(),
    "accounts:two_factor_disable": Page(method="post"),
    "accounts:logout": Page(method="post"),
    "users:list": Page(may=ADMIN),
    "users:new": Page(may=ADMIN),
    "users:detail": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN),
    "users:toggle_active": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
    "users:reset_second_factor": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
    "users:send_invitation": Page(kwargs=lambda ctx: {"pk": ctx["target"].pk}, may=ADMIN, method="post"),
}
