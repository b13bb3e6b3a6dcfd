"""Study hours are said one way everywhere (warehouse.hour_words decides): one decimal, a half rounded up, and time
that one decimal shows as 0.0 h in minutes or seconds. Before: a minute counting toward no domain read "0.0 h of the
1.0 h logged" in `readiness` and "Not mapped to a domain: 0.0 h" on the dashboard, and 15 minutes under an umbrella
word read "0.2 h logged as 'Kinesis'" (format(0.25, '.1f')) where the pages say 0.3 h."""
from __future__ import annotations

import html
import re

import pytest

from examready.cmd_learners import learner_line
from reports.hours import hours_cell
from tests.conftest import run_cli, run_json
from warehouse.hour_words import hours_said, hours_text

SAID = {"none": (0.0, "0.0 h"), "a second": (1 / 3600, "1 s"), "59 s": (59 / 3600, "59 s"),
        "59.6 s": (59.6 / 3600, "1 min"), "a minute": (1 / 60, "1 min"), "2.5 min": (2.5 / 60, "3 min"),
        "2.9 min": (2.9 / 60, "3 min"), "0.05 h": (0.05, "0.1 h"), "0.25 h": (0.25, "0.3 h"),
        "0.35 h": (0.35, "0.4 h"), "1.25 h": (1.25, "1.3 h"), "2.35 h": (2.35, "2.4 h"), "12 h": (12, "12.0 h")}


@pytest.mark.parametrize("hours, said", SAID.values(), ids=SAID.keys())
def test_hours_said(hours, said):
    assert hours_said(hours) == said


@pytest.mark.parametrize("hours", [0.05, 0.15, 0.25, 0.35, 0.45, 1.25, 2.25, 2.35, 4.25, 0.75, 12.0])
def test_hours_said_rounds_as_the_pages_do(hours):
    assert hours_said(hours) == f"{hours_text(hours)} h"


CELLS = {"none": (0.0, "0.0"), "a minute": (1 / 60, "1 min"), "0.25 h": (0.25, "0.3"), "12 h": (12, "12.0")}


@pytest.mark.parametrize("hours, cell", CELLS.values(), ids=CELLS.keys())
def test_a_table_cell_of_hours_never_hides_a_minute(hours, cell):
    assert hours_cell(hours) == cell


def practised_learner(hours: float) -> dict:
    return {"learner": "ana", "practised": True, "pass_probability": 0.5, "hours": hours, "mocks": 1,
            "questions": 65, "measured_domains": 4, "last_practice": "2026-11-02",
            "predicted_scaled_score": {"mean": 720, "low": 650, "high": 790},
            "weakest_domain": {"id": 2, "readiness": 55.0}}


@pytest.mark.parametrize("hours, shown", [(1 / 60, "     1 min  "), (0.25, "     0.3 h  "),
                                         (123.45, "   123.5 h  ")])
def test_learners_row_says_hours_in_the_same_column(hours, shown):
    line = learner_line(practised_learner(hours), 4)
    assert f"last 2026-11-02{shown}weakest D2" in line, line


LOG = ("date,minutes,topic\n2026-11-02,45,Data Ingestion and Transformation\n2026-11-03,1,misc reading\n"
       "2026-11-04,15,Kinesis\n")  # a minute counting toward no domain; 0.25 h under an umbrella word


def test_a_minute_of_study_is_never_0_0_h_in_readiness_gaps_and_the_pages(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--timezone", "UTC")
    (ws / "inbox" / "hours" / "log.csv").write_text(LOG, encoding="utf-8")
    ran = run_cli("run", "-w", str(ws))
    assert "'Kinesis' (line 4: 0.3 h) counts for none of" in ran.stderr + ran.stdout
    assert run_json("readiness", "-w", str(ws))["hours_without_domain"]["hours"] == 0.02  # JSON: a number
    text = run_cli("readiness", "-w", str(ws)).stdout
    assert "  1 min of the 1.0 h logged count toward no single domain (1 entry)" in text, text
    assert "hours ambiguous (1): 0.3 h logged as 'Kinesis' (1 entry)" in run_cli("gaps", "-w", str(ws)).stdout
    page = html.unescape((ws / "site" / "dashboard.html").read_text(encoding="utf-8"))
    unmapped = re.search(r"<p class=muted>Not mapped to a domain: .*?</p>", page, re.S).group(0)
    assert unmapped.startswith("<p class=muted>Not mapped to a domain: 1 min. ") and "misc reading [no project] 1 min" \
        in unmapped, unmapped
    assert '"text":["1 min"]' in page and "0.0 h" not in page
    coverage = html.unescape((ws / "site" / "coverage.html").read_text(encoding="utf-8"))
    assert "0.3 h logged as 'Kinesis'" in coverage and "0.2 h" not in coverage
