"""Simulate the real exam from per-domain posteriors: pass probability and scaled score."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from readiness.estimate import beta_quantile

Z90 = 1.6448536269514722
CUT_RAW_FRACTION = 0.72  # assumed raw fraction that maps onto the pass mark (see docs/model.md)


def questions_per_domain(blueprint) -> dict[int, int]:
    """Scored questions per domain by weight, largest-remainder rounding to the exact total."""
    n = blueprint.scoring.scored
    exact = {d.id: d.weight * n for d in blueprint.domains}
    counts = {k: int(np.floor(v)) for k, v in exact.items()}
    short = n - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:short]:
        counts[k] += 1
    return counts


def scaled_score(raw_fraction, scoring, cut: float = CUT_RAW_FRACTION) -> np.ndarray:
    """Piecewise-linear raw fraction → scaled score, with `cut` landing exactly on the pass mark."""
    raw = np.asarray(raw_fraction, dtype=float)
    return np.interp(raw, [0.0, cut, 1.0], [scoring.min, scoring.pass_mark, scoring.max])


def beta_params(domains: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Posterior Beta(alpha, beta) per row; moment-matched from readiness/low/high if absent."""
    if {"alpha", "beta"} <= set(domains.columns):
        return domains["alpha"].to_numpy(float), domains["beta"].to_numpy(float)
    mean = np.clip(domains["readiness"].to_numpy(float) / 100, 1e-4, 1 - 1e-4)
    sd = (domains["high"].to_numpy(float) - domains["low"].to_numpy(float)) / 100 / (2 * Z90)
    var = np.clip(sd ** 2, 1e-8, mean * (1 - mean) * 0.999)
    size = mean * (1 - mean) / var - 1
    return mean * size, (1 - mean) * size


def betabinom_pmf(n: int, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """P(k of n correct), k = 0..n, per row of alpha/beta (`stats.betabinom.pmf`, by the ratio of successive terms)."""
    alpha, beta = np.asarray(alpha, float), np.asarray(beta, float)
    pmf = np.empty((n + 1, len(alpha)))  # one contiguous row per k (several times faster to fill), returned transposed
    pmf[0] = 1.0
    for j in range(n):  # B(alpha, n + beta) / B(alpha, beta), as a product (several times faster than betaln)
        pmf[0] *= (beta + j) / (alpha + beta + j)
    for k in range(n):
        pmf[k + 1] = pmf[k] * ((n - k) / (k + 1)) * ((k + alpha) / (n - k - 1 + beta))
    return pmf.T


def shared_sds(domains: pd.DataFrame) -> np.ndarray:
    """Per row: how far its mean moves per sd of the learner's pooled level (0 where not given)."""
    if "shared_sd" not in domains.columns:
        return np.zeros(len(domains))
    return domains["shared_sd"].fillna(0.0).to_numpy(float)


def ability_draws(domains: pd.DataFrame, blueprint, n_sims: int,
                  seed: int) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """Per blueprint domain: (id, simulated ability p, answer draws), common random numbers per seed.

    Each simulation first draws the learner's pooled level (z, shared by their domains, from its own
    stream), then each domain's ability from its Beta posterior given that level.
    """
    from readiness.joint import level_shift

    rng = np.random.default_rng(seed)
    level = np.random.default_rng([seed, 1]).standard_normal(n_sims)
    alpha, beta = beta_params(domains)
    shared = shared_sds(domains)
    per_domain = questions_per_domain(blueprint)
    by_id = {i: k for k, i in enumerate(domains["domain_id"].astype(int).to_numpy())}
    draws = []
    for d in blueprint.domains:
        u_ability, u_answers = rng.random(n_sims), rng.random((n_sims, per_domain[d.id]))
        if d.id in by_id:
            k = by_id[d.id]
            a, b = level_shift(np.full(n_sims, alpha[k]), np.full(n_sims, beta[k]), shared[k], level)
            p = beta_quantile(a, b, u_ability) if shared[k] else beta_quantile(alpha[k], beta[k], u_ability)
        else:
            p = np.full(n_sims, 0.25)  # unknown domain: guessing among four options
        draws.append((d.id, p, u_answers))
    return draws


def correct_in_domain(p: np.ndarray, u_answers: np.ndarray, shift_logit: float | None = None) -> np.ndarray:
    """Simulated correct answers in one domain, its ability shifted by `shift_logit` on the logit scale."""
    if shift_logit is not None:
        p = special.expit(special.logit(np.clip(p, 1e-9, 1 - 1e-9)) + shift_logit)
    return (u_answers < p[:, None]).sum(axis=1)


def simulate_correct(domains: pd.DataFrame, blueprint, n_sims: int, seed: int,
                     shift_logit: dict[int, float] | None = None) -> np.ndarray:
    """Simulated count of correct scored answers per simulation (common random numbers per seed)."""
    total = np.zeros(n_sims)
    for domain_id, p, u_answers in ability_draws(domains, blueprint, n_sims, seed):
        total += correct_in_domain(p, u_answers, (shift_logit or {}).get(domain_id))
    return total


def exam_outcome(correct: np.ndarray, blueprint) -> dict:
    """Pass probability and scaled score (mean, 90% band) from simulated counts of correct answers."""
    scaled = scaled_score(correct / blueprint.scoring.scored, blueprint.scoring)
    return {"pass_probability": float(np.mean(scaled >= blueprint.scoring.pass_mark)),
            "scaled_mean": float(np.mean(scaled)),
            "scaled_low": float(np.quantile(scaled, 0.05)),
            "scaled_high": float(np.quantile(scaled, 0.95))}


def simulate_exam(domains: pd.DataFrame, blueprint, n_sims: int = 20000, seed: int = 0,
                  shift_logit: dict[int, float] | None = None) -> dict:
    """Pass probability and scaled score (mean, 90% band) of one learner sitting the real exam."""
    return exam_outcome(simulate_correct(domains, blueprint, n_sims, seed, shift_logit), blueprint)


def total_correct_pmf(domains: pd.DataFrame, blueprint) -> tuple[np.ndarray, np.ndarray]:
    """Exact distribution of correct scored answers per learner: convolved beta-binomials, mixed over
    the learner's pooled level (`readiness.joint`)."""
    from readiness.joint import mixed_correct_pmf

    per_domain = questions_per_domain(blueprint)
    frame = domains.sort_values(["learner_id", "domain_id"])
    learners = frame["learner_id"].drop_duplicates().to_numpy()
    columns = {"alpha": [], "beta": [], "shared_sd": []}
    for d in blueprint.domains:
        rows = frame[frame["domain_id"] == d.id].set_index("learner_id").reindex(learners).reset_index()
        alpha, beta = beta_params(rows)
        for name, values in zip(columns, (alpha, beta, shared_sds(rows))):
            columns[name].append(values)
    alpha, beta, shared = (np.column_stack(v).reshape(len(learners), -1) for v in columns.values())
    return learners, mixed_correct_pmf(alpha, beta, shared, [per_domain[d.id] for d in blueprint.domains])


def pass_probabilities(domains: pd.DataFrame, blueprint) -> pd.Series:
    """Exact pass probability for many learners at once (rows of estimate_domains), by learner."""
    learners, pmf = total_correct_pmf(domains, blueprint)
    counts = np.arange(pmf.shape[1])
    scaled = scaled_score(counts / blueprint.scoring.scored, blueprint.scoring)
    passing = scaled >= blueprint.scoring.pass_mark - 1e-9
    return pd.Series(pmf[:, passing].sum(axis=1), index=learners, name="pass_probability")
