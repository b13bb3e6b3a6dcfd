"""Entries of two files that overlap in part: the shared time counts once (in the entry loaded last),
the rest of the earlier entry still counts, so the hours are the union of the time logged."""
from __future__ import annotations

import duckdb

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_study_overlaps import toggl

CLOCKIFY_HEADER = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,"
                   "End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n")


def clockify(rows: list[tuple[str, str, str, str]]) -> str:
    """A Clockify detailed export of 17 Feb 2026 (day-first): (description, start, end, duration hh:mm:ss)."""
    return CLOCKIFY_HEADER + "".join(f"DEA-C01,,{d},Domain 1,Alex Doe,,alex@example.com,aws,No,17/02/2026,{start},"
                                     f"17/02/2026,{end},{dur},0,0.00,0.00\n" for d, start, end, dur in rows)


def weekly_minutes(ws) -> list[tuple]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute("SELECT strftime(week, '%Y-%m-%d'), sum(minutes), sum(sessions) FROM marts.hours_weekly "
                           "GROUP BY week ORDER BY week").fetchall()


def counted(ws) -> dict[str, float]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return dict(con.execute("SELECT description, minutes FROM staging.study_sessions").fetchall())


def readiness_hours(ws) -> float:
    data = run_json("readiness", "-w", str(ws.root), "--as-of", "2026-02-20")
    return round(sum(d["hours"] for d in data["domains"]) + data["hours_without_domain"]["hours"], 2)


def test_partly_covered_entries_count_the_minutes_no_later_entry_covers(tmp_path):
    """Toggl (loaded first): A 07:00-07:30, B 09:00-09:30, C 10:00-11:00. Clockify (second): 07:15-08:00
    (covers 15 of A's 30 min), 08:50-09:40 (covers all of B), 09:50-10:15 and 10:45-11:10 (C's two ends).
    A third file (Toggl, last) 10:10-10:20 overlaps the first Clockify entry of C's: C's covered time is the
    union 10:00-10:20 + 10:45-11:00 = 35 min, not 15 + 10 + 15."""
    ws = new_workspace(tmp_path / "ws")
    hours = ws.inbox / "hours"
    (hours / "toggl.csv").write_text(toggl([("Glue A", "2026-02-17", "07:00:00", "00:30:00"),
                                            ("Glue B", "2026-02-17", "09:00:00", "00:30:00"),
                                            ("Glue C", "2026-02-17", "10:00:00", "01:00:00")]))
    run_cli("run", "-w", str(ws.root))
    (hours / "clockify.csv").write_text(clockify([("Kinesis 1", "07:15:00 AM", "08:00:00 AM", "00:45:00"),
                                                  ("Kinesis 2", "08:50:00 AM", "09:40:00 AM", "00:50:00"),
                                                  ("Kinesis 3", "09:50:00 AM", "10:15:00 AM", "00:25:00"),
                                                  ("Kinesis 4", "10:45:00 AM", "11:10:00 AM", "00:25:00")]))
    run_cli("run", "-w", str(ws.root))
    assert counted(ws) == {"Glue A": 15.0, "Glue C": 30.0, "Kinesis 1": 45.0, "Kinesis 2": 50.0,
                           "Kinesis 3": 25.0, "Kinesis 4": 25.0}
    assert weekly_minutes(ws) == [("2026-02-16", 190.0, 6)]  # 07:00-08:00, 08:50-09:40, 09:50-11:10
    assert readiness_hours(ws) == round(190 / 60, 2)
    data = run_json("quarantine", "-w", str(ws.root))
    assert data["overlapping"] == [
        {"path": "hours/toggl.csv", "line": 2, "started_at": "2026-02-17 07:00", "minutes": 30.0,
         "counted_minutes": 15.0, "overlaps_path": "hours/clockify.csv", "overlaps_line": 2},
        {"path": "hours/toggl.csv", "line": 3, "started_at": "2026-02-17 09:00", "minutes": 30.0,
         "counted_minutes": 0.0, "overlaps_path": "hours/clockify.csv", "overlaps_line": 3},
        {"path": "hours/toggl.csv", "line": 4, "started_at": "2026-02-17 10:00", "minutes": 60.0,
         "counted_minutes": 30.0, "overlaps_path": "hours/clockify.csv", "overlaps_line": 4}]
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert ", 1 study entry not counted, 2 study entries counted in part\n" in text.splitlines(keepends=True)[0]
    assert "counted in part hours/toggl.csv:2: counted 15 of 30 min from 2026-02-17 07:00; the rest overlaps " \
           "hours/clockify.csv:2, loaded later" in text
    assert "not counted hours/toggl.csv:3: 30 min from 2026-02-17 09:00 overlap hours/clockify.csv:3" in text

    (hours / "late.csv").write_text(toggl([("Redshift", "2026-02-17", "10:10:00", "00:10:00")]))
    run_cli("run", "-w", str(ws.root))
    expected = {"Glue A": 15.0, "Glue C": 25.0, "Kinesis 1": 45.0, "Kinesis 2": 50.0, "Kinesis 3": 20.0,
                "Kinesis 4": 25.0, "Redshift": 10.0}
    assert counted(ws) == expected
    assert weekly_minutes(ws) == [("2026-02-16", 190.0, 7)]  # the same time: Redshift's 10 min were counted
    run_cli("run", "-w", str(ws.root))
    assert counted(ws) == expected and weekly_minutes(ws) == [("2026-02-16", 190.0, 7)], "a rerun changes nothing"
    assert readiness_hours(ws) == round(190 / 60, 2)
