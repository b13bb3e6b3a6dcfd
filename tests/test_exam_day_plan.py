"""On the exam day and after it the study plan advises no hours ahead. Before (an exploratory test): the plan
page said "≈ +4.7 for the next 5 h" on the exam day, and the same after a date gone by. Now the plan page says
where the learner stands (readiness per domain, weakest first), and `readiness` (text and --json) and every
page's caveats say the exam is today, or that its date has passed and where to set the next one."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from test_pages_workspace import practice_export

from reports.caveats import readiness_caveats
from reports.plan import plan_body
from reports.plan_data import plans_hours
from tests.conftest import run_cli

TODAY = date(2026, 12, 7)
DAY = timedelta(days=1)


@pytest.mark.parametrize("exam_date, plans", [(None, True), (TODAY + DAY, True), (TODAY, False), (TODAY - DAY, False)])
def test_hours_are_planned_only_before_the_exam_day(exam_date, plans):
    assert plans_hours(exam_date, TODAY) is plans


@pytest.mark.parametrize("exam_date, own, said", [
    (TODAY + DAY, True, None),
    (TODAY, True, "Your exam is today (2026-12-07): these figures are where you stand; the study plan plans no hours"),
    (TODAY, False, "ben's exam is today (2026-12-07): these figures are where they stand"),
    (TODAY - DAY, True, "Your exam date 2026-12-06 has passed: the study plan plans no hours toward a day that is gone"),
    (TODAY - DAY, False, "ben's exam date 2026-12-06 has passed: the study plan plans no hours"),
])
def test_the_exam_day_and_a_past_one_are_said_once(exam_date, own, said):
    caveats = readiness_caveats("ben", [("D1", 5)], True, TODAY, exam_date, TODAY, own=own)
    assert len(caveats) == (0 if said is None else 1), caveats
    assert said is None or said in caveats[0], caveats


def test_the_plan_page_on_the_exam_day_shows_where_you_stand(tmp_path):
    rows = [{"domain_id": 4, "label": "D4 Security", "readiness": 47.2, "low": 39.0, "high": 56.0, "weight": 0.18,
             "questions": 116}, {"domain_id": 1, "label": "D1 Ingestion", "readiness": 75.7, "low": 70.0,
                                 "high": 81.0, "weight": 0.34, "questions": 246}]
    body = plan_body([], {}, tmp_path, 0.2, ["Your exam is today (2026-12-07): …"], standing_rows=rows)
    assert "Where you stand" in body and "Your exam is today" in body and "Your pass chance today: <b>20%</b>" in body
    assert "next 5 h" not in body and "per hour" not in body and "No plan yet" not in body
    assert body.index("D4 Security") < body.index("D1 Ingestion")
    assert (tmp_path / "plan.csv").read_text().splitlines()[0] == "Domain,Readiness %,90% low,90% high,Weight,Questions"


def utc_today() -> date:
    return datetime.now(timezone.utc).date()


@pytest.fixture(scope="module")
def exam_today(tmp_path_factory):
    """A workspace (time zone UTC) practised in every domain yesterday, its exam date today, run once."""
    today = utc_today()
    root = tmp_path_factory.mktemp("exam-today") / "ws"
    run_cli("init", str(root), "--timezone", "UTC", "--exam-date", str(today))
    (root / "inbox" / "exams" / "mock.csv").write_text(
        practice_export("mock", today - DAY, dict.fromkeys((1, 2, 3, 4), 14)), encoding="utf-8")
    return root, today, run_cli("run", "-w", str(root))


def test_on_the_exam_day_no_page_plans_hours(exam_today):
    root, today, _run = exam_today
    plan, index = ((root / "site" / name).read_text(encoding="utf-8") for name in ("plan.html", "index.html"))
    said = f"Your exam is today ({today})"
    assert "next 5 h" not in plan and "per hour" not in plan and "Where you stand" in plan and said in plan
    assert "What do I do next?" not in index and said in index and "no hours left to plan" in index


def test_on_the_exam_day_readiness_says_so_in_text_and_json(exam_today):
    root, today, run = exam_today
    assert "before today" not in run.stderr  # today is not a past date
    proc = run_cli("readiness", "-w", str(root), "--json")
    (caveat,) = json.loads(proc.stdout)["caveats"]
    assert caveat.startswith(f"Your exam is today ({today})") and f"Caveat: {caveat}" in proc.stderr
    text = run_cli("readiness", "-w", str(root)).stdout
    assert "(see caveats)" in text.splitlines()[0] and f"Caveat: {caveat}" in text
