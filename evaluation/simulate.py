"""Simulated cohort: known ability per domain, learning with study, forgetting, mixed sources."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

START = pd.Timestamp("2026-01-05")
DAYS = 90
ITEM_MEAN, ITEM_SD = 0.0, 1.0       # exam item difficulty (logit scale)
ANKI_EASE = 1.0                     # flashcards are easier than exam questions (logit bonus)
MOCK_QUESTIONS = 65
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(31)


@dataclass
class Cohort:
    """Everything the simulator knows: evidence the model sees, and the truth it does not."""
    evidence: pd.DataFrame   # learner_id, domain_id, task_id, taken_at, correct, total, source, attempt_id
    attempts: pd.DataFrame   # learner_id, attempt_id, taken_at, format
    truth: pd.DataFrame      # learner_id, attempt_id, domain_id, true_readiness (0..1) on the mock day
    exams: pd.DataFrame      # learner_id, exam_at, passed, true pass probability inputs
    hours: pd.DataFrame      # learner_id, domain_id, date, minutes


def true_readiness(theta: np.ndarray) -> np.ndarray:
    """Probability of answering a fresh exam question: mean of sigmoid(theta - b) over items."""
    b = ITEM_MEAN + ITEM_SD * _NODES
    probs = special.expit(np.asarray(theta)[..., None] - b)
    return probs @ (_WEIGHTS / _WEIGHTS.sum())


def ability_paths(rng, n: int, n_domains: int):
    """Daily ability theta[day, learner, domain] and study minutes from learning and forgetting."""
    base = rng.normal(0.5, 0.7, n)[:, None] + rng.normal(0, 0.45, (n, n_domains))
    rate = rng.lognormal(np.log(0.03), 0.5, n)[:, None]           # logit gain per study hour
    forget = 1 / rng.uniform(60, 200, n)[:, None]                    # learned part fades per day
    effort = rng.lognormal(np.log(35), 0.6, n)[:, None] * rng.dirichlet(np.ones(n_domains) * 2, n)
    skipped = rng.random((n, n_domains)) < 0.12                       # some domains barely studied
    effort = np.where(skipped, effort * 0.1, effort)
    learned = np.zeros((n, n_domains))
    theta, minutes = np.zeros((DAYS + 15, n, n_domains)), np.zeros((DAYS + 15, n, n_domains))
    for day in range(DAYS + 15):
        studies = rng.random((n, 1)) < 0.6
        minutes[day] = np.where(studies, rng.poisson(effort * 1.6), 0)
        learned = learned * np.exp(-forget) + rate * minutes[day] / 60
        theta[day] = base + learned
    return theta, minutes


def mock_days(rng, n: int) -> list[np.ndarray]:
    """Sorted mock days per learner (1-8 mocks, later in the period more likely, >=3 days apart)."""
    days = []
    for _ in range(n):
        k = int(np.clip(1 + rng.poisson(3.5), 1, 8))
        slots = np.arange(5, DAYS, 3)
        picks = np.sort(rng.choice(slots, size=k, replace=False, p=slots / slots.sum()))
        days.append(picks)
    return days


def domain_counts(rng, weights: np.ndarray, partial: bool) -> np.ndarray:
    """Questions per domain in one mock: a full mock by weight, or a quiz on a few domains."""
    if not partial:
        return rng.multinomial(MOCK_QUESTIONS, weights)
    chosen = rng.random(len(weights)) < 0.5
    chosen[rng.integers(len(weights))] = True
    return np.where(chosen, rng.integers(8, 20, len(weights)), 0)


def mock_rows(rng, learner: str, attempt: str, day: int, theta_day: np.ndarray, counts: np.ndarray,
              per_question: bool) -> pd.DataFrame:
    """Evidence rows of one mock: one row per question, or one summary row per domain."""
    domains = np.repeat(np.arange(1, len(counts) + 1), counts)
    shift = rng.normal(0, 0.25)                                    # this provider's mock is harder/easier
    b = rng.normal(ITEM_MEAN + shift, ITEM_SD, len(domains))
    correct = (rng.random(len(domains)) < special.expit(theta_day[domains - 1] - b)).astype(float)
    start = START + pd.Timedelta(days=int(day), hours=9)
    frame = pd.DataFrame({"learner_id": learner, "domain_id": domains, "task_id": None,
                          "taken_at": start + pd.to_timedelta(np.arange(len(domains)), unit="min"),
                          "correct": correct, "total": 1.0, "source": "mock", "attempt_id": attempt})
    if per_question:
        return frame
    summary = frame.groupby("domain_id", as_index=False).agg(correct=("correct", "sum"), total=("total", "sum"))
    return summary.assign(learner_id=learner, task_id=None, taken_at=start, source="summary", attempt_id=attempt)


def anki_rows(rng, learner: str, theta: np.ndarray, minutes: np.ndarray) -> pd.DataFrame:
    """Daily flashcard reviews per domain (aggregated counts), on days with study time."""
    days, domains = np.nonzero(minutes > 0)
    total = rng.poisson(6, len(days)) + 1
    p = special.expit(theta[days, domains] - rng.normal(ITEM_MEAN - ANKI_EASE, 0.5, len(days)))
    return pd.DataFrame({"learner_id": learner, "domain_id": domains + 1, "task_id": None,
                         "taken_at": START + pd.to_timedelta(days, unit="D") + pd.Timedelta(hours=20),
                         "correct": rng.binomial(total, p).astype(float), "total": total.astype(float),
                         "source": "anki", "attempt_id": None})


def exam_outcome(rng, theta_day: np.ndarray, per_domain: list[int], cut: float = 0.72) -> tuple[bool, int]:
    """Sit the real exam: scored questions by domain weight, pass at the cut raw fraction."""
    correct = sum(int((rng.random(n) < special.expit(theta_day[d] - rng.normal(ITEM_MEAN, ITEM_SD, n))).sum())
                  for d, n in enumerate(per_domain))
    return correct >= np.ceil(cut * sum(per_domain) - 1e-9), correct


def simulate_cohort(n_learners: int, blueprint, seed: int = 0) -> Cohort:
    """A deterministic cohort of learners over ~3 months, ending with the real exam."""
    from readiness.exam import questions_per_domain
    rng = np.random.default_rng(seed)
    weights = np.array([d.weight for d in blueprint.domains])
    per_domain = list(questions_per_domain(blueprint).values())
    theta, minutes = ability_paths(rng, n_learners, len(weights))
    evidence, attempts, truth, exams, hours = [], [], [], [], []
    for i, days in enumerate(mock_days(rng, n_learners)):
        learner, per_question, uses_anki = f"L{i:05d}", rng.random() < 0.6, rng.random() < 0.5
        for k, day in enumerate(days):
            attempt = f"{learner}-A{k + 1}"
            counts = domain_counts(rng, weights, partial=rng.random() < 0.25)
            evidence.append(mock_rows(rng, learner, attempt, day, theta[day, i], counts, per_question))
            attempts.append((learner, attempt, START + pd.Timedelta(days=int(day), hours=9),
                             "mock" if per_question else "summary"))
            truth += [(learner, attempt, d + 1, r) for d, r in enumerate(true_readiness(theta[day, i]))]
        if uses_anki:
            evidence.append(anki_rows(rng, learner, theta[:, i], minutes[:, i]))
        exam_day = int(max(days[-1] + 1, DAYS + rng.integers(0, 14)))
        passed, correct = exam_outcome(rng, theta[exam_day, i], per_domain)
        exams.append((learner, START + pd.Timedelta(days=exam_day, hours=9), passed, correct,
                      *true_readiness(theta[exam_day, i])))
        d_idx, day_idx = np.nonzero(minutes[:, i].T > 0)
        hours.append(pd.DataFrame({"learner_id": learner, "domain_id": d_idx + 1,
                                   "date": START + pd.to_timedelta(day_idx, unit="D"),
                                   "minutes": minutes[day_idx, i, d_idx]}))
    ev = pd.concat(evidence, ignore_index=True)
    ev = ev[ev["taken_at"] < START + pd.Timedelta(days=DAYS + 15)]
    return Cohort(ev, pd.DataFrame(attempts, columns=["learner_id", "attempt_id", "taken_at", "format"]),
                  pd.DataFrame(truth, columns=["learner_id", "attempt_id", "domain_id", "true_readiness"]),
                  pd.DataFrame(exams, columns=["learner_id", "exam_at", "passed", "exam_correct"]
                               + [f"true_d{d.id}" for d in blueprint.domains]),
                  pd.concat(hours, ignore_index=True))
