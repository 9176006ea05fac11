"""How the demo participants answer: a small, deterministic model with the variation a real programme
shows (all data fictional).

- Knowledge: the chance of answering a question right is logistic in the person's ability, their
  profession's familiarity with the question's domain (judges and prosecutors know the legal
  questions, labour inspectors the indicators and inspection powers, NGOs and social workers
  referral and victims' rights…) and the question's difficulty. A person who attended an earlier
  session starts higher; a few experts are at the maximum before the training.
- Learning: the post-test adds a gain that grows with the interactive share of the design's agenda
  (case studies, simulations, mock trials, study visits… against lectures and panels), with the
  interactive time given to the question's objective, and differs by profession (those for whom the
  subject is newest gain most).
- Satisfaction: mostly 4 and 5; methods rated after the agenda's interactivity, networking higher in
  transnational sessions, interpretation rated 2–3 by the few who answer it where there was none.
- Follow-up: about 60% answer; about two thirds say they applied what they learned.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from relais.design.models import AgendaModule, DesignFormat, Method

INTERACTIVE = {
    Method.CASE_STUDY,
    Method.SIMULATION,
    Method.MOCK_TRIAL,
    Method.GROUP_WORK,
    Method.STUDY_VISIT,
    Method.ROLE_PLAY,
    Method.DISCUSSION,
}
NOT_TEACHING = {Method.EVALUATION, Method.OPENING}

# Difficulty of each bank question (logit): higher is harder.
DIFFICULTY: dict[str, float] = {
    "ilo_indicator": -0.6,
    "debt_bondage": -0.9,
    "forced_labour_definition": 0.2,
    "restriction_of_movement": -0.4,
    "palermo_elements": 0.1,
    "consent_irrelevant": 0.4,
    "non_punishment": 0.7,
    "referral_mechanism": -0.2,
    "reflection_period": 1.0,
    "first_interview": -0.5,
    "inspection_powers": 0.3,
    "inspection_evidence": -0.1,
    "european_investigation_order": 0.2,
    "untoc_legal_basis": 0.8,
    "mla_request_quality": -0.2,
    "jit_definition": 0.1,
    "jit_funding": 0.7,
    "hearing_abroad": 0.3,
    "secondary_victimisation": 0.0,
    "siena": 0.9,
    "liaison_officer": -0.3,
    "financial_investigation": 0.2,
    "joint_action_days": 0.8,
    "organised_criminal_group": 0.4,
    "subcontracting_liability": 1.1,
    "particularly_exploitative": 0.6,
}

# Familiarity of each profession with each domain (logit bonus before the training).
KNOWLEDGE: dict[str, dict[str, float]] = {
    "labour_inspection": {"indicators": 1.0, "inspection": 1.3, "supply": 0.9, "referral": 0.2, "legal": -0.3,
                          "mla": -0.9, "jit": -0.9, "police": -0.4, "financial": -0.2, "orgcrime": -0.3},
    "police": {"police": 1.1, "orgcrime": 0.7, "jit": 0.3, "financial": 0.3, "indicators": 0.2, "mla": -0.2,
               "supply": -0.3, "victim": -0.2},
    "specialised_investigation": {"financial": 1.3, "police": 0.9, "orgcrime": 0.8, "jit": 0.5, "mla": 0.1,
                                  "victim": -0.4, "referral": -0.3},
    "prosecution": {"legal": 1.1, "mla": 1.1, "jit": 0.8, "orgcrime": 0.7, "indicators": -0.2, "inspection": -0.3,
                    "supply": 0.1},
    "judiciary": {"legal": 1.4, "mla": 1.0, "jit": 0.4, "orgcrime": 0.6, "indicators": -0.3, "inspection": -0.6,
                  "police": -0.5, "victim": 0.2},
    "civil_society": {"victim": 1.2, "referral": 1.1, "indicators": 0.4, "supply": 0.2, "mla": -0.9, "jit": -0.9,
                      "police": -0.7, "financial": -0.7, "inspection": -0.3},
    "social_services": {"referral": 1.2, "victim": 1.0, "indicators": 0.1, "mla": -1.0, "jit": -1.0,
                        "financial": -0.8, "police": -0.6, "legal": -0.4},
}  # fmt: skip
# How much more (or less) each profession gains from the same training (logit).
GAIN: dict[str, float] = {
    "labour_inspection": 0.6,
    "civil_society": 0.4,
    "social_services": 0.35,
    "police": 0.25,
    "specialised_investigation": 0.1,
    "prosecution": -0.3,
    "judiciary": -0.6,
}
BASE = -0.25  # logit of the chance an average newcomer answers an average question right
EXPERT_SHARE = 0.03

# Satisfaction: the mean of a Likert answer before the person's own tendency.
LIKERT_MEAN = 4.25
ITEM_EFFECT = {
    "relevance": 0.1,
    "trainers": 0.25,
    "materials": -0.15,
    "organisation": 0.05,
    "overall": 0.0,
}
METHOD_RATING: dict[str | None, float] = {
    Method.LECTURE: -0.3,
    Method.PANEL: -0.15,
    Method.DISCUSSION: 0.0,
    Method.CASE_STUDY: 0.3,
    Method.SIMULATION: 0.4,
    Method.MOCK_TRIAL: 0.35,
    Method.GROUP_WORK: 0.15,
    Method.STUDY_VISIT: 0.5,
    Method.ROLE_PLAY: 0.2,
}
# Sessions whose venue let participants down (organisation rated lower), by city.
POOR_VENUE = {"Bălți"}

# Follow-up: the share who answer, and who say they applied what they learned (before adjustments).
FOLLOW_UP_RESPONSE = 0.6
APPLY_BASE = 0.42
APPLY: dict[str, float] = {
    "labour_inspection": 0.08,
    "police": 0.06,
    "specialised_investigation": 0.05,
    "prosecution": 0.02,
    "judiciary": -0.12,
    "civil_society": 0.06,
    "social_services": -0.04,
}


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def interactive_share(modules: Iterable[AgendaModule]) -> float:
    """The share of the agenda's teaching time in interactive methods."""
    teaching = [m for m in modules if m.method not in NOT_TEACHING]
    total = sum(m.duration_minutes for m in teaching)
    return sum(m.duration_minutes for m in teaching if m.method in INTERACTIVE) / total if total else 0.0


def objective_shares(modules: Iterable[AgendaModule]) -> dict[int, float]:
    """For each objective, the interactive share of the time of the modules that serve it."""
    time: dict[int, list[float]] = {}
    for module in modules:
        if module.method in NOT_TEACHING:
            continue
        for objective in module.objectives.all():
            pair = time.setdefault(objective.pk, [0.0, 0.0])
            pair[1] += module.duration_minutes
            if module.method in INTERACTIVE:
                pair[0] += module.duration_minutes
    return {pk: done / total for pk, (done, total) in time.items() if total}


def design_gain(share: float) -> float:
    """The logit gain of a design's training, from the interactive share of its agenda."""
    return 0.25 + 1.7 * share


def transnational(design_format: str) -> bool:
    return design_format != DesignFormat.NATIONAL


@dataclass
class Profile:
    """A participant as the model sees them (kept across the sessions they attend)."""

    ability: float
    tendency: float  # satisfaction: above or below the room's mean
    engagement: float  # 0–1: how likely to answer a follow-up
    sessions: int = 0  # sessions attended before

    @classmethod
    def draw(cls, rng: random.Random) -> Profile:
        ability = rng.gauss(0, 0.6) + (2.8 if rng.random() < EXPERT_SHARE else 0.0)
        return cls(ability=ability, tendency=rng.gauss(0, 0.35), engagement=rng.random())


def chance_right(profile: Profile, profession: str, domain: str, key: str, gain: float = 0.0) -> float:
    familiarity = KNOWLEDGE.get(profession, {}).get(domain, 0.0)
    prior = min(profile.sessions, 2) * 0.6
    return sigmoid(BASE + profile.ability + prior + familiarity - DIFFICULTY.get(key, 0.0) + gain)


def likert(rng: random.Random, mean: float, spread: float = 0.65) -> int:
    return max(1, min(5, round(rng.gauss(mean, spread))))


def applies_chance(profession: str, share: float, gained: float) -> float:
    """The chance a follow-up respondent says they applied what they learned (answers 4 or 5)."""
    return max(0.15, min(0.92, APPLY_BASE + 0.2 * share + APPLY.get(profession, 0.0) + 0.15 * gained))
