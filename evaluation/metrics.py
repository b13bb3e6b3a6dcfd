"""Scores of one method's estimates against the simulated truth."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from readiness.model import pass_probabilities

POINT_MASS = 1e6  # pseudo-count that turns a point estimate into an (almost) certain ability


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties count half)."""
    labels = labels.astype(bool)
    n_pos, n_neg = labels.sum(), (~labels).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = stats.rankdata(scores)
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def with_beta(estimates: pd.DataFrame) -> pd.DataFrame:
    """Estimates with posterior Beta parameters (point mass for methods without uncertainty)."""
    if {"alpha", "beta"} <= set(estimates.columns):
        return estimates
    p = np.clip(estimates["readiness"].to_numpy() / 100, 1e-6, 1 - 1e-6)
    return estimates.assign(alpha=p * POINT_MASS, beta=(1 - p) * POINT_MASS)


def pass_scores(estimates: pd.DataFrame, cohort, blueprint) -> dict[str, float]:
    """Brier score, log loss and accuracy of the pass probability as of the day before the exam."""
    exam_ids = cohort.exams["learner_id"] + "-EXAM"
    at_exam = with_beta(estimates[estimates["point_id"].isin(set(exam_ids))])
    prob = pass_probabilities(at_exam.rename(columns={"point_id": "learner_id"}), blueprint)
    prob = prob.reindex(exam_ids).to_numpy()
    passed = cohort.exams["passed"].to_numpy(dtype=float)
    clipped = np.clip(prob, 1e-4, 1 - 1e-4)
    return {"brier": float(np.mean((prob - passed) ** 2)),
            "log_loss": float(-np.mean(passed * np.log(clipped) + (1 - passed) * np.log(1 - clipped))),
            "pass_accuracy": float(np.mean((prob >= 0.5) == passed.astype(bool)))}


def readiness_scores(estimates: pd.DataFrame, cohort) -> dict[str, float]:
    """RMSE (percentage points) vs true readiness on mock days, and 90% interval coverage."""
    truth = cohort.truth.rename(columns={"attempt_id": "point_id"})
    joined = truth.merge(estimates, on=["point_id", "domain_id"], how="left")
    true_pct = joined["true_readiness"].to_numpy() * 100
    out = {"rmse": float(np.sqrt(np.mean((joined["readiness"].to_numpy() - true_pct) ** 2)))}
    if {"low", "high"} <= set(joined.columns):
        inside = (joined["low"].to_numpy() <= true_pct) & (true_pct <= joined["high"].to_numpy())
        out["coverage"] = float(inside.mean())
        out["width"] = float((joined["high"] - joined["low"]).mean())
    return out


def answer_auc(estimates: pd.DataFrame, cohort) -> float:
    """AUC of each mock answer's correctness from the domain readiness known the day before."""
    answers = cohort.evidence[(cohort.evidence["source"] == "mock")]
    joined = answers.merge(estimates.rename(columns={"point_id": "attempt_id"}),
                           on=["attempt_id", "domain_id"], how="inner")
    return auc(joined["readiness"].to_numpy(), joined["correct"].to_numpy() > 0)


def score_method(estimates: pd.DataFrame, cohort, blueprint) -> dict[str, float]:
    """Every metric of one method."""
    return {**readiness_scores(estimates, cohort), **pass_scores(estimates, cohort, blueprint),
            "auc": answer_auc(estimates, cohort)}
