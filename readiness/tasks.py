"""Per-task readiness where evidence carries task labels; each task starts from its domain's estimate."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from readiness.estimate import beta_summary, end_of_day, estimate_domains, row_weights, usable_evidence
from readiness.params import EXAM_STYLE_SOURCES, ModelParams

TASK_COLUMNS = ["learner_id", "domain_id", "task_id", "readiness", "low", "high", "questions", "effective_n"]


def task_counts(evidence: pd.DataFrame, cutoff: pd.Timestamp, params: ModelParams, task_ids: set[str]) -> pd.DataFrame:
    """Discounted successes and failures per learner × task, from rows that name a blueprint task."""
    used = usable_evidence(evidence, cutoff) if len(evidence) else evidence
    if "task_id" in used:
        used = used[used["task_id"].astype(str).isin(task_ids)]
    if not len(used):
        return pd.DataFrame(columns=["learner_id", "task_id", "wins", "losses", "questions"])
    w, _ = row_weights(used, cutoff, params)
    correct, total = used["correct"].to_numpy(float), used["total"].to_numpy(float)
    rows = pd.DataFrame({"learner_id": used["learner_id"].astype(str).to_numpy(),
                         "task_id": used["task_id"].astype(str).to_numpy(),
                         "wins": w * correct, "losses": w * (total - correct),
                         "questions": np.where(used["source"].isin(EXAM_STYLE_SOURCES).to_numpy(), total, 0.0)})
    return rows.groupby(["learner_id", "task_id"], as_index=False).sum()


def estimate_tasks(evidence: pd.DataFrame, blueprint, as_of, params: ModelParams = ModelParams(),
                   learners: Iterable[str] = ()) -> pd.DataFrame:
    """Readiness per learner × blueprint task: the domain estimate as prior, updated by task-labelled answers."""
    domains = estimate_domains(evidence, blueprint, as_of, params, learners)
    tasks = pd.DataFrame([(t.id, t.domain_id) for t in blueprint.tasks], columns=["task_id", "domain_id"])
    grid = domains[["learner_id", "domain_id", "readiness"]].merge(tasks, on="domain_id")
    counts = task_counts(evidence, end_of_day(as_of), params, set(tasks["task_id"]))
    grid = grid.merge(counts, on=["learner_id", "task_id"], how="left").fillna(
        {"wins": 0.0, "losses": 0.0, "questions": 0.0})
    prior = grid["readiness"].to_numpy() / 100
    alpha = prior * params.prior_strength + grid["wins"].to_numpy(float)
    beta = (1 - prior) * params.prior_strength + grid["losses"].to_numpy(float)
    out = grid[["learner_id", "domain_id", "task_id"]].assign(**beta_summary(alpha, beta, params.interval))
    out["questions"] = grid["questions"].round().astype(int)
    out["effective_n"] = grid["wins"].to_numpy(float) + grid["losses"].to_numpy(float)
    return out[TASK_COLUMNS]
