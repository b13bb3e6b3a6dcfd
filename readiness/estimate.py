"""Per-domain readiness: a recency-weighted Beta-Binomial posterior per learner × domain."""
from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from scipy import special

from readiness.joint import level_sd
from readiness.params import EXAM_STYLE_SOURCES, ModelParams
from readiness.trend import apply_trend, learner_slopes

OUTPUT_COLUMNS = ["learner_id", "domain_id", "readiness", "low", "high", "questions",
                  "effective_n", "alpha", "beta", "shared_sd"]


def end_of_day(as_of) -> pd.Timestamp:
    """The instant just after the as-of day ends (the day itself is included)."""
    day = pd.Timestamp(as_of)
    if day.tzinfo is not None:
        day = day.tz_localize(None)
    return day.normalize() + pd.Timedelta(days=1)


def age_in_days(taken_at: pd.Series, cutoff: pd.Timestamp) -> np.ndarray:
    """Days between each answer and the end of the as-of day (never negative)."""
    times = pd.to_datetime(taken_at)
    if getattr(times.dt, "tz", None) is not None:
        times = times.dt.tz_localize(None)
    return np.clip((cutoff - times).dt.total_seconds().to_numpy() / 86400.0, 0.0, None)


def recency_weights(age_days: np.ndarray, half_life_days: float) -> np.ndarray:
    """0.5 ** (age / half-life): knowledge shown long ago counts for less today."""
    return np.power(0.5, age_days / half_life_days)


def usable_evidence(evidence: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Rows with a time before the cutoff, a domain and a positive question count (correct clipped)."""
    times = pd.to_datetime(evidence["taken_at"])
    if getattr(times.dt, "tz", None) is not None:
        times = times.dt.tz_localize(None)
    total = pd.to_numeric(evidence["total"], errors="coerce")
    keep = (times < cutoff) & (total > 0) & evidence["domain_id"].notna()
    kept = evidence.loc[keep.to_numpy()]
    correct = pd.to_numeric(kept["correct"], errors="coerce").fillna(0.0).clip(lower=0.0)
    return kept.assign(total=total[keep].astype(float), correct=correct.clip(upper=total[keep]))


def sitting_discount(evidence: pd.DataFrame, cap: float, keys: list | None = None) -> np.ndarray:
    """Scale down a day's answers in one domain and source beyond `cap` questions (they share that day's luck).

    `keys`: each row's learner, domain, day and source (e.g. as codes), if the caller has them already.
    """
    if not cap or cap <= 0:
        return np.ones(len(evidence))
    if keys is None:
        day = pd.to_datetime(evidence["taken_at"]).dt.floor("D")
        keys = [evidence["learner_id"], evidence["domain_id"], day, evidence["source"]]
    per_sitting = group_sums(evidence["total"].to_numpy(dtype=float), keys)
    return np.minimum(1.0, cap / per_sitting)


def group_sums(values: np.ndarray, keys: list) -> np.ndarray:
    """Each row's sum of `values` over the rows with the same value in every key: pandas'
    `Series(values).groupby(keys).transform("sum")` (NaN where a key is missing), grouped by one
    integer code instead of several columns of text and times (several times faster)."""
    group, size = np.zeros(len(values), dtype=np.int64), 1
    missing = np.zeros(len(values), dtype=bool)
    for key in keys:
        codes, uniques = pd.factorize(key)
        missing |= codes < 0
        if size * max(len(uniques), 1) >= 2 ** 62:  # renumber the groups so far before the code could overflow
            group, seen = pd.factorize(group)
            size = len(seen)
        group, size = group * max(len(uniques), 1) + codes, size * max(len(uniques), 1)
    group[missing] = -1  # its own group, then NaN like the rows groupby drops
    sums = pd.Series(values).groupby(group, sort=False).transform("sum").to_numpy(dtype=float)
    return np.where(missing, np.nan, sums)


def row_weights(evidence: pd.DataFrame, cutoff: pd.Timestamp, params: ModelParams) -> tuple[np.ndarray, np.ndarray]:
    """Weight of one answer in each row (source × recency × sitting cap), and the row's age in days."""
    source = evidence["source"].astype(str)
    weights = {s: params.source_weight(s) for s in source.unique()}
    age = age_in_days(evidence["taken_at"], cutoff)
    w = source.map(weights).to_numpy(dtype=float) * recency_weights(age, params.half_life_days)
    return w * sitting_discount(evidence, params.sitting_cap), age


def weighted_counts(evidence: pd.DataFrame, cutoff: pd.Timestamp, params: ModelParams) -> pd.DataFrame:
    """Discounted successes, failures and exam-style question counts per learner × domain."""
    source = evidence["source"].astype(str)
    w, age = row_weights(evidence, cutoff, params)
    correct = evidence["correct"].to_numpy(dtype=float)
    total = evidence["total"].to_numpy(dtype=float)
    rows = pd.DataFrame({
        "learner_id": evidence["learner_id"].astype(str).to_numpy(),
        "domain_id": evidence["domain_id"].astype(int).to_numpy(),
        "wins": w * correct, "losses": w * (total - correct), "weighted_age": w * total * age,
        "questions": np.where(source.isin(EXAM_STYLE_SOURCES).to_numpy(), total, 0.0),
    })
    counts = rows.groupby(["learner_id", "domain_id"], sort=False, as_index=False).sum()
    slopes = learner_slopes(rows.assign(age_days=age, correct=correct, total=total,
                                        source=source.to_numpy()), params)
    return apply_trend(counts, slopes)


def full_grid(counts: pd.DataFrame, learners: Iterable[str], domain_ids: list[int]) -> pd.DataFrame:
    """Every learner × every blueprint domain, with zero counts where there is no evidence."""
    ids = pd.Index(sorted(set(map(str, learners)) | set(counts["learner_id"])), name="learner_id")
    grid = pd.MultiIndex.from_product([ids, domain_ids], names=["learner_id", "domain_id"])
    counts = counts[counts["domain_id"].isin(domain_ids)]
    return counts.set_index(["learner_id", "domain_id"]).reindex(grid, fill_value=0.0).reset_index()


def pooled_prior_mean(grid: pd.DataFrame, params: ModelParams) -> np.ndarray:
    """Prior mean of each domain from the learner's *other* domains, shrunk to the global mean."""
    learner_wins = grid.groupby("learner_id")["wins"].transform("sum").to_numpy()
    learner_losses = grid.groupby("learner_id")["losses"].transform("sum").to_numpy()
    other_wins = learner_wins - grid["wins"].to_numpy()
    other_n = other_wins + learner_losses - grid["losses"].to_numpy()
    s = params.pooling_strength
    return (params.prior_mean * s + other_wins) / (s + other_n)


def widen(alpha: np.ndarray, beta: np.ndarray, extra_var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Same mean, variance increased by `extra_var` (uncertainty of the trend), as a Beta."""
    size = alpha + beta
    mean = alpha / size
    var = mean * (1 - mean) / (size + 1) + extra_var
    new_size = np.clip(mean * (1 - mean) / var - 1, 1e-3, None)
    return mean * new_size, (1 - mean) * new_size


def over_level(alpha: np.ndarray, beta: np.ndarray, shared_sd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Beta with the mean and variance of Beta(alpha, beta) mixed over the learner's level, as the pass
    probability mixes it (`joint.level_shift`: mean + shared_sd × z, size S kept, z ~ N(0, 1)): the
    variance given z averages (m(1 − m) − shared_sd²) / (S + 1), the mean adds shared_sd², so in all
    m(1 − m) / (S + 1) + shared_sd² × S / (S + 1)."""
    size = alpha + beta
    return widen(alpha, beta, shared_sd ** 2 * size / (size + 1))


def beta_quantile(alpha, beta, q):
    """`scipy.stats.beta.ppf(q, alpha, beta)`: the inverse regularized incomplete beta function it is built on
    (the same values, without importing scipy.stats, which takes about half a second)."""
    return special.betaincinv(alpha, beta, q)


def usable_threads(limit: int = 8) -> int:
    """CPUs this process may run on (at most `limit`): threads worth starting for GIL-free numpy/scipy work."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(limit, cpus))


def beta_quantiles(alpha: np.ndarray, beta: np.ndarray, qs, min_rows: int = 100_000) -> list[np.ndarray]:
    """`beta_quantile(alpha, beta, q)` for each q of `qs`; from `min_rows` rows on, in pieces on parallel
    threads (betaincinv releases the GIL; each value is computed alone, so the values are the same)."""
    alpha, beta = np.asarray(alpha), np.asarray(beta)
    threads = usable_threads()
    if threads < 2 or alpha.ndim != 1 or alpha.shape != beta.shape or len(alpha) < min_rows:
        return [beta_quantile(alpha, beta, q) for q in qs]
    bounds = np.linspace(0, len(alpha), threads + 1).astype(int)
    pieces = [(i, lo, hi) for i in range(len(qs)) for lo, hi in zip(bounds[:-1], bounds[1:])]
    with ThreadPoolExecutor(threads) as pool:
        done = list(pool.map(lambda p: beta_quantile(alpha[p[1]:p[2]], beta[p[1]:p[2]], qs[p[0]]), pieces))
    return [np.concatenate([part for (j, _, _), part in zip(pieces, done) if j == i]) for i in range(len(qs))]


def beta_summary(alpha: np.ndarray, beta: np.ndarray, interval: float) -> dict[str, np.ndarray]:
    """Mean and central interval of Beta(alpha, beta), in percent."""
    tail = (1 - interval) / 2
    low, high = beta_quantiles(alpha, beta, (tail, 1 - tail))
    return {"readiness": 100 * alpha / (alpha + beta), "low": 100 * low, "high": 100 * high}


def posterior(grid: pd.DataFrame, params: ModelParams) -> pd.DataFrame:
    """Beta posterior, point estimate and central interval for each row of the grid.

    `alpha`, `beta`: the posterior given the learner's pooled level at its estimate; `shared_sd`: how far
    its mean moves (as a fraction) per sd of that level (the joint pass probability mixes over it).
    `low`, `high`: the band over the level too (`over_level`), so a domain that rests on it is not narrower
    than what the pass probability assumes.
    """
    mean0 = pooled_prior_mean(grid, params)
    alpha = mean0 * params.prior_strength + grid["wins"].to_numpy()
    beta = (1 - mean0) * params.prior_strength + grid["losses"].to_numpy()
    shared_sd = params.prior_strength * level_sd(grid, mean0, params) / (alpha + beta)
    alpha, beta = widen(alpha, beta, grid["trend_var"].to_numpy())
    out = grid[["learner_id", "domain_id", "questions"]].copy()
    band = beta_summary(*over_level(alpha, beta, shared_sd), params.interval)
    out["readiness"], out["low"], out["high"] = 100 * alpha / (alpha + beta), band["low"], band["high"]
    out["effective_n"] = grid["wins"].to_numpy() + grid["losses"].to_numpy()
    out["alpha"], out["beta"], out["shared_sd"] = alpha, beta, shared_sd
    out["questions"] = out["questions"].round().astype(int)
    return out[OUTPUT_COLUMNS]


def estimate_domains(evidence: pd.DataFrame, blueprint, as_of, params: ModelParams = ModelParams(),
                     learners: Iterable[str] = ()) -> pd.DataFrame:
    """Readiness (0–100) with a 90% band per learner × blueprint domain, as of the end of `as_of`."""
    cutoff = end_of_day(as_of)
    domain_ids = [d.id for d in blueprint.domains]
    all_learners = set(map(str, learners))
    if len(evidence):
        all_learners |= set(evidence["learner_id"].astype(str).unique())
    used = usable_evidence(evidence, cutoff) if len(evidence) else evidence
    if len(used):
        counts = weighted_counts(used, cutoff, params)
    else:
        counts = pd.DataFrame({"learner_id": pd.Series(dtype=str), "domain_id": pd.Series(dtype=int),
                               "wins": [], "losses": [], "questions": [],
                               "weighted_age": [], "trend_var": []})
    grid = full_grid(counts, all_learners, domain_ids)
    return posterior(grid, params)
