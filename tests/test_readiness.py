"""Known-answer tests of the readiness estimator, the exam simulation and the study ranking."""
import numpy as np
import pandas as pd
import pytest

from readiness.model import (ModelParams, estimate_domains, estimate_tasks, pass_probabilities,
                             questions_per_domain, simulate_exam, study_next)
from sources.blueprint import load_blueprint

BP = load_blueprint("DEA-C01")
AS_OF = pd.Timestamp("2026-03-01")
COLUMNS = ["learner_id", "domain_id", "task_id", "taken_at", "correct", "total", "source"]


def evidence(rows) -> pd.DataFrame:
    """Evidence frame from (learner, domain, days_before_as_of, correct, total, source) tuples."""
    return pd.DataFrame([(l, d, None, AS_OF - pd.Timedelta(days=days) + pd.Timedelta(hours=9), c, t, s)
                         for l, d, days, c, t, s in rows], columns=COLUMNS)


def band(row) -> float:
    """Width of the 90% interval in percentage points."""
    return float(row["high"] - row["low"])


def one(frame, learner="a", domain=1):
    """The single result row for a learner and domain."""
    return frame[(frame.learner_id == learner) & (frame.domain_id == domain)].iloc[0]


@pytest.mark.parametrize("prior_mean,prior_strength", [(0.6, 4.0), (0.5, 2.0), (0.7, 8.0)])
def test_no_evidence_gives_prior_and_wide_band(prior_mean, prior_strength):
    params = ModelParams(prior_mean=prior_mean, prior_strength=prior_strength)
    out = estimate_domains(evidence([]), BP, AS_OF, params, learners=["a"])
    assert sorted(out.domain_id) == [d.id for d in BP.domains]
    assert np.allclose(out.readiness, 100 * prior_mean)
    assert (out.high - out.low).min() > 40
    assert (out.questions == 0).all() and (out.effective_n == 0).all()


@pytest.mark.parametrize("per_day", [20, 40])
def test_many_recent_perfect_answers_give_high_and_narrow(per_day):
    days = range(1, 11)
    out = estimate_domains(evidence([("a", 1, day, per_day, per_day, "mock") for day in days]), BP, AS_OF)
    row = one(out)
    assert row.readiness > 90 and row.low > 85 and band(row) < 10
    assert row.questions == per_day * len(days)


def test_one_sitting_counts_at_most_the_sitting_cap():
    params = ModelParams(sitting_cap=20.0)
    row = one(estimate_domains(evidence([("a", 1, 0, 100, 100, "mock")]), BP, AS_OF, params))
    assert row.effective_n == pytest.approx(20.0, rel=0.02) and row.questions == 100


@pytest.mark.parametrize("days_old", [60, 120])
def test_old_evidence_gives_wider_band(days_old):
    recent = one(estimate_domains(evidence([("a", 1, 1, 30, 40, "mock")]), BP, AS_OF))
    old = one(estimate_domains(evidence([("a", 1, days_old, 30, 40, "mock")]), BP, AS_OF))
    assert band(old) > band(recent)
    assert old.effective_n < recent.effective_n


@pytest.mark.parametrize("source", ["anki"])
def test_flashcards_count_less_than_mock(source):
    mock = one(estimate_domains(evidence([("a", 1, 1, 40, 40, "mock")]), BP, AS_OF))
    cards = one(estimate_domains(evidence([("a", 1, 1, 40, 40, source)]), BP, AS_OF))
    assert cards.effective_n < mock.effective_n and cards.readiness < mock.readiness
    assert cards.questions == 0 and mock.questions == 40


@pytest.mark.parametrize("days_after", [1, 30])
def test_evidence_after_as_of_is_ignored(days_after):
    base = evidence([("a", 1, 3, 5, 10, "mock")])
    later = pd.concat([base, evidence([("a", 1, -days_after, 0, 50, "mock")])], ignore_index=True)
    pd.testing.assert_frame_equal(estimate_domains(base, BP, AS_OF), estimate_domains(later, BP, AS_OF))


def test_same_day_evidence_is_included():
    out = estimate_domains(evidence([("a", 2, 0, 10, 10, "summary")]), BP, AS_OF.date())
    assert one(out, domain=2).questions == 10


def domains_at(readiness: float, n: float = 100.0) -> pd.DataFrame:
    """One learner's domains all at the same readiness with `n` pseudo-questions of evidence."""
    p = readiness / 100
    return pd.DataFrame({"learner_id": "a", "domain_id": [d.id for d in BP.domains],
                         "readiness": readiness, "alpha": p * n, "beta": (1 - p) * n})


@pytest.mark.parametrize("seed", [0, 7])
def test_simulate_exam_monotone_and_deterministic(seed):
    results = [simulate_exam(domains_at(r), BP, n_sims=4000, seed=seed) for r in (50, 65, 72, 80, 95)]
    probs = [r["pass_probability"] for r in results]
    assert probs == sorted(probs) and probs[0] < 0.05 and probs[-1] > 0.95
    assert [r["scaled_mean"] for r in results] == sorted(r["scaled_mean"] for r in results)
    assert simulate_exam(domains_at(70), BP, 4000, seed) == simulate_exam(domains_at(70), BP, 4000, seed)


def test_simulation_agrees_with_exact_pass_probability():
    frame = domains_at(72, n=30)
    simulated = simulate_exam(frame, BP, n_sims=40000, seed=1)["pass_probability"]
    assert abs(simulated - pass_probabilities(frame, BP)["a"]) < 0.015


@pytest.mark.parametrize("heavy,light", [(1, 4), (2, 3)])
def test_blueprint_weights_are_respected(heavy, light):
    per_domain = questions_per_domain(BP)
    assert sum(per_domain.values()) == BP.scoring.scored and per_domain[heavy] > per_domain[light]
    weak_heavy = domains_at(75).assign(alpha=lambda f: np.where(f.domain_id == heavy, 40.0, 75.0),
                                       beta=lambda f: np.where(f.domain_id == heavy, 60.0, 25.0))
    weak_light = domains_at(75).assign(alpha=lambda f: np.where(f.domain_id == light, 40.0, 75.0),
                                       beta=lambda f: np.where(f.domain_id == light, 60.0, 25.0))
    assert pass_probabilities(weak_heavy, BP)["a"] < pass_probabilities(weak_light, BP)["a"]


def test_study_next_ranks_weak_heavy_domain_first_and_hours_do_not_raise_readiness():
    frame = domains_at(72, n=60).assign(alpha=lambda f: np.where(f.domain_id == 1, 30.0, f.alpha),
                                        beta=lambda f: np.where(f.domain_id == 1, 30.0, f.beta))
    frame["readiness"] = 100 * frame.alpha / (frame.alpha + frame.beta)
    hours = pd.DataFrame({"learner_id": "a", "domain_id": [1, 2], "date": AS_OF, "minutes": [6000, 6000]})
    ranked = study_next(frame, hours, BP, as_of=AS_OF, n_sims=4000)
    assert ranked.iloc[0].domain_id == 1 and list(ranked["rank"]) == [1, 2, 3, 4]
    assert ranked.set_index("domain_id").loc[1, "hours_logged"] == pytest.approx(100.0)
    ev = evidence([("a", 1, 5, 12, 20, "mock")])
    with_hours = estimate_domains(ev, BP, AS_OF)
    assert with_hours.equals(estimate_domains(ev, BP, AS_OF))


def test_simulate_exam_accepts_rows_without_posterior_params():
    out = estimate_domains(evidence([("a", d.id, 2, 18, 20, "mock") for d in BP.domains]), BP, AS_OF)
    with_params = simulate_exam(out, BP, n_sims=4000, seed=3)
    from_band = simulate_exam(out.drop(columns=["alpha", "beta"]), BP, n_sims=4000, seed=3)
    assert abs(with_params["pass_probability"] - from_band["pass_probability"]) < 0.05
    assert 100 <= from_band["scaled_low"] <= from_band["scaled_mean"] <= from_band["scaled_high"] <= 1000


@pytest.mark.parametrize("task,correct", [("1.2", 0), ("1.2", 30)])
def test_task_readiness_starts_from_domain_and_moves_with_task_answers(task, correct):
    rows = [("a", 1, day, 15, 20, "mock") for day in (2, 4, 6)]
    ev = evidence(rows + [("a", 1, 1, correct, 30, "mock")])
    ev.loc[ev.index[-1], "task_id"] = task
    tasks = estimate_tasks(ev, BP, AS_OF)
    assert len(tasks) == len(BP.tasks)
    labelled = tasks[tasks.task_id == task].iloc[0]
    other = tasks[tasks.task_id == "1.1"].iloc[0]
    assert other.questions == 0 and labelled.questions == 30
    assert (labelled.readiness < other.readiness) if correct == 0 else (labelled.readiness > other.readiness)


def test_rows_without_domain_or_questions_are_skipped_and_correct_is_clipped():
    ev = evidence([("a", 1, 1, 25, 20, "mock"), ("a", 2, 1, 3, 0, "mock")])
    ev = pd.concat([ev, evidence([("a", 3, 1, 5, 5, "mock")]).assign(domain_id=np.nan)], ignore_index=True)
    out = estimate_domains(ev, BP, AS_OF)
    assert one(out, domain=1).questions == 20 and one(out, domain=1).readiness <= 100
    assert one(out, domain=2).questions == 0 and one(out, domain=3).questions == 0


@pytest.mark.parametrize("q", [0.0, 1e-9, 0.05, 0.5, 0.95, 1.0])
@pytest.mark.parametrize("a", [1e-3, 0.3, 1.0, 7.5, 12.0, 480.25, 1e6])
@pytest.mark.parametrize("b", [1e-3, 0.8, 1.0, 4.4, 63.0, 2e5])
def test_beta_quantile_equals_scipy_stats_beta_ppf(q, a, b):
    from scipy import stats

    from readiness.estimate import beta_quantile
    assert np.array_equal(beta_quantile(np.array([a]), np.array([b]), q), stats.beta.ppf(q, [a], [b]), equal_nan=True)


@pytest.mark.parametrize("a,b", [(0.0, 1.0), (1.0, 0.0), (-1.0, 2.0), (np.nan, 2.0), (np.inf, 2.0)])
def test_beta_quantile_of_invalid_parameters_is_scipy_stats_beta_ppf(a, b):
    from scipy import stats

    from readiness.estimate import beta_quantile
    assert np.array_equal(beta_quantile(np.array([a]), np.array([b]), 0.05), stats.beta.ppf(0.05, [a], [b]),
                          equal_nan=True)


@pytest.mark.parametrize("seed,missing", [(0, 0.0), (1, 0.1), (2, 0.5)])
def test_group_sums_equal_pandas_groupby_transform_sum(seed, missing):
    from readiness.estimate import group_sums
    rng = np.random.default_rng(seed)
    n = 3000
    learner = pd.Series(rng.choice(["a", "b", "c"], n), dtype="str").mask(rng.random(n) < missing / 3)
    day = pd.Series(pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 9, n), "D"))
    day = day.mask(rng.random(n) < missing / 3)
    source = pd.Series(rng.choice(["mock", "anki", "moodle"], n))
    domain = pd.Series(rng.integers(1, 5, n))
    values = np.where(rng.random(n) < missing / 3, np.nan, rng.random(n) * 20)
    expected = pd.Series(values).groupby([learner.to_numpy(), domain.to_numpy(), day.to_numpy(),
                                          source.to_numpy()]).transform("sum").to_numpy()
    assert np.array_equal(group_sums(values, [learner, domain, day, source]), expected, equal_nan=True)


@pytest.mark.parametrize("rows,min_rows", [(0, 0), (1, 0), (7, 2), (1001, 10), (1001, 10**6)])
def test_beta_quantiles_on_threads_equal_one_call(rows, min_rows):
    from readiness.estimate import beta_quantile, beta_quantiles
    rng = np.random.default_rng(rows)
    alpha, beta = rng.gamma(2.0, 20.0, rows), rng.gamma(2.0, 20.0, rows)
    got = beta_quantiles(alpha, beta, (0.05, 0.5, 0.95), min_rows=min_rows)
    assert all(np.array_equal(g, beta_quantile(alpha, beta, q)) for g, q in zip(got, (0.05, 0.5, 0.95)))


@pytest.mark.parametrize("readiness, seed", [(55, 0), (72, 3), (90, 11)])
def test_study_ranking_uses_the_exact_values_of_shifted_simulations(readiness, seed):
    """The ranking shares one set of draws; each gain equals simulate_exam's with that domain shifted."""
    from readiness.study import rank_one_learner

    rows = domains_at(readiness, n=40).assign(alpha=lambda f: f.alpha + f.domain_id, beta=lambda f: f.beta + 2)
    rate, step = 0.05, 5.0
    ranked = rank_one_learner(rows, rate, BP, step, n_sims=3000, seed=seed).set_index("domain_id")
    base = simulate_exam(rows, BP, 3000, seed)["pass_probability"]
    for domain_id in rows["domain_id"]:
        shifted = simulate_exam(rows, BP, 3000, seed, {int(domain_id): rate * step})["pass_probability"]
        assert ranked.loc[domain_id, "pass_gain_per_hour"] == (shifted - base) / step
        assert ranked.loc[domain_id, "pass_probability"] == base
