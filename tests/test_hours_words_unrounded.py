"""The words for study hours round the unrounded figure once, never the JSON's two decimals. Before: 2.5 minutes
(0.0417 h, 0.04 in the JSON) read "2 min" in `learners`, the class page, `gaps`' hours ambiguous and `readiness`'
hours counting toward no single domain, where `run`'s warning and `readiness`' domain line said "3 min"; and a
learner's 14 s (0.0 in the JSON) read "no rows that count yet" in `learners`."""
from __future__ import annotations

import html
import re
from datetime import date

import duckdb
import pytest

from examready.cmd_learners import learner_line
from examready.summaries import hours_without_domain
from reports.class_data import learner_row
from reports.hours import hours_said, hours_value
from sources.blueprint import load_blueprint
from tests.conftest import run_cli, run_json

# minutes logged: (the JSON's hours, the words); the words of the JSON's figure would differ in each
CASES = {"2.5 min": (2.5, 0.04, "3 min"), "2.7 min": (2.694, 0.04, "3 min"), "18 s": (0.3, 0.01, "18 s"),
         "14 s": (0.24, 0.0, "14 s"), "14.7 min": (14.706, 0.25, "0.2 h"), "2.9 min": (2.9, 0.05, "3 min"),
         "54 s": (0.9, 0.02, "54 s")}


@pytest.mark.parametrize("minutes, in_json, words", CASES.values(), ids=CASES.keys())
def test_the_json_keeps_two_decimals_and_the_words_round_once(minutes, in_json, words):
    assert hours_value(minutes / 60) == in_json
    assert hours_said(hours_value(minutes / 60, exact=True)) == words
    assert hours_said(in_json) != words  # the case is one where rounding twice says something else


def unpractised(minutes: float, exact: bool) -> dict:
    row = {"learner_id": "ana", "as_of": None, "pass_probability": None, "scaled_mean": None, "scaled_low": None,
           "scaled_high": None, "measured_domains": 0, "questions": 0, "weakest_domain": None,
           "weakest_readiness": None, "last_practice": None, "mocks": 0, "hours": minutes / 60}
    return learner_row(row, load_blueprint("DEA-C01"), exact)


@pytest.mark.parametrize("minutes, in_json, words", CASES.values(), ids=CASES.keys())
def test_a_learners_line_says_the_unrounded_hours(minutes, in_json, words):
    assert unpractised(minutes, exact=False)["hours"] == in_json
    assert learner_line(unpractised(minutes, exact=True), 4).endswith(f"no exam-style questions yet  {words} logged")


@pytest.mark.parametrize("minutes, in_json, words", CASES.values(), ids=CASES.keys())
def test_readiness_says_the_unrounded_hours_counting_toward_no_domain(minutes, in_json, words):
    con = duckdb.connect()  # a real DuckDB with the staging table the summary reads
    con.execute("CREATE SCHEMA staging; CREATE TABLE staging.study_sessions (learner_id VARCHAR, domain_id INTEGER, "
                "minutes DOUBLE, started_at TIMESTAMP, services VARCHAR[], tool VARCHAR)")
    con.execute("INSERT INTO staging.study_sessions VALUES ('ana', NULL, ?, '2026-11-02 10:00', NULL, 'plain')",
                [minutes])
    assert hours_without_domain(con, "ana", date(2026, 11, 2))["hours"] == in_json
    assert hours_said(hours_without_domain(con, "ana", date(2026, 11, 2), exact=True)["hours"]) == words


LOG = ("date,minutes,topic,learner\n2026-11-02,2.5,Kinesis,ana\n2026-11-04,45,Data Ingestion and Transformation,ben\n"
       "2026-11-05,2.5,misc reading,ben\n")  # ana: 2.5 min under an umbrella word of D1; ben: 2.5 min of no domain


def test_every_command_and_the_class_page_say_2_5_minutes_as_3_min(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--timezone", "UTC")
    (ws / "inbox" / "hours" / "log.csv").write_text(LOG, encoding="utf-8")
    ran = run_cli("run", "-w", str(ws))
    warned = re.search(r"'Kinesis' \(line 2: (.+?)\) counts for none of", ran.stderr).group(1)
    gaps = re.search(r"hours ambiguous \(1\): (.+?) logged as 'Kinesis'", run_cli("gaps", "--learner", "ana", "-w",
                                                                                  str(ws)).stdout).group(1)
    learners = re.search(r"  ana +no exam-style questions yet  (.+?) logged", run_cli("learners", "-w", str(ws)).stdout)
    domain = re.search(r"D1 Data Ingestion.*, (.+)$", run_cli("readiness", "--learner", "ana", "-w", str(ws)).stdout,
                       re.M).group(1)
    without = re.search(r"  (.+?) of the 0.8 h logged count toward no single domain",
                        run_cli("readiness", "--learner", "ben", "-w", str(ws)).stdout).group(1)
    page = html.unescape((ws / "site" / "class.html").read_text(encoding="utf-8"))
    on_page = re.search(r"<li>ana: (.+?) logged</li>", page).group(1)
    assert [warned, gaps, learners.group(1), domain, without, on_page] == ["3 min"] * 6
    assert run_json("learners", "-w", str(ws))["learners"][0]["hours"] == 0.04  # the contract: two decimals
    assert run_json("readiness", "--learner", "ben", "-w", str(ws))["hours_without_domain"]["hours"] == 0.04
    assert run_json("gaps", "--learner", "ana", "-w", str(ws))["ambiguous_hours"][0]["hours"] == 0.04
