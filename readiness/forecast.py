"""The exam forecast at many points at once, exact: pass probability and scaled score per (learner, day).

The distribution of correct scored answers is the convolution of one beta-binomial per domain
(`readiness.exam`'s question counts and score scale), mixed over the learner's pooled level by
quadrature (`readiness.joint`), instead of a 20,000-draw simulation per learner and day.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from readiness.estimate import usable_threads
from readiness.exam import questions_per_domain, scaled_score
from readiness.joint import level_ratio, mixed_correct_pmf, nodes_needed


def forecast_frame(alpha: np.ndarray, beta: np.ndarray, bp, chunk: int = 2048,
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
        pmf /= pmf.sum(axis=1, keepdims=True)  # rounding in the convolution: a near-certain pass summed to 1 + 7e-16
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
