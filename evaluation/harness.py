"""Run the readiness model and the baselines on one simulated cohort and score them."""
from __future__ import annotations

import time

import pandas as pd

from evaluation.baselines import baseline_estimates
from evaluation.metrics import score_method
from evaluation.points import evaluation_points, model_estimates
from evaluation.pybkt_runner import run_pybkt
from evaluation.simulate import simulate_cohort
from readiness.model import ModelParams
from readiness.params import EXAM_STYLE_SOURCES
from sources.blueprint import load_blueprint

REPORT_SEED = 202  # parameters were tuned on seed 101 (evaluation.tune); the report uses another cohort
MODEL = "Readiness model (this project)"
PYBKT = "pyBKT 1.4.3 (one skill per domain)"


def oracle_estimates(cohort, blueprint) -> pd.DataFrame:
    """True readiness on every mock day and on the exam day: the noise floor, not a method."""
    mocks = cohort.truth.rename(columns={"attempt_id": "point_id"})
    exam = [pd.DataFrame({"point_id": cohort.exams["learner_id"] + "-EXAM", "domain_id": d.id,
                          "true_readiness": cohort.exams[f"true_d{d.id}"]}) for d in blueprint.domains]
    both = pd.concat([mocks[["point_id", "domain_id", "true_readiness"]], *exam], ignore_index=True)
    return both.assign(readiness=100 * both["true_readiness"]).drop(columns="true_readiness")


def timed(fn, *args):
    """Result of fn(*args) and the seconds it took."""
    started = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - started


def run_evaluation(n_learners: int = 500, seed: int = REPORT_SEED, params: ModelParams = ModelParams(),
                   with_pybkt: bool = True, pybkt_max_answers: int = 6000) -> dict:
    """Scores per method (rows), with fit times, cohort facts and pyBKT's status."""
    blueprint = load_blueprint("DEA-C01")
    cohort = simulate_cohort(n_learners, blueprint, seed)
    points = evaluation_points(cohort)
    rows: dict[str, dict] = {}
    estimates, seconds = model_estimates(cohort, points, blueprint, params)
    rows[MODEL] = {**score_method(estimates, cohort, blueprint), "fit_seconds": seconds}
    baselines, seconds = timed(baseline_estimates, cohort, points, blueprint, params.prior_mean)
    for name, frame in baselines.items():
        rows[name] = {**score_method(frame, cohort, blueprint), "fit_seconds": seconds / len(baselines)}
    pybkt_info = {"status": "skipped (--no-pybkt)"}
    if with_pybkt:
        bkt, pybkt_info = run_pybkt(cohort, points, blueprint, pybkt_max_answers)
        if bkt is not None:
            rows[PYBKT] = {**score_method(bkt, cohort, blueprint), "fit_seconds": pybkt_info["fit_seconds"]}
    rows["Oracle: true ability (noise floor, not a method)"] = score_method(
        oracle_estimates(cohort, blueprint), cohort, blueprint)
    return {"rows": rows, "pybkt": pybkt_info, "params": params, "seed": seed,
            "cohort": {"learners": n_learners, "mock_points": int((points["kind"] == "mock").sum()),
                       "evidence_rows": len(cohort.evidence), "pass_rate": float(cohort.exams["passed"].mean()),
                       "exam_style_answers": int(cohort.evidence.loc[cohort.evidence["source"].isin(EXAM_STYLE_SOURCES),
                                                                      "total"].sum()),
                       "anki_reviews": int(cohort.evidence.loc[cohort.evidence["source"] == "anki", "total"].sum())}}


def verdict(result: dict) -> dict[str, bool]:
    """Does the model beat every baseline on Brier and RMSE, with 90% coverage in 0.85–0.95?"""
    rows = result["rows"]
    ours = rows[MODEL]
    others = [r for name, r in rows.items() if name != MODEL and not name.startswith("Oracle")]
    return {"beats_every_baseline_on_brier": all(ours["brier"] < r["brier"] for r in others),
            "beats_every_baseline_on_rmse": all(ours["rmse"] < r["rmse"] for r in others),
            "coverage_in_range": 0.85 <= ours["coverage"] <= 0.95}
