"""The pass probability carries the uncertainty of the learner's pooled level: domains that rest on it err together."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from readiness.exam import questions_per_domain, scaled_score
from readiness.model import ModelParams, estimate_domains, pass_probabilities, simulate_exam
from sources.blueprint import load_blueprint
from tests.conftest import run_cli

BP = load_blueprint("DEA-C01")
PER_DOMAIN = [questions_per_domain(BP)[d.id] for d in BP.domains]
PASSING = scaled_score(np.arange(sum(PER_DOMAIN) + 1) / BP.scoring.scored, BP.scoring) >= BP.scoring.pass_mark - 1e-9
AS_OF = pd.Timestamp("2026-06-30")
COLUMNS = ["learner_id", "domain_id", "task_id", "taken_at", "correct", "total", "source"]
P = ModelParams()


def empty_workspace() -> pd.DataFrame:
    return estimate_domains(pd.DataFrame(columns=COLUMNS).astype({"taken_at": "datetime64[us]"}), BP, AS_OF,
                            learners=["me"])


def drilled_domain_1(days: int = 5, right: float = 0.9) -> pd.DataFrame:
    """20 questions of Domain 1 a day for `days` days, nothing else."""
    rows = [("me", 1, None, AS_OF - pd.Timedelta(days=d) + pd.Timedelta(hours=9), 20 * right, 20.0, "mock")
            for d in range(days)]
    return estimate_domains(pd.DataFrame(rows, columns=COLUMNS), BP, AS_OF, learners=["me"])


def test_empty_workspace_draws_one_level_for_every_domain():
    """By hand from the model's definition: level ~ N(0.6, 0.24 / 33), each domain Beta(12 level, 12 (1 − level))
    given it, binomial answers; the independent convolution said 0.1275."""
    rng = np.random.default_rng(0)
    n = 400_000
    level = np.clip(P.prior_mean + rng.standard_normal(n) * np.sqrt(0.24 / (P.pooling_strength + 1)), 1e-9, 1 - 1e-9)
    correct = sum(rng.binomial(k, rng.beta(P.prior_strength * level, P.prior_strength * (1 - level)))
                  for k in PER_DOMAIN)
    by_hand = float(np.mean(correct >= 36))
    exact = pass_probabilities(empty_workspace(), BP).iloc[0]
    assert exact == pytest.approx(by_hand, abs=0.004) and exact > 0.19


def test_one_drilled_domain_does_not_pin_the_others():
    """90% on 100 Domain 1 questions: the other domains' prior mean (82.6%) is known only as well as domains
    differ from each other, so the pass chance is lower than the independent 0.966."""
    rows = drilled_domain_1()
    assert rows.loc[rows.domain_id == 2, "readiness"].iloc[0] == pytest.approx(82.6, abs=0.05)
    joint = pass_probabilities(rows, BP).iloc[0]
    independent = pass_probabilities(rows.drop(columns="shared_sd", errors="ignore"), BP).iloc[0]
    assert independent == pytest.approx(0.966, abs=0.001) and joint < independent - 0.02


@pytest.mark.parametrize("days", [1, 5, 40, 400])
def test_shared_sd_is_largest_where_a_domain_rests_on_the_prior(days):
    rows = drilled_domain_1(days).set_index("domain_id")
    assert (rows["shared_sd"] > 0).all()
    assert rows.loc[1, "shared_sd"] < rows.loc[2, "shared_sd"]  # Domain 1's own answers outweigh its prior
    # the level behind domains 2-4 is never known better than domains differ (12 pseudo-questions' spread)
    m = rows.loc[2, "readiness"] / 100
    floor = 1 / np.sqrt((P.pooling_strength + 1) / 0.24 + (P.prior_strength + 1) / (m * (1 - m)))
    assert rows.loc[2, "shared_sd"] >= floor - 1e-12


@pytest.mark.parametrize("case", ["empty", "drilled"])
def test_simulation_agrees_with_the_exact_mixture(case):
    rows = empty_workspace() if case == "empty" else drilled_domain_1()
    simulated = simulate_exam(rows, BP, n_sims=60000, seed=2)["pass_probability"]
    assert simulated == pytest.approx(pass_probabilities(rows, BP).iloc[0], abs=0.006)


def random_learners(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Beta posteriors and shared sds of learners with 0-400 answers per domain (some domains unpractised)."""
    rng = np.random.default_rng(seed)
    answered = np.where(rng.random((n, 4)) < 0.3, 0, rng.gamma(1.0, 1, (n, 4)) * rng.choice([5, 30, 150, 400], (n, 1)))
    accuracy = np.clip(rng.beta(8, 4, n)[:, None] + rng.normal(0, 0.08, (n, 4)), 0.01, 0.99)
    learner = np.repeat(np.arange(n), 4)
    grid = pd.DataFrame({"learner_id": learner, "domain_id": np.tile([1, 2, 3, 4], n),
                         "wins": (answered * accuracy).ravel(), "losses": (answered * (1 - accuracy)).ravel(),
                         "questions": 0.0, "trend_var": 0.0})
    from readiness.estimate import posterior

    out = posterior(grid, P)
    return tuple(out[c].to_numpy().reshape(n, 4) for c in ("alpha", "beta", "shared_sd"))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_node_rule_is_within_1e4_of_many_nodes(seed):
    from readiness.joint import correct_pmf, hermite_rule, level_ratio, level_shift, mixed_correct_pmf, nodes_needed

    alpha, beta, shared = random_learners(3000, seed)
    reference = sum(w * correct_pmf(*level_shift(alpha, beta, shared, float(z)), PER_DOMAIN)
                    for z, w in zip(*hermite_rule(40)))
    got = mixed_correct_pmf(alpha, beta, shared, PER_DOMAIN)
    assert np.abs(got[:, PASSING].sum(1) - reference[:, PASSING].sum(1)).max() < 1e-4
    assert np.allclose(got.sum(1), 1) and len(set(nodes_needed(level_ratio(alpha, beta, shared, PER_DOMAIN)))) >= 3


def test_no_shared_sd_is_the_independent_convolution_exactly():
    from readiness.joint import correct_pmf, mixed_correct_pmf

    alpha, beta, shared = random_learners(50, 3)
    assert np.array_equal(mixed_correct_pmf(alpha, beta, np.zeros_like(shared), PER_DOMAIN),
                          correct_pmf(alpha, beta, PER_DOMAIN))


def test_an_empty_workspace_says_the_mixed_pass_chance(tmp_path):
    """Real CLI: init, run with no files, then `readiness --json` and marts.forecast agree on the joint figure."""
    import duckdb

    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--learner", "me")
    run_cli("run", "-w", str(ws), "--json")
    data = json.loads(run_cli("readiness", "-w", str(ws), "--json").stdout)
    with duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True) as con:
        stored = con.execute("SELECT pass_probability FROM marts.forecast WHERE learner_id = 'me'").fetchall()
    assert data["pass_probability"] == pytest.approx(pass_probabilities(empty_workspace(), BP).iloc[0], abs=1e-4)
    assert [round(p, 4) for (p,) in stored] == [data["pass_probability"]] and data["pass_probability"] > 0.19
