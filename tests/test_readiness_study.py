"""The study plan's own pace: only logged hours and a measured start make the learner's history count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from readiness.model import ModelParams, estimate_domains, study_next
from readiness.study import PRIOR_HOURS, PRIOR_LOGIT_GAIN_PER_HOUR, own_pace, window_gains
from sources.blueprint import load_blueprint

BP = load_blueprint("DEA-C01")
AS_OF = pd.Timestamp("2026-05-31")
EARLY = pd.Timestamp("2026-04-10 19:00")   # before the 28-day window (it starts after 2026-05-03)
LATE = pd.Timestamp("2026-05-25 19:00")    # inside it


def rows(*items) -> pd.DataFrame:
    """Evidence rows (domain, when, correct, total[, source]) of learner 'a'."""
    return pd.DataFrame([(("a", d, None, t, c, n, *rest) + (("mock",) if not rest else ()))
                         for d, t, c, n, *rest in items],
                        columns=["learner_id", "domain_id", "task_id", "taken_at", "correct", "total", "source"])


def logged(*items) -> pd.DataFrame:
    """Study sessions (domain or None, date, minutes) of learner 'a'."""
    return pd.DataFrame([("a", d, pd.Timestamp(t), m) for d, t, m in items],
                        columns=["learner_id", "domain_id", "date", "minutes"])


ALL_DOMAINS_EARLY = [(d, EARLY, 8, 20) for d in (1, 2, 3, 4)]
ALL_DOMAINS_LATE = [(d, LATE, 18, 20) for d in (1, 2, 3, 4)]


def gain(evidence: pd.DataFrame, domains) -> float:
    """Summed log-odds gain over the window in `domains`: the window's accuracy against that before it."""
    gains = window_gains(evidence, AS_OF - pd.Timedelta(days=28), AS_OF, ModelParams())
    return float(gains.loc[list(domains), "gain"].sum())


PRIOR_CASES = {
    # (evidence, hours): the learner's history says nothing about their pace
    "no hours table": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE), None),
    "no hours logged": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE), logged()),
    "hours only before the window": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE), logged((1, "2026-04-20", 600))),
    "hours of another learner": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE),
                                 logged((1, "2026-05-20", 600)).assign(learner_id="b")),
    "first practice in the window": (rows(*ALL_DOMAINS_LATE), logged((1, "2026-05-20", 600))),
    "only flashcards before the window": (rows(*[(d, EARLY, 20, 20, "anki") for d in (1, 2, 3, 4)],
                                               *ALL_DOMAINS_LATE), logged((1, "2026-05-20", 600))),
    "no new answers in the window": (rows(*ALL_DOMAINS_EARLY), logged((1, "2026-05-20", 600))),
    "hours only on a domain first practised in the window": (
        rows((1, EARLY, 8, 20), (1, LATE, 18, 20), (2, LATE, 18, 20)), logged((2, "2026-05-20", 600))),
    "no evidence at all": (rows(), logged((1, "2026-05-20", 600))),
}


@pytest.mark.parametrize("evidence, hours", PRIOR_CASES.values(), ids=PRIOR_CASES.keys())
def test_without_logged_hours_or_a_measured_start_the_rate_is_the_prior(evidence, hours):
    assert own_pace("a", evidence, hours, BP, AS_OF, ModelParams()) == (PRIOR_LOGIT_GAIN_PER_HOUR, False)


MEASURED_CASES = {
    # (evidence, hours, domains whose gain counts, hours that count)
    "every domain, hours on one": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE),
                                   logged((1, "2026-05-20", 300)), (1, 2, 3, 4), 5.0),
    "hours on several domains and on none": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE),
                                             logged((1, "2026-05-20", 120), (3, "2026-05-21", 60),
                                                    (None, "2026-05-22", 60)), (1, 2, 3, 4), 4.0),
    "a domain first practised in the window does not count": (
        rows((1, EARLY, 8, 20), (1, LATE, 18, 20), (2, LATE, 18, 20)),
        logged((1, "2026-05-20", 240), (2, "2026-05-20", 600)), (1,), 4.0),
    "the window's first day is outside it": (rows(*ALL_DOMAINS_EARLY, *ALL_DOMAINS_LATE),
                                             logged((1, "2026-05-03", 600), (1, "2026-05-04", 60)),
                                             (1, 2, 3, 4), 1.0),
}


@pytest.mark.parametrize("evidence, hours, domains, studied", MEASURED_CASES.values(), ids=MEASURED_CASES.keys())
def test_logged_hours_from_a_measured_start_inform_the_rate(evidence, hours, domains, studied):
    rate, measured = own_pace("a", evidence, hours, BP, AS_OF, ModelParams())
    observed = gain(evidence, domains)
    assert observed > 0.3  # the learner did improve: the rate is above the prior, by the shrunk amount
    assert rate == pytest.approx((PRIOR_LOGIT_GAIN_PER_HOUR * PRIOR_HOURS + observed) / (PRIOR_HOURS + studied))
    assert rate > PRIOR_LOGIT_GAIN_PER_HOUR
    assert measured
    ranked = study_next(estimate_domains(evidence, BP, AS_OF), hours, BP, evidence=evidence, as_of=AS_OF, n_sims=500)
    assert np.allclose(ranked["logit_gain_per_hour"], rate) and ranked["pace_measured"].all()


def test_the_reviewers_case_a_jump_from_the_prior_with_no_hours_is_not_a_pace():
    """Before: a first mock in the window read as learning, (0.04 × 20 + gain) / 20 with 0 hours."""
    evidence = rows(*[(d, LATE, 19, 20) for d in (1, 2, 3, 4)])
    then = estimate_domains(evidence, BP, AS_OF - pd.Timedelta(days=28)).set_index("domain_id")["readiness"] / 100
    now = estimate_domains(evidence, BP, AS_OF).set_index("domain_id")["readiness"] / 100
    jump = float((np.log(now / (1 - now)) - np.log(then / (1 - then))).sum())
    assert (PRIOR_LOGIT_GAIN_PER_HOUR * PRIOR_HOURS + jump) / PRIOR_HOURS > 0.1  # what the old rule gave
    ranked = study_next(estimate_domains(evidence, BP, AS_OF), None, BP, evidence=evidence, as_of=AS_OF, n_sims=2000)
    assert np.allclose(ranked["logit_gain_per_hour"], PRIOR_LOGIT_GAIN_PER_HOUR)
    assert not ranked["pace_measured"].any()  # so a page need not call the prior "your logged pace"


NO_DECAY = ModelParams(half_life_days=1e12)  # every answer weighs 1: the gains below are plain counts


def shrunk_gain(before: tuple[int, int], window: tuple[int, int], k: float = 12.0) -> float:
    """Log-odds gain of (correct, asked) in the window over before, each side shrunk by k questions towards their
    pooled accuracy (half a question kept off 0 and 1)."""
    pooled = (before[0] + window[0] + 0.5) / (before[1] + window[1] + 1)
    before_acc, window_acc = ((c + pooled * k) / (n + k) for c, n in (before, window))
    return float(np.log(window_acc / (1 - window_acc)) - np.log(before_acc / (1 - before_acc)))


GAIN_CASES = {
    # (evidence, {domain: log-odds gain}): the window's accuracy against that before it, both shrunk alike
    "8/20 then 18/20": (rows((1, EARLY, 8, 20), (1, LATE, 18, 20)), {1: shrunk_gain((8, 20), (18, 20))}),
    "the same score twice gains nothing": (rows((1, EARLY, 18, 20), (1, LATE, 18, 20)), {1: 0.0}),
    "a worse score is a loss": (rows((2, EARLY, 15, 20), (2, LATE, 10, 20)), {2: shrunk_gain((15, 20), (10, 20))}),
    "two sittings before the window pool": (rows((1, EARLY, 10, 20), (1, EARLY + pd.Timedelta(days=2), 20, 20),
                                                 (1, LATE, 15, 20)), {1: shrunk_gain((30, 40), (15, 20))}),
    "flashcards count on neither side": (rows((1, EARLY, 5, 20), (1, LATE, 20, 20, "anki"), (1, EARLY, 20, 20, "anki"),
                                              (1, LATE, 10, 20)), {1: shrunk_gain((5, 20), (10, 20))}),
    "a domain without answers on both sides has no gain": (rows((1, LATE, 18, 20), (2, EARLY, 9, 20)), {}),
}


def test_a_few_questions_move_the_gain_less_than_many():
    """The same change of accuracy on 5 questions a side counts for less than on 50: noise is not read as pace."""
    few, many = shrunk_gain((3, 5), (4, 5)), shrunk_gain((30, 50), (40, 50))
    assert 0 < few < many < np.log(0.8 / 0.2) - np.log(0.6 / 0.4)


@pytest.mark.parametrize("evidence, expected", GAIN_CASES.values(), ids=GAIN_CASES.keys())
def test_a_window_gain_is_the_change_of_accuracy_with_no_prior(evidence, expected):
    gains = window_gains(evidence, AS_OF - pd.Timedelta(days=28), AS_OF, NO_DECAY)
    assert gains["gain"].to_dict() == pytest.approx(expected, abs=1e-9)


def test_two_sittings_at_one_level_measure_no_pace_however_far_from_the_prior():
    """Before: the second 90% mock moved the estimate from its prior, and that move counted as the hours' gain."""
    evidence = rows(*[(d, EARLY, 18, 20) for d in (1, 2, 3, 4)], *[(d, LATE, 18, 20) for d in (1, 2, 3, 4)])
    then = estimate_domains(evidence, BP, AS_OF - pd.Timedelta(days=28)).set_index("domain_id")["readiness"]
    now = estimate_domains(evidence, BP, AS_OF).set_index("domain_id")["readiness"]
    assert (now - then).min() > 0.5  # the estimates do move: more answers at 90% outweigh the prior more
    rate, measured = own_pace("a", evidence, logged((1, "2026-05-20", 600)), BP, AS_OF, ModelParams())
    assert measured and rate == pytest.approx(PRIOR_LOGIT_GAIN_PER_HOUR * PRIOR_HOURS / (PRIOR_HOURS + 10))


def simulated_rates(questions: int, before: float, after: float, trials: int = 200, seed: int = 0) -> np.ndarray:
    """own_pace of simulated learners: a mock of `questions` (split by the blueprint's weights) 42 days before the
    as-of day at true accuracy `before`, one 2 days before it at `after`, 10 h logged in the window."""
    rng = np.random.default_rng(seed)
    weights = np.array([d.weight for d in BP.domains]) / sum(d.weight for d in BP.domains)
    hours = logged(*[(d.id, "2026-05-21", 150) for d in BP.domains])
    rates = []
    for _ in range(trials):
        items = [(d.id, when, int(rng.binomial(n, accuracy)), int(n))
                 for when, accuracy in ((AS_OF - pd.Timedelta(days=42, hours=-19), before),
                                        (AS_OF - pd.Timedelta(days=2, hours=-19), after))
                 for d, n in zip(BP.domains, rng.multinomial(questions, weights)) if n]
        rates.append(own_pace("a", rows(*items), hours, BP, AS_OF, ModelParams())[0])
    return np.array(rates)


@pytest.mark.parametrize("questions, accuracy", [(20, 0.7), (65, 0.7), (65, 0.9), (20, 0.9)])
def test_a_learner_who_did_not_improve_rarely_gets_a_pace_above_the_prior(questions, accuracy):
    """Before (session 34): the change of the model's estimates gave 53% of unchanged 90% learners (65-question
    mocks) a pace above 1.5x the prior, 72% with 20-question ones; an accuracy change with no prior, 35% of 70%
    learners with 20 questions. Now 7-20% (noise), and the median is below the prior."""
    rates = simulated_rates(questions, accuracy, accuracy)
    assert np.mean(rates > 1.5 * PRIOR_LOGIT_GAIN_PER_HOUR) < 0.25
    assert np.median(rates) < PRIOR_LOGIT_GAIN_PER_HOUR  # 10 h and no gain: below the prior, most of the time


def test_a_learner_who_improved_gets_a_pace_above_the_prior():
    rates = simulated_rates(65, 0.55, 0.75)
    assert np.median(rates) > 1.5 * PRIOR_LOGIT_GAIN_PER_HOUR
