"""Baselines on the same evidence: last mock %, mean of mocks, raw per-domain accuracy."""
from __future__ import annotations

import numpy as np
import pandas as pd

from evaluation.points import evidence_before_points
from readiness.params import EXAM_STYLE_SOURCES


def exam_style_before(cohort, points: pd.DataFrame) -> pd.DataFrame:
    """Exam-style answers (no flashcards) each point could see, keyed by point_id."""
    ev = cohort.evidence[cohort.evidence["source"].isin(EXAM_STYLE_SOURCES)]
    return evidence_before_points(ev, points).rename(columns={"learner_id": "point_id"})


def mock_percentages(seen: pd.DataFrame) -> pd.DataFrame:
    """Overall percentage of each earlier mock attempt, per point, in date order."""
    per_attempt = seen.groupby(["point_id", "attempt_id"], as_index=False).agg(
        correct=("correct", "sum"), total=("total", "sum"), taken_at=("taken_at", "min"))
    return per_attempt.assign(pct=per_attempt["correct"] / per_attempt["total"]).sort_values("taken_at")


def on_grid(values: pd.Series, points: pd.DataFrame, domain_ids: list[int], fallback: float) -> pd.DataFrame:
    """Broadcast one overall value per point to every domain (fallback where there is none)."""
    grid = pd.MultiIndex.from_product([points["point_id"], domain_ids], names=["point_id", "domain_id"])
    frame = pd.DataFrame(index=grid).reset_index()
    frame["readiness"] = frame["point_id"].map(values).fillna(fallback).to_numpy() * 100
    return frame


def raw_domain_accuracy(seen: pd.DataFrame, points: pd.DataFrame, domain_ids: list[int],
                        fallback: float) -> pd.DataFrame:
    """Cumulative accuracy per domain; the learner's overall accuracy where a domain has none."""
    per_domain = seen.groupby(["point_id", "domain_id"])[["correct", "total"]].sum()
    overall = seen.groupby("point_id")["correct"].sum() / seen.groupby("point_id")["total"].sum()
    frame = on_grid(overall, points, domain_ids, fallback)
    acc = (per_domain["correct"] / per_domain["total"]).rename("acc")
    frame = frame.join(acc, on=["point_id", "domain_id"])
    frame["readiness"] = np.where(frame["acc"].notna(), frame["acc"] * 100, frame["readiness"])
    return frame.drop(columns="acc")


def baseline_estimates(cohort, points: pd.DataFrame, blueprint, fallback: float) -> dict[str, pd.DataFrame]:
    """Per-domain readiness (0–100) per point for each simple baseline."""
    domain_ids = [d.id for d in blueprint.domains]
    seen = exam_style_before(cohort, points)
    mocks = mock_percentages(seen)
    last = mocks.groupby("point_id")["pct"].last()
    mean = mocks.groupby("point_id")["pct"].mean()
    return {"Last mock %": on_grid(last, points, domain_ids, fallback),
            "Mean of mocks %": on_grid(mean, points, domain_ids, fallback),
            "Raw per-domain accuracy": raw_domain_accuracy(seen, points, domain_ids, fallback)}
