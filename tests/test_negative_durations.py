"""A duration with a minus in front is negative, so `minutes_in_range` holds its row back: Toggl's and Clockify's
'-00:10:00' counted +10 min (the sign stuck to the hours, '-00' is 0) and a study log's '-0:10' was called
unreadable. Both ways of reading a tracker export (pandas, and the bulk path of large team exports) agree. The
Unicode minus sign ('−00:10:00') is a minus too: it was 'missing or unreadable', held back for the wrong reason."""
from __future__ import annotations

import math

import duckdb
import pytest

from sources import clockify, toggl
from sources.datetimes import duration_minutes, hms_minutes
from sources.plain_hours import logged_minutes
from tests.conftest import run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_sessions import CLOCKIFY, TOGGL, _both_paths
from warehouse import validation

RANGE = "must be more than 0 and at most 24 h"


@pytest.mark.parametrize("text, minutes", [
    ("01:30:15", 90.25), ("1:30", 90.0), ("30:00:00", 1800.0), (" 00:20:00 ", 20.0), ("+00:10:00", 10.0),
    ("-00:10:00", -10.0), ("-0:10", -10.0), ("-01:30:00", -90.0), ("- 00:10:00", -10.0), ("-00:00:30", -0.5),
    ("-00:00:00", 0.0), ("\u221200:10:00", -10.0), ("\u22120:10", -10.0),  # the Unicode minus sign
    ("01:-10:00", None), ("01:\u221210:00", None), ("--00:10:00", None), ("-+00:10", None), ("-", None), ("", None), (None, None),
    ("abc", None), ("1:2:3:4", None), ("90", None),
])
def test_hms_minutes(text, minutes):
    assert hms_minutes(text) == minutes


@pytest.mark.parametrize("text, minutes", [
    ("00:30:00", 30.0), ("1.25", 75.0), ("1,25", 75.0), ("1.5h", 90.0),
    ("-00:10:00", -10.0), ("-0:30", -30.0), ("-0.50", -30.0), ("-0,5", -30.0), ("\u22120.50", -30.0),
    ("", None), ("abc", None), ("01:-10:00", None),
])
def test_duration_minutes(text, minutes):
    assert duration_minutes(text) == minutes


def test_minus_zero_is_zero_not_negative_zero():
    assert math.copysign(1, hms_minutes("-00:00:00")) == 1.0  # '0 min', as '00:00:00' says, in the reason


@pytest.mark.parametrize("cells, minutes", [
    (("-00:30:00", "-0.50"), -30.0), (("", "-0.50"), -30.0), (("-00:30:00", ""), -30.0),
    (("00:30:00", "0.50"), 30.0), (("x", "2"), None),
])
def test_clockify_minutes(cells, minutes):
    assert clockify.minutes(*cells) == minutes


@pytest.mark.parametrize("cell, minutes", [("-00:10:00", -10.0), ("-0.25", -15.0), ("00:10:00", 10.0)])
def test_toggl_minutes(cell, minutes):
    assert toggl.minutes(cell) == minutes


@pytest.mark.parametrize("cell, per_unit, minutes", [
    ("-10", 1, -10.0), ("-0:10", 1, -10), ("-1:30:00", 1, -90.0), ("-90 min", 1, -90.0), ("-2h", 60, -120.0),
    ("-1,5", 60, -90.0), ("- 0:10", 1, -10), ("0:10", 1, 10), ("\u221210", 1, -10.0), ("\u22122h", 60, -120.0),
    ("--0:10", 1, None), ("-", 1, None), ("-abc", 1, None),
])
def test_logged_minutes(cell, per_unit, minutes):
    assert logged_minutes(cell, per_unit) == minutes


TOGGL_CSV = (",".join(TOGGL) + "\n"
             "Alex,a@x.org,,DEA-C01,Domain 2,Running,No,2026-11-05,07:00:00,,,-00:10:00,,\n"
             "Alex,a@x.org,,DEA-C01,Domain 2,Glue jobs,No,2026-11-05,08:00:00,,,00:30:00,,\n")
CLOCKIFY_CSV = (",".join(CLOCKIFY) + "\n"
                "DEA-C01,,Glue,,Alex,,a@x.org,,No,2026-11-06,07:00:00,,,-00:30:00,-0.50\n"
                "DEA-C01,,Kinesis,,Alex,,a@x.org,,No,2026-11-07,07:00:00,,,,-0.50\n"
                "DEA-C01,,Athena,,Alex,,a@x.org,,No,2026-11-08,07:00:00,,,00:45:00,0.75\n")
LOG_CSV = "date,minutes,topic\n2026-11-02,-10,Glue\n2026-11-03,-0:10,Glue\n2026-11-04,25,Glue\n"


def test_a_run_holds_back_negative_durations_naming_file_and_line(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    hours = tmp_path / "ws" / "inbox" / "hours"
    for name, text in (("toggl.csv", TOGGL_CSV), ("clockify.csv", CLOCKIFY_CSV), ("log.csv", LOG_CSV)):
        (hours / name).write_text(text)
    files = {f["path"]: f for f in run_json("run", "-w", str(tmp_path / "ws"))["files"]}
    counts = {p: (f["status"], f["rows_in"], f["rows_loaded"], f["rows_quarantined"]) for p, f in files.items()}
    assert counts == {"hours/toggl.csv": ("loaded", 2, 1, 1), "hours/clockify.csv": ("loaded", 3, 1, 2),
                      "hours/log.csv": ("loaded", 3, 1, 2)}
    assert all(f["rows_in"] == f["rows_loaded"] + f["rows_quarantined"] for f in files.values())
    held = run_json("quarantine", "-w", str(tmp_path / "ws"))["quarantined"]
    assert sorted((q["path"], q["line"], q["check"], q["reason"]) for q in held) == [
        ("hours/clockify.csv", 2, "minutes_in_range", f"duration -30 min {RANGE}"),
        ("hours/clockify.csv", 3, "minutes_in_range", f"duration -30 min {RANGE}"),
        ("hours/log.csv", 2, "minutes_in_range", f"duration -10 min {RANGE}"),
        ("hours/log.csv", 3, "minutes_in_range", f"duration -10 min {RANGE}"),
        ("hours/toggl.csv", 2, "minutes_in_range", f"duration -10 min {RANGE}"),
    ]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        staged = con.execute("SELECT tool, minutes FROM staging.study_sessions ORDER BY tool").fetchall()
    assert staged == [("clockify", 45.0), ("plain", 25.0), ("toggl", 30.0)]


def _team_export(header: list[str], duration_cells: list[tuple[str, ...]]) -> str:
    """A two-person export, one entry per duration (those cells last in the header), an hour apart."""
    lines = [",".join(header)]
    for n, cells in enumerate(duration_cells):
        user = ("ana", "ben")[n % 2]
        row = {"User": user, "Email": f"{user}@bootcamp.example", "Project": "DEA-C01", "Description": f"Glue {n}",
               "Billable": "No", "Start date": f"2026-03-{n + 1:02d}", "Start time": "09:00:00",
               "Start Date": f"2026-03-{n + 1:02d}", "Start Time": "09:00:00"}
        lines.append(",".join([row.get(h, "") for h in header[:-len(cells)]] + list(cells)))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("header, durations, held", [
    ([h for h in TOGGL if h not in ("Duration", "Tags", "Amount ()")] + ["Duration"],
     [("-00:10:00",), ("00:30:00",), ("-0.5",), ("1.5",)], {2: -10.0, 4: -30.0}),
    ([h for h in TOGGL if h not in ("Duration", "Tags", "Amount ()")] + ["Duration"],
     [("\u221200:10:00",), ("00:30:00",), ("\u22120.5",), ("1.5",)], {2: -10.0, 4: -30.0}),  # the Unicode minus
    (CLOCKIFY, [("-00:30:00", "-0.50"), ("00:45:00", "0.75"), ("", "-0.50"), ("01:00:00", "1.00")],
     {2: -30.0, 4: -30.0}),
])
def test_the_bulk_path_holds_back_what_the_pandas_path_does(tmp_path, monkeypatch, header, durations, held):
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = tmp_path / "export.csv"
    csv.write_text(_team_export(header, durations))
    bulk, taken = _both_paths(tmp_path, monkeypatch, csv)  # the same rows, quarantine and report either way
    assert taken == [bulk]  # the bulk path read it
    assert (bulk.rows_in, bulk.rows_loaded, bulk.rows_quarantined) == (4, 2, 2)
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT line, check_name, reason FROM raw.quarantine ORDER BY line").fetchall()
    assert rows == [(line, "minutes_in_range", f"duration {m:g} min {RANGE}") for line, m in held.items()]
