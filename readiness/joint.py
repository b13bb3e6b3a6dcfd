"""The exam's score with the learner's general level uncertain: the domains that rest on it err together.

Each domain's prior mean is the learner's level in their other domains (`estimate.pooled_level`),
known only up to a standard deviation. `shared_sd` (per domain, a fraction) is how far that moves
the domain's posterior mean when the level moves one standard deviation: the same standard
normal z moves every domain of the learner. Given z the domains are independent Betas (the
exact beta-binomial convolution); over z the score distributions are mixed by Gauss–Hermite
quadrature, with as many nodes as the level's share of the score's spread needs.
"""
from __future__ import annotations

from functools import cache

import numpy as np

EDGE = 1e-9  # a shifted mean stays inside (0, 1)
# (largest level ratio, nodes): the ratio is the sd of the expected score due to the level over the
# sd of the score given the level. Measured on 20,000 random learners against 40 nodes, the rule's
# quadrature error in pass probability is at most 5e-5 (tests/test_readiness_joint.py checks < 1e-4).
NODE_RULES = ((0.02, 1), (0.15, 2), (0.3, 3), (0.45, 4))
MOST_NODES = 6


def level_sd(grid, mean0: np.ndarray, params) -> np.ndarray:
    """Sd of the learner's level behind each domain's prior mean `mean0` (grid: learner_id, wins, losses).

    Precision = the global prior's (pooling_strength pseudo-questions at prior_mean) plus, per *other*
    domain with answers, one measurement of the level whose error is that domain's own spread around
    the level (the variance of its prior, prior_strength pseudo-questions) plus its sampling error: so
    a single drilled domain never pins the level more tightly than domains differ from each other.
    """
    import pandas as pd

    var = mean0 * (1 - mean0)
    answered = grid["wins"].to_numpy(float) + grid["losses"].to_numpy(float)
    spread = var / (params.prior_strength + 1)
    own = np.where(answered > 0, 1 / (spread + var / np.maximum(answered, 1e-12)), 0.0)
    learner = pd.Series(own).groupby(grid["learner_id"].to_numpy(), sort=False).transform("sum").to_numpy()
    prior = (params.pooling_strength + 1) / (params.prior_mean * (1 - params.prior_mean))
    return 1 / np.sqrt(prior + learner - own)


@cache
def hermite_rule(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Hermite nodes and weights for a standard normal z (weights sum to 1)."""
    z, w = np.polynomial.hermite_e.hermegauss(nodes)
    return z, w / w.sum()


def correct_pmf(alpha: np.ndarray, beta: np.ndarray, per_domain: list[int]) -> np.ndarray:
    """Distribution of correct scored answers per row: one beta-binomial per domain (column), convolved."""
    from readiness.exam import betabinom_pmf

    pmf = np.ones((1, len(alpha)))  # transposed: one contiguous row per count, so each step runs along the rows
    for j, n in enumerate(per_domain):
        part = betabinom_pmf(n, alpha[:, j], beta[:, j]).T
        out = np.zeros((pmf.shape[0] + n, len(alpha)))
        term = np.empty_like(pmf)
        for k in range(n + 1):
            out[k:k + pmf.shape[0]] += np.multiply(pmf, part[k], out=term)
        pmf = out
    return np.ascontiguousarray(pmf.T)


def level_shift(alpha: np.ndarray, beta: np.ndarray, shared_sd, z):
    """Beta(alpha, beta) with its mean moved by `shared_sd` × z, its size (alpha + beta) kept."""
    if np.isscalar(z) and z == 0:
        return alpha, beta
    size = alpha + beta
    mean = np.clip(alpha / size + shared_sd * z, EDGE, 1 - EDGE)
    return mean * size, (1 - mean) * size


def level_ratio(alpha: np.ndarray, beta: np.ndarray, shared_sd: np.ndarray, per_domain: list[int]) -> np.ndarray:
    """Per row: sd of the expected score due to the level over the sd of the score given the level."""
    n = np.asarray(per_domain, dtype=float)
    size = alpha + beta
    mean = alpha / size
    spread = np.sqrt((n * mean * (1 - mean) * (size + n) / (size + 1)).sum(axis=1))
    return (n * shared_sd).sum(axis=1) / np.maximum(spread, 1e-12)


def nodes_needed(ratio: np.ndarray) -> np.ndarray:
    """Quadrature nodes per row: one (the independent convolution) where the level hardly matters."""
    out = np.full(len(ratio), MOST_NODES)
    for bound, nodes in reversed(NODE_RULES):
        out[ratio < bound] = nodes
    return out


def mixed_correct_pmf(alpha: np.ndarray, beta: np.ndarray, shared_sd: np.ndarray | None,
                      per_domain: list[int]) -> np.ndarray:
    """Distribution of correct scored answers per row, mixed over the learner's level (rows × domains in)."""
    if shared_sd is None or not np.any(shared_sd):
        return correct_pmf(alpha, beta, per_domain)
    needed = nodes_needed(level_ratio(alpha, beta, shared_sd, per_domain))
    groups = np.unique(needed)
    if len(groups) == 1:
        return mixed_at_nodes(alpha, beta, shared_sd, per_domain, int(groups[0]))
    out = np.empty((len(alpha), sum(per_domain) + 1))
    for nodes in groups:
        rows = np.flatnonzero(needed == nodes)
        out[rows] = mixed_at_nodes(alpha[rows], beta[rows], shared_sd[rows], per_domain, int(nodes))
    return out


def mixed_at_nodes(alpha, beta, shared_sd, per_domain: list[int], nodes: int) -> np.ndarray:
    """The score distributions at `nodes` Gauss–Hermite values of the level, weighted and summed."""
    out = None
    for z, weight in zip(*hermite_rule(nodes)):
        pmf = correct_pmf(*level_shift(alpha, beta, shared_sd, float(z)), per_domain)
        out = pmf if nodes == 1 else (pmf * weight if out is None else out + pmf * weight)
    return out
