"""An unreadable date is quoted in its reason for study logs as for mock exams, and a date written without its year
('5 Mar') says so: "start time '5 Mar' has no year". Before 7 Dec 2026 a study log said "start time is missing or
unreadable" whatever its cell, and '5 Mar' was "… is not a date" (pandas reads it as year 1)."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.date_without_year import has_no_year
from sources.registry import parse_file
from tests.test_bulk_sessions import CLOCKIFY, TOGGL, _both_paths, _quoted
from warehouse import validation
from warehouse.expectations import RULES
from warehouse.validation import failure_reasons


@pytest.mark.parametrize("text, no_year", [
    ("5 Mar", True), ("March 5", True), ("Tue 5 Mar", True), ("5/3", True), ("5 Mar 19:30:00", True),
    ("bad", False), ("2026-13-45", False), ("0226-03-05", False), ("Mar", False), ("5", False), ("7pm", False),
    ("", False), (None, False),
])
def test_a_date_has_no_year_by_its_text(text, no_year):
    assert has_no_year(text) is no_year


@pytest.mark.parametrize("table, column, text, said", [
    ("answers", "taken_at", "5 Mar", "date taken '5 Mar' has no year"),
    ("answers", "taken_at", "bad", "date taken 'bad' is not a date"),
    ("study_sessions", "started_at", "5 Mar 07:00:00", "start time '5 Mar 07:00:00' has no year"),
    ("study_sessions", "started_at", None, "start time is missing or unreadable"),
])
def test_the_date_reason_says_a_missing_year(table, column, text, said):
    r = RULES[(table, f"{column}_not_null")]
    rows = pd.DataFrame({column: [pd.NaT], f"{column}_text": [text]})
    assert failure_reasons(r.reason, rows, None, r.if_blank, r.when_blank, r.when_text) == [said]


HOURS = "date,minutes,topic\n2026-03-05,30,Athena\n{cell},20,Redshift\n"
TOGGL_ROW = {"Project": "DEA-C01", "Description": "Glue ETL jobs", "Billable": "No", "Duration": "00:30:00"}
CLOCKIFY_ROW = {"Project": "DEA-C01", "Description": "Glue ETL jobs", "Billable": "No", "Duration (h)": "00:30:00",
                "Duration (decimal)": "0.50"}


def _export(path, header: list[str], starts: list[tuple[str, str]]):
    """A learner's own Toggl or Clockify export, one entry per (start date, start time)."""
    date, time = ("Start date", "Start time") if "Start date" in header else ("Start Date", "Start Time")
    row = TOGGL_ROW if header is TOGGL else CLOCKIFY_ROW
    rows = [{**row, date: d, time: t} for d, t in starts]
    path.write_text("\n".join([",".join(header), *(",".join(_quoted(r.get(h, "")) for h in header) for r in rows)])
                    + "\n")
    return path


@pytest.mark.parametrize("cell, text", [("5 Mar", "5 Mar"), (" nope ", "nope"), ("", None)])
def test_a_plain_log_keeps_its_unreadable_date_as_written(tmp_path, cell, text):
    (path := tmp_path / "log.csv").write_text(HOURS.format(cell=cell))
    frame = parse_file(path)[1]["study_sessions"]
    assert frame["started_at_text"].tolist() == [None, text]


STARTS = [("2026-03-01", "09:00:00"), ("5 Mar", "10:00:00"), ("2026-13-45", "11:00:00"), ("", "")]


@pytest.mark.parametrize("header", [TOGGL, CLOCKIFY], ids=["toggl", "clockify"])
def test_a_time_trackers_unreadable_start_is_quoted_on_both_paths(tmp_path, monkeypatch, header):
    """The start's date and time cells as written, the same reason either way (`started_at_text`)."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    bulk, taken = _both_paths(tmp_path, monkeypatch, _export(tmp_path / "own.csv", header, STARTS))
    assert taken == [bulk]  # the bulk path read it
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        found = con.execute("SELECT line, reason FROM raw.quarantine WHERE check_name = 'started_at_not_null' "
                            "ORDER BY line").fetchall()
    assert found == [(3, "start time '5 Mar 10:00:00' has no year"),
                     (4, "start time '2026-13-45 11:00:00' is not a date"), (5, "start time is missing or unreadable")]
