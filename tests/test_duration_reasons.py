"""A study entry's blank, zero, too long or unreadable duration: `inspect` and `quarantine` give the same reasons,
the range reason says what the check holds (more than 0, at most 24 h), and an unreadable cell is quoted."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.conftest import run_cli
from warehouse.connection import open_warehouse
from warehouse.inbox import InboxFile, file_sha256
from warehouse.ingest import ingest_file

PLAIN = ("date,hours,topic\n2026-11-01,1.5,Athena\n2026-11-02,0,Glue\n2026-11-03,,Athena\n"
         "2026-11-04,30,Redshift\n")


def test_inspect_and_quarantine_give_the_same_duration_reasons(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    log = tmp_path / "plain.csv"
    log.write_text(PLAIN)
    out = run_cli("inspect", "-w", str(ws), str(log)).stdout
    assert "1 line where duration is missing or unreadable (line 4)" in out, out
    assert "1 line where duration 0 min must be more than 0 and at most 24 h (line 3)" in out, out  # run's words
    assert "1 line where duration 1800 min must be more than 0 and at most 24 h (line 5)" in out, out
    assert "0-24 h" not in out, out
    (ws / "inbox" / "hours" / "plain.csv").write_text(PLAIN)
    run_cli("run", "-w", str(ws))
    held = run_cli("quarantine", "-w", str(ws)).stdout
    assert "hours/plain.csv:3 [minutes] duration 0 min must be more than 0 and at most 24 h (minutes_in_range)" in held
    assert "hours/plain.csv:4 [minutes] duration is missing or unreadable (minutes_not_null)" in held, held
    assert "hours/plain.csv:5 [minutes] duration 1800 min must be more than 0 and at most 24 h" in held, held


MISSING = "duration is missing or unreadable"
TOGGL_HEAD = "Description,Project,Start date,Start time,Duration\n"
CLOCKIFY_HEAD = "Description,Project,Start Date,Start Time,Duration (h),Duration (decimal)\n"


def _held_durations(tmp_path, name: str, text: str) -> tuple[list[tuple], tuple[int, int, int]]:
    """(minutes_not_null's quarantine rows, (rows in, loaded, quarantined)) of one file loaded into a DuckDB file."""
    path, db = tmp_path / name, tmp_path / "ws.duckdb"
    path.write_text(text)
    with open_warehouse(db) as con:
        report = ingest_file(con, InboxFile(path, f"hours/{name}", "hours", file_sha256(path)),
                             load_blueprint("DEA-C01"), "me", "run-1", parse_file, datetime(2026, 12, 1))
    with duckdb.connect(str(db), read_only=True) as con:
        held = con.execute("SELECT line, column_name, reason, json_extract_string(row_json, '$.minutes_text') "
                           "FROM raw.quarantine WHERE check_name = 'minutes_not_null' ORDER BY line").fetchall()
    return held, (report.rows_in, report.rows_loaded, report.rows_quarantined)


@pytest.mark.parametrize("name, text, held", [
    ("plain.csv", "date,minutes,topic\n2026-11-01,45,Athena\n2026-11-02,1h3O,Glue\n2026-11-03,,Glue\n"
                  "2026-11-04, forty ,Glue\n",
     [(3, "duration '1h3O' is unreadable", "1h3O"), (4, MISSING, None),
      (5, "duration 'forty' is unreadable", "forty")]),
    ("hours.csv", "date,hours,topic\n2026-11-01,1.5,Athena\n2026-11-02,1.5.2,Glue\n2026-11-03,,Glue\n",
     [(3, "duration '1.5.2' is unreadable", "1.5.2"), (4, MISSING, None)]),
    ("both.csv", "date,minutes,hours,topic\n2026-11-01,,2,Athena\n2026-11-02,,zwei,Glue\n2026-11-03,x,,Glue\n",
     [(3, "duration 'zwei' is unreadable", "zwei"), (4, "duration 'x' is unreadable", "x")]),
    ("toggl.csv", TOGGL_HEAD + "Glue,DEA-C01,2026-11-01,09:00:00,00:30:00\nGlue,DEA-C01,2026-11-01,10:00:00,1h3O\n"
                  "Glue,DEA-C01,2026-11-01,11:00:00,\nGlue,DEA-C01,2026-11-01,12:00:00,nan\n",
     [(3, "duration '1h3O' is unreadable", "1h3O"), (4, MISSING, None), (5, "duration 'nan' is unreadable", "nan")]),
    ("clockify.csv", CLOCKIFY_HEAD + "Glue,DEA-C01,11/15/2026,09:00:00 AM,00:30:00,0.50\n"
                     "Glue,DEA-C01,11/15/2026,10:00:00 AM,1h3O,1.05\nGlue,DEA-C01,11/15/2026,11:00:00 AM,,\n"
                     "Glue,DEA-C01,11/15/2026,12:00:00 PM,,zwei\n",
     [(3, "duration '1h3O' is unreadable", "1h3O"), (4, MISSING, None),
      (5, "duration 'zwei' is unreadable", "zwei")]),
], ids=["log-minutes", "log-hours", "log-minutes-then-hours", "toggl", "clockify"])
def test_an_unreadable_duration_is_quoted_as_written(tmp_path, name, text, held):
    """As a date or a mark: the cell the minutes were read from, quoted in the reason and kept in the row's values
    (`minutes_text`); a blank cell is missing. Every such row is held back, none dropped."""
    found, (rows_in, loaded, quarantined) = _held_durations(tmp_path, name, text)
    assert found == [(line, "minutes", reason, written) for line, reason, written in held]
    assert rows_in == text.count("\n") - 1 and quarantined == len(held) and loaded + quarantined == rows_in
