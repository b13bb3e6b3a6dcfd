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
            "pass_accuracy": float(np.mean((prob >= 0.5) == passed.astype(bool))),
            "exam_bins": calibration_bins(prob, passed)}


def true_pass_probability(cohort, blueprint) -> pd.Series:
    """Per mock point: the chance of passing had the real exam been sat that day (true readiness, exact)."""
    truth = cohort.truth.drop(columns="learner_id").rename(columns={"attempt_id": "learner_id"})
    return pass_probabilities(with_beta(truth.assign(readiness=100 * truth["true_readiness"])), blueprint)


def unmeasured_pairs(cohort) -> pd.DataFrame:
    """(attempt_id, domain_id) of mock points whose domain has no exam-style answer before the day (the prior)."""
    exam_style = cohort.evidence[cohort.evidence["source"].isin(["mock", "summary", "moodle"])]
    first = exam_style.groupby(["learner_id", "domain_id"])["taken_at"].min().rename("first").reset_index()
    points = cohort.truth[["learner_id", "attempt_id", "domain_id"]].merge(
        cohort.attempts[["attempt_id", "taken_at"]], on="attempt_id").merge(first, on=["learner_id", "domain_id"],
                                                                           how="left")
    cutoff = points["taken_at"].dt.normalize()
    thin = points["first"].isna() | (points["first"] >= cutoff)
    return points.loc[thin.to_numpy(), ["attempt_id", "domain_id"]]


def unmeasured_points(cohort) -> set:
    """Mock points before which at least one domain has no exam-style answer (it rests on the prior)."""
    return set(unmeasured_pairs(cohort)["attempt_id"])


def day_pass_scores(estimates: pd.DataFrame, cohort, blueprint) -> dict[str, float]:
    """Expected Brier score of the pass probability on every mock day against the true one (exam sat that
    day): (p − p_true)² + p_true(1 − p_true); all points, and those where a domain is unmeasured."""
    truth = true_pass_probability(cohort, blueprint)
    at_mock = with_beta(estimates[estimates["point_id"].isin(set(truth.index))])
    prob = pass_probabilities(at_mock.rename(columns={"point_id": "learner_id"}), blueprint).reindex(truth.index)
    brier = (prob - truth) ** 2 + truth * (1 - truth)
    thin = brier.index.isin(unmeasured_points(cohort))
    return {"day_brier": float(brier.mean()), "thin_brier": float(brier[thin].mean()),
            "thin_share": float(thin.mean()), "day_bins": calibration_bins(prob.to_numpy(), truth.to_numpy())}


def calibration_bins(prob: np.ndarray, truth: np.ndarray, edges=(0, .1, .3, .5, .7, .9, 1)) -> list[tuple]:
    """(low, high, points, mean predicted, mean true) per bin of predicted pass probability."""
    which = np.clip(np.searchsorted(edges, prob, side="right") - 1, 0, len(edges) - 2)
    return [(edges[i], edges[i + 1], int((which == i).sum()), float(prob[which == i].mean()),
             float(truth[which == i].mean())) for i in range(len(edges) - 1) if (which == i).any()]


def readiness_scores(estimates: pd.DataFrame, cohort) -> dict[str, float]:
    """RMSE (percentage points) vs true readiness on mock days, 90% interval coverage and width: over all
    domains, and over the domains without an exam-style answer yet (`thin_…`: the learner's level carries them)."""
    truth = cohort.truth.rename(columns={"attempt_id": "point_id"})
    joined = truth.merge(estimates, on=["point_id", "domain_id"], how="left")
    true_pct = joined["true_readiness"].to_numpy() * 100
    out = {"rmse": float(np.sqrt(np.mean((joined["readiness"].to_numpy() - true_pct) ** 2)))}
    if {"low", "high"} <= set(joined.columns):
        inside = (joined["low"].to_numpy() <= true_pct) & (true_pct <= joined["high"].to_numpy())
        width = (joined["high"] - joined["low"]).to_numpy()
        thin = pd.MultiIndex.from_frame(joined[["point_id", "domain_id"]]).isin(
            pd.MultiIndex.from_frame(unmeasured_pairs(cohort)))
        out.update(coverage=float(inside.mean()), width=float(width.mean()),
                   thin_coverage=float(inside[thin].mean()), thin_width=float(width[thin].mean()),
                   thin_domains=int(thin.sum()), domain_points=len(joined))
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
            **day_pass_scores(estimates, cohort, blueprint), "auc": answer_auc(estimates, cohort)}
