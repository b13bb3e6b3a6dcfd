"""What each method knew on the day: evidence before a cutoff, and the model's estimates then."""
from __future__ import annotations

import time

import pandas as pd

from readiness.model import ModelParams, estimate_domains

ANCHOR = pd.Timestamp("2030-01-01")  # all cutoffs are shifted here so one model call covers them


def evaluation_points(cohort) -> pd.DataFrame:
    """One row per moment we score: each mock (before it starts) and the real exam."""
    mocks = cohort.attempts.assign(point_id=cohort.attempts["attempt_id"], kind="mock")
    exams = cohort.exams.assign(point_id=cohort.exams["learner_id"] + "-EXAM", kind="exam",
                                taken_at=cohort.exams["exam_at"])
    points = pd.concat([mocks[["learner_id", "point_id", "kind", "taken_at"]],
                        exams[["learner_id", "point_id", "kind", "taken_at"]]], ignore_index=True)
    return points.assign(cutoff=points["taken_at"].dt.normalize())


def evidence_before_points(evidence: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Evidence each point could see, re-keyed by point and shifted so every cutoff is ANCHOR."""
    joined = evidence.merge(points[["learner_id", "point_id", "cutoff"]], on="learner_id")
    joined = joined[joined["taken_at"] < joined["cutoff"]]
    shifted = joined["taken_at"] + (ANCHOR - joined["cutoff"])
    return joined.assign(learner_id=joined["point_id"], taken_at=shifted).drop(columns=["point_id", "cutoff"])


def model_estimates(cohort, points: pd.DataFrame, blueprint, params: ModelParams) -> tuple[pd.DataFrame, float]:
    """The model's per-domain estimates at every point, and the seconds the estimation took."""
    shifted = evidence_before_points(cohort.evidence, points)
    started = time.perf_counter()
    est = estimate_domains(shifted, blueprint, ANCHOR - pd.Timedelta(days=1), params,
                           learners=points["point_id"])
    seconds = time.perf_counter() - started
    return est.rename(columns={"learner_id": "point_id"}), seconds
