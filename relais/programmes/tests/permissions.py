from tests.matrix import ADMIN, PROGRAMME_MEMBERS, Page

PAGES = {
    "programmes:list": Page(),
    "programmes:detail": Page(kwargs=lambda ctx: {"pk": ctx["programme"].pk}, may=PROGRAMME_MEMBERS),
    "programmes:role_assign": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk},
        may=ADMIN,
        method="post",
        data=lambda ctx: {"programme": ctx["programme"].pk, "role": "viewer"},
    ),
    "programmes:role_remove": Page(
        kwargs=lambda ctx: {"user_pk": ctx["target"].pk, "pk": ctx["target_role"].pk},
        may=ADMIN,
        method="post",
    ),
}
