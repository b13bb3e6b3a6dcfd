"""A past exam date is said once, on stderr, where it is set or read. Before (an exploratory test):
`examready init --exam-date 2020-01-01` was taken without a word, and `run` used it silently; so were past
lines of the exam_dates roster. Now `init` and `run` warn (exit code 0: a learner re-initialising after
an exam may keep the old date), naming the option or file, the date and that the plan plans no hours."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from pipelines.past_exam_dates import past_date_warning, past_roster_warning
from tests.conftest import run_cli

TODAY = date(2026, 12, 7)
DAY = timedelta(days=1)


@pytest.mark.parametrize("day, said", [
    (None, None), (TODAY, None), (TODAY + DAY, None),
    (TODAY - DAY, "--exam-date 2026-12-06 is before today (2026-12-07 in UTC): readiness still shows where you "
                  "stand, but the study plan plans no hours toward a day gone by"),
])
def test_a_past_date_is_named_with_the_option(day, said):
    assert past_date_warning("--exam-date", day, TODAY, "UTC") == (said and f"{said}; give the next sitting's "
                                                                          "date to plan toward it")


@pytest.mark.parametrize("roster, said", [
    ({"ana": (TODAY, 2)}, None),
    ({"ana": (TODAY - DAY, 2), "ben": (TODAY, 3)}, "dates.csv: 1 exam date before today (2026-12-07): line 2 ana "
                                                   "(2026-12-06); for that learner"),
    ({f"l{n}": (TODAY - n * DAY, n + 1) for n in range(1, 6)},
     "dates.csv: 5 exam dates before today (2026-12-07): line 2 l1 (2026-12-06), line 3 l2 (2026-12-05), line 4 l3 "
     "(2026-12-04), … (5 in all); for those learners"),
])
def test_past_roster_lines_are_said_in_one_warning(roster, said):
    warning = past_roster_warning("dates.csv", roster, TODAY)
    assert warning == said if said is None else warning.startswith(said), warning


def utc_today() -> date:
    return datetime.now(timezone.utc).date()


def test_init_warns_of_a_past_exam_date_and_run_says_it_once(tmp_path):
    past = utc_today() - timedelta(days=400)
    roster = tmp_path / "dates.csv"
    roster.write_text(f"learner,exam_date\nana@x.io,{past}\nben@x.io,{utc_today() + timedelta(days=9)}\n")
    root = tmp_path / "ws"
    init = run_cli("init", str(root), "--timezone", "UTC", "--exam-date", str(past), "--exam-dates", str(roster))
    assert init.returncode == 0 and "workspace ready" in init.stdout
    assert f"Warning: --exam-date {past} is before today ({utc_today()} in UTC)" in init.stderr, init.stderr
    assert f"Warning: --exam-dates {roster}: 1 exam date before today" in init.stderr
    assert f"line 2 ana@x.io ({past})" in init.stderr and "ben@x.io" not in init.stderr
    run = run_cli("run", "-w", str(root))
    assert run.stderr.count(f"Warning: exam_date {past} in {root / 'examready.yaml'} is before today") == 1, run.stderr
    assert run.stderr.count(f"line 2 ana@x.io ({past})") == 1
    learners = run_cli("learners", "-w", str(root), "--json")  # a teacher's view: before, only "(400 days ago)"
    warnings = json.loads(learners.stdout)["warnings"]
    assert warnings[-2].startswith(f"exam_date {past} in {root / 'examready.yaml'} is before today"), warnings
    assert warnings[-1].startswith(f"{roster}: 1 exam date before today"), warnings
    assert all(f"Warning: {w}" in learners.stderr for w in warnings)


def test_init_with_todays_exam_date_warns_of_nothing(tmp_path):
    init = run_cli("init", str(tmp_path / "ws"), "--timezone", "UTC", "--exam-date", str(utc_today()))
    assert "Warning" not in init.stderr, init.stderr
