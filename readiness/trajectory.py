"""The readiness model at many (learner, as-of day) points at once: the same maths, vectorised.

As of the end of day D, `estimate_domains` weighs each of a learner's answers from days up to D
by 0.5 ** (age / half-life); the sitting cap groups whole days, so it is the same at every
point. So a point's counts are those of its learner's previous point, decayed (and aged) by
the days between the two, plus the answers since: one pass over the answers and one over
the points, instead of every answer again at every point. The trend (off by default), pooled
prior and posterior are `readiness.estimate`'s and `readiness.trend`'s own functions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.estimate import posterior, recency_weights, sitting_discount, usable_evidence
from readiness.params import EXAM_STYLE_SOURCES, ModelParams
from readiness.trend import apply_trend, point_slopes


def naive_times(values) -> pd.Series:
    """Timestamps without a time zone (wall-clock time kept), as `estimate` compares them."""
    times = pd.to_datetime(pd.Series(values))
    return times.dt.tz_localize(None) if getattr(times.dt, "tz", None) is not None else times


def codes_in(values: pd.Series, index: pd.Index) -> np.ndarray:
    """Position of each value (as text) in `index`, -1 if absent; each distinct value is looked up once."""
    codes, distinct = pd.factorize(values.astype(str))
    return index.get_indexer(distinct)[codes] if len(distinct) else np.full(len(values), -1)


def usable_rows(evidence: pd.DataFrame, ids: pd.Index, params: ModelParams) -> pd.DataFrame:
    """Rows some point may use, with their learner's position in `ids`, time and fixed weights."""
    used = usable_evidence(evidence, pd.Timestamp.max)
    learner = codes_in(used["learner_id"], ids)
    used = used.loc[learner >= 0].assign(learner_id=learner[learner >= 0])
    source, sources = pd.factorize(used["source"].astype(str))
    micros = naive_times(used["taken_at"].to_numpy()).astype("datetime64[us]").to_numpy().view("int64")
    day = micros // (86400 * 10 ** 6)  # the wall-clock day, as sitting_discount's floor("D")
    sittings = [used["learner_id"].to_numpy(), used["domain_id"].to_numpy(), day, source]
    return pd.DataFrame({"learner": used["learner_id"].to_numpy(), "seconds": micros / 1e6, "day": day,
                         "source_weight": np.array([params.source_weight(s) for s in sources], float)[source],
                         "sitting": sitting_discount(used, params.sitting_cap, sittings),
                         "domain_id": used["domain_id"].astype(int).to_numpy(),
                         "correct": used["correct"].to_numpy(float), "total": used["total"].to_numpy(float),
                         "exam": np.isin(np.asarray(sources, dtype=object), EXAM_STYLE_SOURCES)[source],
                         "source": np.asarray(sources, dtype=object)[source]})


def first_point_on_or_after(row_learner, row_day, learner, day) -> np.ndarray:
    """Per row, the first point of its learner on or after its day (points sorted by learner, day); -1 if none."""
    low = min(row_day.min(initial=0), day.min(initial=0))
    span = max(row_day.max(initial=0), day.max(initial=0)) - low + 1
    at = np.searchsorted(learner * span + (day - low), row_learner * span + (row_day - low), side="left")
    found = at < len(learner)
    found[found] = learner[at[found]] == row_learner[found]
    return np.where(found, at, -1)


def own_counts(rows: pd.DataFrame, point, cutoff, n_points: int, domain_ids, params: ModelParams) -> dict:
    """Per point × blueprint domain: counts of the rows whose first point it is, weighted as of it."""
    slot = pd.Index(domain_ids).get_indexer(rows["domain_id"])
    keep = (point >= 0) & (slot >= 0)
    point, group = point[keep], point[keep] * len(domain_ids) + slot[keep]
    kept = {name: rows[name].to_numpy()[keep]  # only the columns used, not a copy of the whole frame
            for name in ("seconds", "source_weight", "sitting", "correct", "total", "exam")}
    age = np.clip((cutoff[point] - kept["seconds"]) / 86400.0, 0.0, None)
    w = kept["source_weight"] * recency_weights(age, params.half_life_days) * kept["sitting"]
    correct, total = kept["correct"], kept["total"]
    values = {"wins": w * correct, "losses": w * (total - correct), "weighted_age": w * total * age,
              "questions": np.where(kept["exam"], total, 0.0)}
    size = n_points * len(domain_ids)
    return {k: np.bincount(group, weights=v, minlength=size).astype(float).reshape(n_points, -1)
            for k, v in values.items()}


def carry_forward(counts: dict, learner, day, params: ModelParams) -> dict:
    """Add to each point its learner's previous point's counts, decayed and aged by the days between."""
    start = np.r_[True, learner[1:] != learner[:-1]] if len(learner) else np.zeros(0, bool)
    rank = np.arange(len(learner)) - np.maximum.accumulate(np.where(start, np.arange(len(learner)), 0))
    by_rank = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[by_rank], np.arange(1, rank.max(initial=0) + 2))
    for at in (by_rank[a:b] for a, b in zip(bounds[:-1], bounds[1:])):  # rank 1, 2, …: previous is done
        gap = (day[at] - day[at - 1]).astype(float)[:, None]
        decay = recency_weights(gap, params.half_life_days)
        seen = counts["wins"][at - 1] + counts["losses"][at - 1]
        counts["weighted_age"][at] += decay * (counts["weighted_age"][at - 1] + gap * seen)
        counts["wins"][at] += decay * counts["wins"][at - 1]
        counts["losses"][at] += decay * counts["losses"][at - 1]
        counts["questions"][at] += counts["questions"][at - 1]
    return counts


def estimate_points(evidence: pd.DataFrame, blueprint, learner_ids, as_of, params: ModelParams = ModelParams()):
    """`estimate_domains` rows for each point (learner_ids[i], as_of[i]): point after point, domains in order."""
    learner_ids = pd.Series(learner_ids).astype(str).to_numpy(dtype=object)
    ids = pd.Index(sorted(set(learner_ids)))
    rows = usable_rows(evidence, ids, params)
    learner = ids.get_indexer(learner_ids)
    day = (pd.to_datetime(pd.Series(as_of)).dt.normalize() - pd.Timestamp(0)).dt.days.to_numpy()
    order = np.lexsort((day, learner))  # the points by learner, then day
    learner, day = learner[order], day[order]
    point = first_point_on_or_after(rows["learner"].to_numpy(), rows["day"].to_numpy(), learner, day)
    domain_ids = [d.id for d in blueprint.domains]
    counts = own_counts(rows, point, (day + 1) * 86400.0, len(order), domain_ids, params)
    counts = carry_forward(counts, learner, day, params)
    back = np.argsort(order)  # sorted position of each input point
    grid = pd.DataFrame({"learner_id": np.repeat(np.arange(len(order)), len(domain_ids)),
                         "domain_id": np.tile(np.asarray(domain_ids, dtype=int), len(order)),
                         **{k: v[back].ravel() for k, v in counts.items()}})
    slopes = point_slopes(rows.assign(point=point), learner, day, params)
    slopes.index = order[slopes.index.to_numpy(dtype=int)]  # by input point, like the grid
    out = posterior(apply_trend(grid, slopes), params)
    out["learner_id"] = learner_ids[out["learner_id"].to_numpy()]
    return out
