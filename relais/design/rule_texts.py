"""Wording helpers of the design rules: numbers, percentages and lists in the user's language.

Every helper is called when a rule runs, that is in the language active for the request that shows
the check, so the messages read in the user's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from relais.design.models import DesignFormat, Method, Sustainability
from relais.design.rule_facts import ObjectiveFacts
from relais.programmes.models import RouteRole

# Stages of the chain of MD-3 (keys of its "stages" threshold). A stage an administrator adds in
# the data without a label here is shown by its key.
STAGE_LABELS: dict[str, Promise] = {
    "detection": _("detection"),
    "investigation": _("investigation"),
    "prosecution_or_judiciary": _("prosecution or judiciary"),
    "victim_support": _("victim support"),
}


def stage_label(key: str) -> str:
    label = STAGE_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


def num(value: int | float) -> str:
    """A whole number in the user's locale (with grouping: 1,200 / 1 200)."""
    return formats.number_format(value)


def _percent(share: float, decimals: int) -> str:
    return formats.number_format(round(share * 100, decimals), decimal_pos=decimals)


def percent(share: float) -> str:
    """A share (0–1) as a whole percentage in the user's locale, without the % sign (the message has it)."""
    return _percent(share, 0)


def percents(actual: float, expected: float) -> tuple[str, str]:
    """Two shares as percentages with just enough decimals that different values never read the same
    (33.29 % against 33.3 % would otherwise both show as 33)."""
    for decimals in (0, 1):
        a, e = _percent(actual, decimals), _percent(expected, decimals)
        if a != e or actual == expected:
            return a, e
    return _percent(actual, 2), _percent(expected, 2)


def and_list(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def or_list(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(list)s or %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Labels by code, built once (an enum's .choices is rebuilt on every access); lazy, so still translated.
_METHODS: dict[str, Promise] = dict(Method.choices)
_FORMATS: dict[str, Promise] = dict(DesignFormat.choices)
_ROUTE_ROLES: dict[str, Promise] = dict(RouteRole.choices)
_SUSTAINABILITY: dict[str, Promise] = dict(Sustainability.choices)


def method_label(code: str) -> str:
    return str(_METHODS.get(code, code))


def format_label(code: str) -> str:
    return str(_FORMATS.get(code, code))


def route_role_label(code: str) -> str:
    return str(_ROUTE_ROLES.get(code, code))


def sustainability_label(code: str) -> str:
    return str(_SUSTAINABILITY.get(code, code))


def objective_list(objectives: Sequence[ObjectiveFacts], numbers: dict[int, int], limit: int = 4) -> str:
    """Objectives as "objective 2 (“Know the instruments…”)", the first few, then how many more."""
    shown = [
        gettext("objective %(n)s (“%(text)s”)") % {"n": num(numbers[o.id]), "text": Truncator(o.text).chars(60)}
        for o in objectives[:limit]
    ]
    rest = len(objectives) - limit
    if rest > 0:
        shown.append(ngettext("%(n)s other", "%(n)s others", rest) % {"n": num(rest)})
    return and_list(shown)


def names(items: Iterable[object]) -> list[str]:
    return [str(i) for i in items]
