"""The evaluation harness runs end to end on a small cohort (no pyBKT) and renders its table."""
import math
from types import SimpleNamespace

import pandas as pd
import pytest

from evaluation.harness import MODEL, run_evaluation
from evaluation.metrics import readiness_scores, unmeasured_pairs
from evaluation.report import render


@pytest.fixture(scope="module")
def small_result():
    return run_evaluation(n_learners=50, seed=3, with_pybkt=False)


@pytest.mark.parametrize("metric", ["rmse", "coverage", "width", "thin_coverage", "thin_width", "brier", "log_loss",
                                    "auc", "fit_seconds"])
def test_model_metrics_are_finite(small_result, metric):
    assert math.isfinite(small_result["rows"][MODEL][metric])


@pytest.mark.parametrize("name", ["Last mock %", "Mean of mocks %", "Raw per-domain accuracy"])
def test_baselines_are_scored(small_result, name):
    row = small_result["rows"][name]
    assert all(math.isfinite(row[k]) for k in ("rmse", "brier", "log_loss", "auc"))


def test_table_renders_every_method(small_result):
    table = render(small_result)
    assert table.startswith("| Method |") and MODEL in table and "Last mock %" in table
    assert "pyBKT: no numbers — skipped" in table
    assert 0 <= small_result["rows"][MODEL]["coverage"] <= 1


def two_mock_cohort():
    """One learner: a mock in domain 1 on 5 Jan (an empty workspace that morning), another on 9 Jan."""
    day1, day2 = pd.Timestamp("2026-01-05 09:00"), pd.Timestamp("2026-01-09 09:00")
    evidence = pd.DataFrame({"learner_id": ["L", "L", "L"], "domain_id": [1, 1, 2],
                             "taken_at": [day1, day2, day2 - pd.Timedelta(days=2)],
                             "correct": [5.0, 6.0, 3.0], "total": [8.0, 8.0, 4.0], "source": ["mock", "mock", "anki"]})
    attempts = pd.DataFrame({"learner_id": ["L", "L"], "attempt_id": ["A1", "A2"], "taken_at": [day1, day2]})
    truth = pd.DataFrame({"learner_id": "L", "attempt_id": ["A1", "A1", "A2", "A2"], "domain_id": [1, 2, 1, 2],
                          "true_readiness": [0.5, 0.6, 0.7, 0.8]})
    return SimpleNamespace(evidence=evidence, attempts=attempts, truth=truth)


def test_unmeasured_domains_are_those_without_an_exam_style_answer_before_the_day():
    pairs = unmeasured_pairs(two_mock_cohort())
    assert sorted(map(tuple, pairs.to_numpy().tolist())) == [("A1", 1), ("A1", 2), ("A2", 2)]


@pytest.mark.parametrize("low,high,coverage,thin_coverage", [
    ([40, 40, 60, 60], [60, 70, 80, 90], 1.0, 1.0),
    ([40, 65, 60, 85], [60, 70, 80, 90], 0.5, 1 / 3),   # domain 2 misses on both days
    ([55, 40, 60, 60], [60, 70, 65, 90], 0.5, 2 / 3)])  # domain 1 misses on both days
def test_band_coverage_over_all_and_over_unmeasured_domains(low, high, coverage, thin_coverage):
    estimates = pd.DataFrame({"point_id": ["A1", "A1", "A2", "A2"], "domain_id": [1, 2, 1, 2],
                              "readiness": [50.0, 60.0, 70.0, 80.0], "low": low, "high": high})
    scores = readiness_scores(estimates, two_mock_cohort())
    assert scores["coverage"] == pytest.approx(coverage) and scores["thin_coverage"] == pytest.approx(thin_coverage)
    assert scores["thin_domains"] == 3 and scores["domain_points"] == 4
