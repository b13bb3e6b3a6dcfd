"""Readiness marts: the model's estimates per learner × domain over time, stored as tables.

The trajectory points are each learner's own practice days plus today, so the work grows
with the number of learners, not with learners × every day anyone practised. The model is
run for all points at once (`readiness.trajectory.estimate_points`: `estimate_domains`'s
maths, each point's counts carried forward from its learner's previous point); the forecast
is exact: the distribution of correct scored answers is the convolution of one
beta-binomial per domain (`readiness.exam`'s question counts and score scale), mixed over the
learner's pooled level by quadrature (`readiness.joint`), instead of a 20,000-draw simulation
per learner and day.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
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


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` for a 1-d array, by a sort: numpy 2's `np.unique` hashes first and then sorts,
    ~0.14 s for the 810,000 point keys of a 10,000-learner cohort against ~0.02 s sorted."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def trajectory_points(evidence: pd.DataFrame, today: date, learners=()) -> pd.DataFrame:
    """(learner_id, as_of) pairs: each learner's own practice days up to today, plus today, by day.

    `learners` (e.g. the workspace's learner) get today's point even without any evidence.
    """
    from readiness.trajectory import naive_times

    codes, ids = pd.factorize(evidence["learner_id"].astype(str))
    everyone = pd.Index(sorted(set(ids) | set(map(str, learners))), dtype=object)
    day = naive_times(evidence["taken_at"].to_numpy()).dt.normalize().astype("datetime64[s]")
    keep = (day.notna() & (day <= pd.Timestamp(today))).to_numpy()
    days = day.to_numpy()[keep].view("int64") // 86400
    today_day = (pd.Timestamp(today) - pd.Timestamp(0)).days
    n = len(everyone)
    keys = sorted_unique(np.concatenate([days * n + everyone.get_indexer(ids)[codes[keep]],
                                         today_day * n + np.arange(n)]))
    as_of, at = np.unique(keys // n, return_inverse=True)
    return pd.DataFrame({"learner_id": everyone.to_numpy()[keys % n],
                         "as_of": as_of.astype("datetime64[D]").astype(object)[at]})


def forecast_frame(alpha: np.ndarray, beta: np.ndarray, bp: Blueprint, chunk: int = 2048,
                   shared_sd: np.ndarray | None = None) -> pd.DataFrame:
    """Exact pass probability and scaled score (mean, 5 % / 95 % quantiles) per point.

    `alpha`, `beta`, `shared_sd`: one row per point, one column per blueprint domain (in blueprint
    order). Given the learner's pooled level, the total of correct scored answers is the sum of
    independent per-domain beta-binomials (the domain's posterior ability, then its share of scored
    questions); over the level it is mixed (`readiness.joint`). Points go in chunks
    so that the convolution's arrays stay in the CPU cache, the chunks on parallel threads
    (numpy releases the GIL; each row is computed alone, so the values are the same), sorted
    by the quadrature nodes they need so that a chunk mostly needs one number of them.
    """
    from readiness.estimate import usable_threads
    from readiness.exam import questions_per_domain, scaled_score
    from readiness.joint import level_ratio, mixed_correct_pmf, nodes_needed

    per_domain = [questions_per_domain(bp)[d.id] for d in bp.domains]
    scaled = scaled_score(np.arange(sum(per_domain) + 1) / bp.scoring.scored, bp.scoring)
    passing = scaled >= bp.scoring.pass_mark - 1e-9
    out = np.empty((len(alpha), 4))
    order = np.arange(len(alpha))
    if shared_sd is not None and len(alpha):
        order = np.argsort(nodes_needed(level_ratio(alpha, beta, shared_sd, per_domain)), kind="stable")
        alpha, beta, shared_sd = alpha[order], beta[order], shared_sd[order]

    def one_chunk(start: int) -> None:
        part = slice(start, start + chunk)
        pmf = mixed_correct_pmf(alpha[part], beta[part], None if shared_sd is None else shared_sd[part], per_domain)
        cdf = np.cumsum(pmf, axis=1)
        low, high = ((cdf < p - 1e-12).sum(axis=1) for p in (0.05, 0.95))
        out[start:start + chunk] = np.column_stack([pmf[:, passing].sum(axis=1), pmf @ scaled,
                                                    scaled[np.minimum(low, len(scaled) - 1)],
                                                    scaled[np.minimum(high, len(scaled) - 1)]])

    starts = range(0, len(alpha), chunk)
    with ThreadPoolExecutor(min(usable_threads(), max(len(starts), 1))) as pool:
        list(pool.map(one_chunk, starts))
    unsorted = np.empty_like(out)
    unsorted[order] = out
    return pd.DataFrame(unsorted, columns=["pass_probability", "scaled_mean", "scaled_low", "scaled_high"])


def readiness_history(evidence: pd.DataFrame, bp: Blueprint, today: date, learners=(), params=None):
    """(readiness per learner × domain × as_of, forecast per learner × as_of) frames, by as_of and learner.

    `learners` always get rows (the prior) even before they have any practice evidence.
    Columns are those of `estimate_domains` plus as_of, and learner_id, as_of,
    pass_probability, scaled_mean, scaled_low, scaled_high.
    """
    from readiness.model import ModelParams
    from readiness.trajectory import estimate_points

    points = trajectory_points(evidence, today, learners)
    readiness = estimate_points(evidence, bp, points["learner_id"], points["as_of"], params or ModelParams())
    readiness["as_of"] = np.repeat(points["as_of"].to_numpy(), len(bp.domains))
    shape = (len(points), len(bp.domains))
    forecast = forecast_frame(*(readiness[name].to_numpy().reshape(shape) for name in ("alpha", "beta")), bp,
                              shared_sd=readiness["shared_sd"].to_numpy().reshape(shape))
    return readiness, pd.concat([points, forecast], axis=1)


def date_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Object columns holding only `datetime.date`s (or None), as datetime64 days (NaT for None)."""
    out = {}
    for name in frame.columns[frame.dtypes == object]:
        codes, distinct = pd.factorize(frame[name].to_numpy())  # each distinct date converted once
        if len(distinct) and all(type(value) is date for value in distinct):
            days = np.append(np.asarray(list(distinct), dtype="datetime64[D]"), np.datetime64("NaT", "D"))
            out[name] = days[codes]  # code -1 (None) picks the NaT at the end
    return out


def write_frame(con, table: str, frame: pd.DataFrame) -> int:
    """Replace a marts table with a frame's rows.

    Columns of Python dates are handed to DuckDB as datetime64 and cast back to DATE (the same
    table; DuckDB reads 840,000 date objects one by one about 0.15 s slower).
    """
    dates = date_columns(frame)
    select = ("SELECT * REPLACE (" + ", ".join(f'"{name}"::DATE AS "{name}"' for name in dates) + ") FROM frame"
              if dates else "SELECT * FROM frame")
    con.register("frame", frame.assign(**dates) if dates else frame)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS {select}")
    con.unregister("frame")
    return len(frame)
