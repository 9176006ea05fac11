"""The answers one demo participant gives to one questionnaire, in the stored vocabulary of
relais.evaluation.answers (what clean_value returns), drawn from demo_model."""

from __future__ import annotations

import random
from typing import Any, Protocol

from relais.evaluation import demo_model as model
from relais.evaluation import demo_texts as texts
from relais.evaluation.models import Item, ItemType
from relais.evaluation.standard_items import all_specs

SPECS = {spec.text: spec for spec in all_specs()}
# Obstacles each profession names most (weights over OBSTACLES' values; the others weigh 1).
OBSTACLE_WEIGHTS: dict[str, dict[str, int]] = {
    "labour_inspection": {"workload": 5, "resources": 3, "mandate": 2},
    "police": {"workload": 3, "counterparts": 3, "language": 3},
    "specialised_investigation": {"resources": 3, "legal": 2, "language": 2},
    "prosecution": {"legal": 4, "workload": 3, "language": 2},
    "judiciary": {"no_case": 5, "legal": 2},
    "civil_society": {"resources": 4, "counterparts": 3},
    "social_services": {"mandate": 4, "resources": 3, "management": 2},
}


class Room(Protocol):
    share: float
    gain: float
    kind: str
    interpreted: bool
    objective_shares: dict[int, float]
    methods: dict[str, Any]
    city: str


def key_of(item: Item) -> str:
    spec = SPECS.get(item.text)
    return spec.key if spec else ""


def choice(rng: random.Random, item: Item, p: float) -> str:
    """A test answer: right with chance p, else one of the wrong choices (one of them tempts most)."""
    right = [str(c) for c in item.correct]
    if rng.random() < p:
        return right[0]
    wrong = [str(o["value"]) for o in item.options if str(o["value"]) not in right]
    tempting = len(item.text) % len(wrong)
    return rng.choices(wrong, [3 if i == tempting else 1 for i in range(len(wrong))])[0]


def test_values(
    rng: random.Random, items: list[Item], profile: model.Profile, profession: str, room: Room, gain: float | None
) -> dict[int, Any]:
    """A pre-test (gain None) or a post-test after a training that added `gain` (logit) for this person."""
    values: dict[int, Any] = {}
    for item in items:
        spec = SPECS.get(item.text)
        extra = 0.0
        if gain is not None:
            focus = room.objective_shares.get(item.objective_id or 0, room.share) - room.share
            extra = gain + 0.8 * focus
        p = model.chance_right(profile, profession, spec.domain if spec else "", spec.key if spec else "", extra)
        values[item.pk] = choice(rng, item, p)
    return values


def _satisfaction_mean(key: str, room: Room, profile: model.Profile) -> float:
    """The mean of a standard satisfaction item for this person."""
    mean = model.LIKERT_MEAN + profile.tendency
    if key == "methods":
        return mean - 0.7 + 1.0 * room.share
    if key == "networking":
        return mean + (0.35 if room.kind in ("regional", "bilateral") else -0.3 if room.kind == "seminar" else -0.1)
    if key == "organisation" and room.city in model.POOR_VENUE:
        return mean - 1.2
    if key == "relevance" and room.kind == "national":
        return mean + 0.25
    return mean + model.ITEM_EFFECT.get(key, 0.0)


def satisfaction_values(rng: random.Random, items: list[Item], room: Room, profile: model.Profile) -> dict[int, Any]:
    values: dict[int, Any] = {}
    given: list[int] = []
    for item in items:
        key = key_of(item)
        if item.type == ItemType.LIKERT and key == "interpretation":
            if room.interpreted and rng.random() < 0.75:
                values[item.pk] = model.likert(rng, 4.0 + profile.tendency)
            elif not room.interpreted and rng.random() < 0.3:  # those who missed it where there was none
                values[item.pk] = max(2, min(3, model.likert(rng, 2.6, 0.5)))
        elif item.type == ItemType.LIKERT and key == "overall":
            average = sum(given) / len(given) if given else model.LIKERT_MEAN
            values[item.pk] = model.likert(rng, average + 0.05, 0.35)
        elif item.type == ItemType.LIKERT and key:
            level = model.likert(rng, _satisfaction_mean(key, room, profile))
            values[item.pk] = level
            given.append(level)
        elif item.type == ItemType.LIKERT:  # an agenda module
            if rng.random() < 0.93:
                effect = model.METHOD_RATING.get(room.methods.get(item.text), 0.0)
                values[item.pk] = model.likert(rng, 4.1 + profile.tendency + effect)
        elif key == "most_useful" and rng.random() < 0.45:
            values[item.pk] = rng.choice(texts.MOST_USEFUL[room.kind])
        elif key == "to_improve" and rng.random() < 0.35:
            pool = list(texts.TO_IMPROVE["common"])
            if room.kind == "seminar":
                pool += texts.TO_IMPROVE["seminar"] * 3
            pool += texts.TO_IMPROVE["interpretation" if room.interpreted else "no_interpretation"] * 2
            values[item.pk] = rng.choice(pool)
    return values


def _obstacles(rng: random.Random, item: Item, profession: str, applied: bool) -> list[str]:
    options = [str(o["value"]) for o in item.options]
    weights = OBSTACLE_WEIGHTS.get(profession, {})
    picked: set[str] = set()
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        picked.add(rng.choices(options, [weights.get(v, 1) for v in options])[0])
    if not applied and rng.random() < 0.35:
        picked.add("no_case")
    return [v for v in options if v in picked]


def _colleagues(rng: random.Random) -> float:
    roll = rng.random()
    if roll < 0.2:
        return 0.0
    if roll < 0.55:
        return float(rng.randint(1, 3))
    if roll < 0.85:
        return float(rng.randint(4, 8))
    return float(rng.randint(10, 25))


def follow_up_values(
    rng: random.Random, items: list[Item], room: Room, profession: str, gained: float
) -> dict[int, Any]:
    """A follow-up's answers except contacts and cooperation (the network step adds those)."""
    applied = rng.random() < model.applies_chance(profession, room.share, gained)
    level = (5 if rng.random() < 0.4 else 4) if applied else rng.choice([3, 3, 3, 2, 2, 1])
    values: dict[int, Any] = {}
    for item in items:
        key = key_of(item)
        if key == "application":
            values[item.pk] = level
        elif key == "application_example" and rng.random() < (0.8 if applied else 0.2 if level == 3 else 0.0):
            values[item.pk] = rng.choice(texts.EXAMPLES.get(profession, texts.EXAMPLES["civil_society"]))
        elif key == "colleagues" and rng.random() < 0.7:
            values[item.pk] = _colleagues(rng)
        elif key == "organisation_changes" and rng.random() < 0.3:
            values[item.pk] = rng.choice(texts.ORGANISATION_CHANGES)
        elif key == "obstacles" and rng.random() < 0.75:
            values[item.pk] = _obstacles(rng, item, profession, applied)
    return values
