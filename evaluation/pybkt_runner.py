"""pyBKT baseline (one skill per domain) in its own venv; data goes over as CSV files."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from readiness.params import EXAM_STYLE_SOURCES

HERE = Path(__file__).parent
SIDE_VENV = HERE / ".venv-pybkt"
SIDE_PYTHON = SIDE_VENV / "bin" / "python"
REQUIREMENTS = ["pyBKT==1.4.3", "numpy<2", "pandas<2.3", "scikit-learn<1.6"]


def run_quietly(cmd: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run a command with UV_PYTHON_DOWNLOADS=never, capturing its output."""
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def uv_binary() -> str:
    """The uv executable: on PATH, or where `make setup` installs it."""
    return shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")


def ensure_side_env() -> str | None:
    """Create the pyBKT venv if needed; None when ready, else the reason it is not."""
    check = [str(SIDE_PYTHON), "-c", "import pyBKT.models"]
    try:
        if SIDE_PYTHON.exists() and run_quietly(check, 120).returncode == 0:
            return None
        uv = uv_binary()
        steps = [[uv, "venv", str(SIDE_VENV), "--python", "3.11"],
                 [uv, "pip", "install", "--python", str(SIDE_PYTHON), *REQUIREMENTS], check]
        for step in steps:
            done = run_quietly(step, 600)
            if done.returncode != 0:
                return f"`{' '.join(step[:3])}` failed: {(done.stderr or done.stdout).strip()[-300:]}"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not set up the pyBKT venv: {exc}"
    return None


def binary_answers(cohort, seed: int = 0) -> pd.DataFrame:
    """Exam-style answers as 0/1 rows in time order; summary rows expanded (shuffled) to questions."""
    rng = np.random.default_rng(seed)
    ev = cohort.evidence[cohort.evidence["source"].isin(EXAM_STYLE_SOURCES)]
    reps = ev["total"].astype(int).to_numpy()
    rows = ev.loc[ev.index.repeat(reps), ["learner_id", "domain_id", "taken_at"]].reset_index(drop=True)
    flags = [rng.permutation(np.r_[np.ones(int(c)), np.zeros(int(t - c))])
             for c, t in zip(ev["correct"], ev["total"])]
    rows["correct"] = np.concatenate(flags).astype(int) if flags else []
    return rows.sort_values(["learner_id", "taken_at"], kind="stable").reset_index(drop=True)


def bkt_params(params_csv: Path) -> dict[int, dict[str, float]]:
    """Fitted BKT parameters per domain id from pyBKT's params() table."""
    table = pd.read_csv(params_csv)
    return {int(str(skill)[1:]): dict(zip(group["param"], group["value"]))
            for skill, group in table.groupby("skill")}


def forward_predictions(correct: np.ndarray, p: dict[str, float]) -> np.ndarray:
    """P(correct) before each answer and after the last one (length n+1): the BKT forward filter."""
    known, out = p["prior"], np.empty(len(correct) + 1)
    guess, slip, learn, forget = p["guesses"], p["slips"], p["learns"], p.get("forgets", 0.0)
    for i, c in enumerate(correct):
        out[i] = known * (1 - slip) + (1 - known) * guess
        post = known * (1 - slip) / out[i] if c else known * slip / (1 - out[i])
        known = post * (1 - forget) + (1 - post) * learn
    out[-1] = known * (1 - slip) + (1 - known) * guess
    return out


def fit_subset(answers: pd.DataFrame, max_answers: int, seed: int = 0) -> set[str]:
    """A random set of learners whose answers add up to at most `max_answers`."""
    sizes = answers.groupby("learner_id").size()
    order = np.random.default_rng(seed).permutation(sizes.index.to_numpy())
    keep = np.cumsum(sizes.reindex(order).to_numpy()) <= max_answers
    return set(order[keep])


def readiness_at_points(answers: pd.DataFrame, points: pd.DataFrame, params: dict, domain_ids) -> pd.DataFrame:
    """pyBKT's P(correct) per point and domain from all answers before the point's cutoff."""
    rows = []
    by_learner = dict(tuple(answers.groupby("learner_id")))
    for learner, mine in points.groupby("learner_id"):
        seen = by_learner.get(learner)
        for d in domain_ids:
            seq = seen[seen["domain_id"] == d] if seen is not None else answers.iloc[:0]
            nxt = forward_predictions(seq["correct"].to_numpy(), params[d])
            k = np.searchsorted(seq["taken_at"].to_numpy(), mine["cutoff"].to_numpy(), side="left")
            rows.append(pd.DataFrame({"point_id": mine["point_id"].to_numpy(), "domain_id": d,
                                      "readiness": 100 * nxt[k]}))
    return pd.concat(rows, ignore_index=True)


def run_pybkt(cohort, points: pd.DataFrame, blueprint, max_fit_answers: int = 6000,
              num_fits: int = 1, timeout: float = 300) -> tuple[pd.DataFrame | None, dict]:
    """Fit pyBKT on a learner subset in the side venv; predict every point with its parameters."""
    info: dict = {"status": "not run"}
    reason = ensure_side_env()
    if reason:
        return None, {"status": f"unavailable: {reason}"}
    answers = binary_answers(cohort)
    subset = answers[answers["learner_id"].isin(fit_subset(answers, max_fit_answers))]
    with tempfile.TemporaryDirectory(prefix="pybkt-") as tmp:
        work = Path(tmp)
        pd.DataFrame({"user_id": subset["learner_id"], "skill_name": "D" + subset["domain_id"].astype(str),
                      "correct": subset["correct"], "order_id": np.arange(len(subset)), "fit": 1}
                     ).to_csv(work / "answers.csv", index=False)
        started = time.perf_counter()
        try:
            done = run_quietly([str(SIDE_PYTHON), str(HERE / "pybkt_side.py"), str(work), str(num_fits)], timeout)
        except subprocess.TimeoutExpired:
            return None, {"status": f"unavailable: pyBKT fit exceeded {timeout:.0f} s"}
        if done.returncode != 0:
            return None, {"status": f"failed: {done.stderr.strip()[-300:]}"}
        wall = time.perf_counter() - started
        timing = json.loads((work / "timing.json").read_text())
        params = bkt_params(work / "params.csv")
        predicted = pd.read_csv(work / "predictions.csv").sort_values("order_id")["correct_predictions"].to_numpy()
    started = time.perf_counter()
    domain_ids = [d.id for d in blueprint.domains]
    estimates = readiness_at_points(answers, points, params, domain_ids)
    mine = np.concatenate([forward_predictions(g["correct"].to_numpy(), params[d])[:-1]
                           for (_, d), g in subset.groupby(["learner_id", "domain_id"], sort=False)])
    order = np.concatenate([g.index.to_numpy() for _, g in subset.groupby(["learner_id", "domain_id"], sort=False)])
    reference = pd.Series(predicted, index=subset.index).loc[order].to_numpy()
    info.update(status="ok", fit_seconds=timing["fit_seconds"], wall_seconds=wall,
                predict_seconds=time.perf_counter() - started, fit_answers=len(subset),
                fit_learners=subset["learner_id"].nunique(), all_answers=len(answers),
                ceilings={d: round(1 - p["slips"], 3) for d, p in params.items()},
                filter_max_diff=float(np.max(np.abs(mine - reference))) if len(mine) else 0.0)
    return estimates, info
