"""Readiness marts: the model's estimates per learner × domain over time, stored as tables.

The trajectory points are each learner's own practice days plus today, so the work grows
with the number of learners, not with learners × every day anyone practised. The model
(`readiness.estimate_domains`, a pure function) is called once per distinct as-of day for
all the learners with a point on that day, vectorised over them; the forecast is computed
for all points at once and exactly: the distribution of correct scored answers is the
convolution of one beta-binomial per domain (`readiness.exam`'s question counts and score
scale), instead of a 20,000-draw simulation per learner and day.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sources.blueprint import Blueprint


def evidence_frame(con) -> pd.DataFrame:
    """marts.domain_evidence as the model's input frame."""
    frame = con.execute("SELECT learner_id, domain_id, task_id, taken_at, correct, total, source "
                        "FROM marts.domain_evidence").df()
    frame["domain_id"] = frame["domain_id"].astype(int)
    return frame


def _naive_times(values) -> pd.Series:
    times = pd.to_datetime(pd.Series(values))
    return times.dt.tz_localize(None) if getattr(times.dt, "tz", None) is not None else times


def as_of_dates(evidence: pd.DataFrame, today: date) -> list[date]:
    """Every day with practice evidence, plus today: the points of the readiness trajectory."""
    days = {ts.date() for ts in _naive_times(evidence["taken_at"]).dropna()}
    return sorted(d for d in days | {today} if d <= today)


def trajectory_points(evidence: pd.DataFrame, today: date, learners=()) -> pd.DataFrame:
    """(learner_id, as_of) pairs: each learner's own practice days up to today, plus today.

    `learners` (e.g. the workspace's learner) get today's point even without any evidence.
    """
    days = pd.DataFrame({"learner_id": evidence["learner_id"].astype(str).to_numpy(),
                         "as_of": _naive_times(evidence["taken_at"]).dt.normalize().to_numpy()})
    today_ts = pd.Timestamp(today)
    days = days[days["as_of"].notna() & (days["as_of"] <= today_ts)]
    everyone = sorted(set(days["learner_id"]) | set(evidence["learner_id"].astype(str)) | set(map(str, learners)))
    points = pd.concat([days, pd.DataFrame({"learner_id": everyone, "as_of": today_ts})], ignore_index=True)
    points["as_of"] = points["as_of"].astype("datetime64[ns]")
    return points.drop_duplicates().sort_values(["learner_id", "as_of"], ignore_index=True)


def forecast_frame(estimates: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Exact pass probability and scaled score (mean, 5 % / 95 % quantiles) per point.

    `estimates` has one row per point × blueprint domain (columns point, domain_id, alpha,
    beta). The total of correct scored answers is the sum of independent per-domain
    beta-binomials (the domain's posterior ability, then its share of scored questions).
    """
    from scipy import stats

    from readiness.exam import questions_per_domain, scaled_score

    per_domain = questions_per_domain(bp)
    n_points = int(estimates["point"].max()) + 1 if len(estimates) else 0
    pmf = np.ones((n_points, 1))
    for d in bp.domains:
        rows = estimates[estimates["domain_id"] == d.id].sort_values("point")
        n = per_domain[d.id]
        alpha = np.full(n_points, np.nan)
        beta = np.full(n_points, np.nan)
        alpha[rows["point"].to_numpy()] = rows["alpha"].to_numpy()
        beta[rows["point"].to_numpy()] = rows["beta"].to_numpy()
        part = stats.betabinom.pmf(np.arange(n + 1)[None, :], n, alpha[:, None], beta[:, None])
        out = np.zeros((n_points, pmf.shape[1] + n))
        for k in range(n + 1):
            out[:, k:k + pmf.shape[1]] += pmf * part[:, k:k + 1]
        pmf = out
    scaled = scaled_score(np.arange(pmf.shape[1]) / bp.scoring.scored, bp.scoring)
    cdf = np.cumsum(pmf, axis=1)

    def quantile(p: float) -> np.ndarray:
        return scaled[np.minimum((cdf < p - 1e-12).sum(axis=1), len(scaled) - 1)]

    return pd.DataFrame({"point": np.arange(n_points),
                         "pass_probability": pmf[:, scaled >= bp.scoring.pass_mark - 1e-9].sum(axis=1),
                         "scaled_mean": pmf @ scaled,
                         "scaled_low": quantile(0.05), "scaled_high": quantile(0.95)})


def readiness_history(evidence: pd.DataFrame, bp: Blueprint, today: date, learners=(), params=None):
    """(readiness per learner × domain × as_of, forecast per learner × as_of) frames.

    `learners` always get rows (the prior) even before they have any practice evidence.
    Columns are those of `estimate_domains` plus as_of, and learner_id, as_of,
    pass_probability, scaled_mean, scaled_low, scaled_high.
    """
    from readiness.model import ModelParams, estimate_domains

    params = params or ModelParams()
    points = trajectory_points(evidence, today, learners)
    codes, ids = pd.factorize(evidence["learner_id"].astype(str))
    position = {learner: i for i, learner in enumerate(ids)}
    parts = []
    for as_of, group in points.groupby("as_of", sort=True):  # one model call per day, all its learners
        who = group["learner_id"].to_numpy()
        wanted = np.isin(codes, [position[w] for w in who if w in position])
        day = as_of.date()
        parts.append(estimate_domains(evidence.loc[wanted], bp, day, params, learners=who).assign(as_of=day))
    readiness = pd.concat(parts, ignore_index=True)
    keys = readiness[["learner_id", "as_of"]].drop_duplicates(ignore_index=True)
    point = readiness[["learner_id", "as_of"]].merge(keys.reset_index(names="point"), how="left",
                                                     on=["learner_id", "as_of"])["point"].to_numpy()
    forecast = forecast_frame(readiness[["domain_id", "alpha", "beta"]].assign(point=point), bp)
    forecast = pd.concat([keys, forecast.drop(columns="point")], axis=1)
    return readiness, forecast


def write_frame(con, table: str, frame: pd.DataFrame) -> int:
    """Replace a marts table with a frame's rows."""
    con.register("frame", frame)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM frame")
    con.unregister("frame")
    return len(frame)
