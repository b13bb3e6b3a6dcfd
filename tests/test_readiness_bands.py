"""The per-domain 90% band includes the uncertainty of the learner's pooled level, as the pass probability does."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from readiness.model import ModelParams, estimate_domains
from sources.blueprint import load_blueprint

BP = load_blueprint("DEA-C01")
AS_OF = pd.Timestamp("2026-06-30")
COLUMNS = ["learner_id", "domain_id", "task_id", "taken_at", "correct", "total", "source"]
P = ModelParams()


def rows_of(days_by_domain: dict[int, int], right: float = 0.75, per_day: float = 20.0) -> pd.DataFrame:
    """`per_day` questions a day at `right` in each domain for its number of days (0: never practised)."""
    rows = [("me", domain, None, AS_OF - pd.Timedelta(days=d) + pd.Timedelta(hours=9), per_day * right, per_day, "mock")
            for domain, days in days_by_domain.items() for d in range(days)]
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"taken_at": "datetime64[us]"})
    return estimate_domains(frame, BP, AS_OF, learners=["me"]).set_index("domain_id")


def given_level(row) -> np.ndarray:
    """The old band: 5 % / 95 % of Beta(alpha, beta), the domain with the level at its estimate (percent)."""
    return 100 * stats.beta.ppf([0.05, 0.95], row["alpha"], row["beta"])


def over_the_level(row, n: int = 400_000, seed: int = 0) -> np.ndarray:
    """5 % / 95 % of the ability the pass probability draws: level z ~ N(0, 1), then the Beta with its mean moved
    by shared_sd × z and its size kept (readiness.joint, by hand)."""
    rng = np.random.default_rng(seed)
    size = row["alpha"] + row["beta"]
    mean = np.clip(row["alpha"] / size + row["shared_sd"] * rng.standard_normal(n), 1e-9, 1 - 1e-9)
    return 100 * np.quantile(rng.beta(mean * size, (1 - mean) * size), [0.05, 0.95])


UNMEASURED = {"empty workspace": ({}, 1), "one drilled domain, another": ({1: 5}, 2),
              "three practised, the fourth": ({1: 10, 2: 10, 3: 10}, 4)}


@pytest.mark.parametrize("days,domain", UNMEASURED.values(), ids=UNMEASURED.keys())
def test_an_unmeasured_domain_has_the_band_the_pass_probability_assumes(days, domain):
    row = rows_of(days).loc[domain]
    band, old = np.array([row["low"], row["high"]]), given_level(row)
    assert band == pytest.approx(over_the_level(row), abs=0.75)  # the moment-matched Beta: within 0.75 points
    assert band[0] < old[0] - 1 and band[1] > old[1] + 1  # more than a point wider on each side


def test_an_empty_workspace_shows_about_33_to_85():
    row = rows_of({}).loc[1]
    assert (row["readiness"], row["alpha"], row["beta"]) == pytest.approx((60.0, 7.2, 4.8))  # the inputs are kept
    assert (row["low"], row["high"]) == pytest.approx((32.5, 84.7), abs=0.05)  # was 36.6–81.4


@pytest.mark.parametrize("days", [30, 90])
def test_many_answers_in_every_domain_leave_the_band_nearly_unchanged(days):
    rows = rows_of({1: days, 2: days, 3: days, 4: days})
    for _, row in rows.iterrows():
        old = given_level(row)
        assert row["low"] <= old[0] + 1e-9 and row["high"] >= old[1] - 1e-9  # never narrower than given the level
        assert (row["high"] - row["low"]) - (old[1] - old[0]) < 0.3  # and under 0.3 points wider
