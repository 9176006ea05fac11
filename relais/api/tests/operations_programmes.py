from relais.api.tests.operations import ALL, Op

MEMBERS = ALL - {"outsider"}

OPERATIONS = {
    "GET /vocabularies": Op(),
    "GET /programmes": Op(may=MEMBERS, listed=lambda ctx: ctx["programme"].pk),
    "GET /programmes/{programme_id}": Op(params=lambda ctx: {"programme_id": ctx["programme"].pk}, may=MEMBERS),
}
