"""A learner far below the pass mark gets a plan that ranks something. Before (found by an exploratory probe of
the pages): every domain read '+0.00 points of pass chance per hour', ranked by the lowest readiness (a domain of
18% of the exam first), with a chart of four empty bars. Now pass gains alike to what the page shows rank by the
exam score an hour adds (readiness points x the domain's weight), and the page says so."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from readiness.study import rank_one_learner
from reports.plan import plan_body, plan_figures
from reports.plan_data import gain_text, moves_pass_chance, reasons
from sources.blueprint import load_blueprint
from tests.conftest import run_cli

BP = load_blueprint("DEA-C01")


def domains(readiness: dict[int, float], n: float = 60.0) -> pd.DataFrame:
    p = pd.Series(readiness) / 100
    return pd.DataFrame({"learner_id": "a", "domain_id": list(readiness), "readiness": list(readiness.values()),
                         "alpha": (p * n).to_numpy(), "beta": ((1 - p) * n).to_numpy()})


def test_far_from_the_pass_mark_the_exam_score_an_hour_adds_ranks():
    ranked = rank_one_learner(domains({1: 12, 2: 10, 3: 8, 4: 5}), 0.04, BP, 5.0, n_sims=4000, seed=0)
    assert (100 * ranked["pass_gain_per_hour"]).abs().max() < 0.005
    assert ranked["domain_id"].tolist() == [1, 2, 3, 4]  # the old order, weakest first, was 4, 3, 2, 1
    assert ranked["score_gain_per_hour"].is_monotonic_decreasing
    weights = {d.id: d.weight for d in BP.domains}
    for row in ranked.itertuples():
        assert row.score_gain_per_hour == pytest.approx(weights[row.domain_id] * row.readiness_gain_per_hour)


def test_near_the_pass_mark_the_pass_chance_still_ranks():
    ranked = rank_one_learner(domains({1: 70, 2: 72, 3: 66, 4: 75}), 0.04, BP, 5.0, n_sims=4000, seed=0)
    shown = (100 * ranked["pass_gain_per_hour"]).round(2)
    assert shown.max() >= 0.01 and shown.is_monotonic_decreasing


@pytest.mark.parametrize(("plan_row", "text"), [
    ({"gain_pp": 0.8, "score_gain_pp": 0.3}, "+0.80 points of pass chance per hour"),
    ({"gain_pp": -0.006, "score_gain_pp": 0.3}, "-0.01 points of pass chance per hour"),
    ({"gain_pp": 0.004, "score_gain_pp": 0.13}, "+0.13 points of exam score per hour (pass chance: under 0.01 points)"),
])
def test_gain_text(plan_row, text):
    assert gain_text(plan_row) == text


def test_the_reason_names_the_exam_score():
    row = {"weight": 0.34, "readiness": 10.0, "low": 2.0, "high": 21.0, "questions": 22, "measured": True,
           "trend_note": "", "change": float("nan"), "since": None, "readiness_gain_per_hour": 0.383,
           "pass_gain_per_hour": 0.0, "score_gain_per_hour": 0.1302, "pace_measured": False}
    assert reasons(row, "")[-1].endswith("adds about 0.4 readiness points here, worth 0.13 points of exam score "
                                         "at its 34% (pass chance: under 0.01 points).")


def test_an_all_wrong_mock_exam_gets_a_plan_that_ranks(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    rows = [f"m1,2026-11-20 10:00,Q{i},Domain {1 + i % 4},false" for i in range(65)]
    (root / "inbox" / "exams" / "allwrong.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                                           + "\n".join(rows) + "\n")
    run_cli("run", "-w", str(root))
    page = (root / "site" / "plan.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", page)
    assert "+0.00 points of pass chance" not in text
    assert "ranked by the exam score an hour adds there" in text
    assert len(re.findall(r"expected \+\d\.\d\d points of exam score per hour \(pass chance: under 0\.01 points\)",
                          text)) == 4
    assert "exam-score points gained per study hour" in page  # the chart's axis
    index = re.sub(r"<[^>]+>", " ", (root / "site" / "index.html").read_text(encoding="utf-8"))
    assert "points of exam score per hour" in index and "+0.00 points of pass chance" not in index


def test_plan_body_far_from_the_pass_mark(tmp_path):
    plan = [{"rank": 1, "domain_id": 1, "label": "D1 Ingestion", "gain_pp": 0.0, "gain_step_pp": 0.0,
             "score_gain_pp": 0.13, "readiness_gain_per_hour": 0.38, "readiness": 10.0, "weight": 0.34,
             "services": [], "tasks": [], "why": []}]
    assert not moves_pass_chance(plan)
    body = plan_body(plan, plan_figures(plan), tmp_path, 0.001, [])
    assert "for the next 5 h" not in body and "+0.13 points of exam score per hour" in body
    assert (tmp_path / "plan.csv").read_text().splitlines()[0].split(",")[4] == "Exam score +pts/h"
