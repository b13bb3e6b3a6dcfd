"""The evaluation harness runs end to end on a small cohort (no pyBKT) and renders its table."""
import math

import pytest

from evaluation.harness import MODEL, run_evaluation
from evaluation.report import render


@pytest.fixture(scope="module")
def small_result():
    return run_evaluation(n_learners=50, seed=3, with_pybkt=False)


@pytest.mark.parametrize("metric", ["rmse", "coverage", "width", "brier", "log_loss", "auc", "fit_seconds"])
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
