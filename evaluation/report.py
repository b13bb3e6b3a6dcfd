"""Render the evaluation as a markdown table and put it into docs/model.md."""
from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

from evaluation.harness import MODEL, verdict

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- evaluation:start -->", "<!-- evaluation:end -->"
COLUMNS = [("rmse", "Readiness RMSE (pp)", "{:.2f}"), ("coverage", "90% coverage", "{:.3f}"),
           ("thin_coverage", "… unmeasured domains", "{:.3f}"), ("width", "Mean band (pp)", "{:.1f}"),
           ("thin_width", "… unmeasured domains", "{:.1f}"), ("brier", "Pass Brier", "{:.4f}"),
           ("log_loss", "Pass log loss", "{:.4f}"), ("day_brier", "Pass Brier, mock days", "{:.4f}"),
           ("thin_brier", "… a domain unmeasured", "{:.4f}"), ("pass_accuracy", "Pass accuracy", "{:.3f}"),
           ("auc", "Next-answer AUC", "{:.3f}"), ("fit_seconds", "Fit time (s)", "{:.2f}")]


def cell(value, fmt: str) -> str:
    """One formatted table cell; '–' where a method has no such number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt.format(value)


def bins_text(bins: list[tuple]) -> str:
    """Calibration bins as 'low–high: n points, predicted → observed'."""
    return "; ".join(f"{lo:.1f}–{hi:.1f}: {n} × {pred:.2f} → {seen:.2f}" for lo, hi, n, pred, seen in bins)


def calibration_lines(rows: dict) -> list[str]:
    """The model's pass-probability calibration: bins of predicted probability, mean predicted → mean true."""
    ours = rows.get(MODEL, {})
    if "exam_bins" not in ours:
        return []
    return ["", "Pass-probability calibration of the model (bin of predicted probability: points × mean predicted → "
            "mean observed). Exam day, against the simulated exam: " + bins_text(ours["exam_bins"]) + ". Mock days "
            f"(the exam sat that day), against the true pass probability: {bins_text(ours['day_bins'])}. "
            f"{ours['thin_share']:.0%} of mock-day points have a domain without exam-style answers yet; "
            f"{ours['thin_domains']} of {ours['domain_points']} mock-day domain estimates are of such a domain "
            "(the '… unmeasured domains' columns)."]


def render(result: dict) -> str:
    """The evaluation table plus the facts needed to read it."""
    lines = ["| Method | " + " | ".join(title for _, title, _ in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    for name, row in result["rows"].items():
        lines.append(f"| {name} | " + " | ".join(cell(row.get(k), f) for k, _, f in COLUMNS) + " |")
    c, bkt = result["cohort"], result["pybkt"]
    lines += calibration_lines(result["rows"])
    lines += ["", f"Cohort: seed {result['seed']}, {c['learners']} learners, {c['mock_points']} mock-day "
              f"predictions, {c['exam_style_answers']} exam-style answers, {c['anki_reviews']} flashcard reviews, "
              f"real-exam pass rate {c['pass_rate']:.1%}."]
    if bkt.get("status") == "ok":
        lines.append(f"pyBKT: fitted on {bkt['fit_answers']} answers of {bkt['fit_learners']} learners "
                     f"(the cohort has {bkt['all_answers']}) in {bkt['fit_seconds']:.1f} s (1 EM start, forgets on; "
                     f"{bkt['wall_seconds']:.1f} s with venv start-up and predict), then applied to every "
                     f"learner with its fitted parameters (forward filter matches pyBKT's predict to "
                     f"{bkt['filter_max_diff']:.1e}). Its readiness can never exceed 1 − slip per domain: "
                     f"{bkt['ceilings']}.")
    else:
        lines.append(f"pyBKT: no numbers — {bkt.get('status')}.")
    params = {k: v for k, v in dataclasses.asdict(result["params"]).items()}
    lines.append(f"Model parameters: {params}.")
    checks = verdict(result)
    lines.append("Checks: " + ", ".join(f"{k.replace('_', ' ')}: {'yes' if v else 'NO'}" for k, v in checks.items()) + ".")
    return "\n".join(lines)


def write(markdown: str, doc: Path = ROOT / "docs" / "model.md",
          results: Path = ROOT / "evaluation" / "results.md") -> None:
    """Write results.md and replace the marked evaluation section of docs/model.md."""
    results.write_text("# Evaluation results\n\nProduced by `make evaluate`.\n\n" + markdown + "\n", encoding="utf-8")
    if doc.exists() and START in doc.read_text(encoding="utf-8"):
        text = doc.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
        doc.write_text(pattern.sub(lambda _: f"{START}\n{markdown}\n{END}", text), encoding="utf-8")
