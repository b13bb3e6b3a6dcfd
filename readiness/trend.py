"""Learning trend: a ridge-shrunk slope per learner, from that learner's own exam-style answers."""
from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.params import EXAM_STYLE_SOURCES, ModelParams

ANSWER_VARIANCE = 0.25  # Bernoulli variance bound per answer, p(1-p) <= 1/4


def learner_slopes(rows: pd.DataFrame, params: ModelParams) -> pd.DataFrame:
    """Accuracy change per day per learner (shared by domains), and its posterior variance.

    `rows` has learner_id, domain_id, age_days, correct, total, source. Each domain keeps its own
    level (the slope is fitted on deviations from the learner's per-domain mean); the slope is
    pulled towards zero by a normal prior with sd `params.trend_prior_sd` (accuracy per day).
    """
    exam = rows[rows["source"].isin(EXAM_STYLE_SOURCES)]
    if params.trend_prior_sd <= 0 or exam.empty:
        return pd.DataFrame(columns=["slope", "slope_var"], index=pd.Index([], name="learner_id"))
    x, n, c = -exam["age_days"].to_numpy(), exam["total"].to_numpy(), exam["correct"].to_numpy()
    keys = [exam["learner_id"].to_numpy(), exam["domain_id"].to_numpy()]
    sums = pd.DataFrame({"n": n, "nx": n * x, "c": c}).groupby(keys).transform("sum")
    x_bar = sums["nx"].to_numpy() / sums["n"].to_numpy()
    y_bar = sums["c"].to_numpy() / sums["n"].to_numpy()
    parts = pd.DataFrame({"sxx": n * (x - x_bar) ** 2, "sxy": (x - x_bar) * (c - n * y_bar)})
    per_learner = parts.groupby(exam["learner_id"].to_numpy()).sum()
    ridge = ANSWER_VARIANCE / params.trend_prior_sd ** 2
    slope = per_learner["sxy"] / (per_learner["sxx"] + ridge)
    slope_var = ANSWER_VARIANCE / (per_learner["sxx"] + ridge)
    return pd.DataFrame({"slope": slope, "slope_var": slope_var}).rename_axis("learner_id")


def apply_trend(grid: pd.DataFrame, slopes: pd.DataFrame) -> pd.DataFrame:
    """Move each domain's evidence along the learner's slope to the as-of date (wins/losses/extra var)."""
    slope = grid["learner_id"].map(slopes["slope"]).fillna(0.0).to_numpy()
    slope_var = grid["learner_id"].map(slopes["slope_var"]).fillna(0.0).to_numpy()
    n = grid["wins"].to_numpy() + grid["losses"].to_numpy()
    age = np.divide(grid["weighted_age"].to_numpy(), n, out=np.zeros_like(n), where=n > 0)
    wins = np.clip(grid["wins"].to_numpy() + slope * age * n, 0.0, n)
    return grid.assign(wins=wins, losses=n - wins, trend_var=slope_var * age ** 2)


def point_slopes(rows: pd.DataFrame, learner: np.ndarray, day: np.ndarray, params: ModelParams) -> pd.DataFrame:
    """`learner_slopes` of each point (sorted by learner, day) from its learner's rows up to its day.

    `rows` has point (each row's first point, -1 for none), seconds, domain_id, correct, total, source.
    """
    if params.trend_prior_sd <= 0:
        return learner_slopes(pd.DataFrame({"source": pd.Series([], dtype=str)}), params)
    rows = rows[rows["point"].to_numpy() >= 0].sort_values("point", kind="stable", ignore_index=True)
    first_of_learner = np.searchsorted(learner, learner, side="left")
    start = np.searchsorted(rows["point"].to_numpy(), first_of_learner, side="left")
    counts = np.searchsorted(rows["point"].to_numpy(), np.arange(len(learner)), side="right") - start
    point = np.repeat(np.arange(len(learner)), counts)
    picked = rows.iloc[np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts - start, counts)]
    age = np.clip(((day[point] + 1) * 86400.0 - picked["seconds"].to_numpy()) / 86400.0, 0.0, None)
    return learner_slopes(picked.assign(learner_id=point, age_days=age), params)
