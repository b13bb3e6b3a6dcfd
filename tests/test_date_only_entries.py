"""A study-log entry with a date but no time of day has no place on the clock: it overlaps no entry, in
another file or its own; only the same day, minutes and description in a later-loaded file is the same
entry logged twice. `run` says per file on stderr which entries another file's make count less.
Inputs: the user review of 2 Dec 2026 (item 3) and its Toggl/Clockify exports."""
from __future__ import annotations

import json

import duckdb
import pandas as pd

from sources.sure_overlap import define_macros
from tests.conftest import run_cli
from tests.helpers_workspace import ingest, new_workspace
from warehouse import overlaps_frame, overlaps_sql
from warehouse.connection import open_warehouse, read_sql
from warehouse.ledger import READING_RULES

TOGGL = ("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,"
         "Tags,Amount ()\nAlex Doe,alex@example.com,,DEA-C01,Domain 1,Glue ETL jobs,No,2026-11-03,07:00:00,"
         '2026-11-03,07:30:00,00:30:00,"aws, glue",\n')
CLOCKIFY = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,"
            "Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\nDEA-C01,,Kinesis vs MSK,"
            'Domain 1,Alex Doe,,alex@example.com,"aws, streaming",No,03.11.2026,07:15:00,03.11.2026,08:00:00,'
            "00:45:00,0.75,0.00,0.00\n")
PARTIAL = ("hours/clockify.csv: 1 study entry counted in part: the same time is in hours/toggl.csv, loaded later "
           "(see `examready quarantine`)")
AGAIN = ("hours/reading-log.csv: 1 study entry not counted: the same entry (day, minutes and description) is in "
         "hours/video-log-2.csv, loaded later (see `examready quarantine`)")


def minutes_by_day(ws) -> dict[str, float]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return dict(con.execute("SELECT strftime(started_at, '%Y-%m-%d'), sum(minutes) FROM staging.study_sessions "
                                "GROUP BY 1 ORDER BY 1").fetchall())


def test_date_only_entries_of_a_day_all_count_and_run_names_the_files_whose_entries_count_less(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    hours = ws.inbox / "hours"
    (hours / "reading-log.csv").write_text("date,minutes,topic\n2026-11-05,60,AWS Glue docs\n"
                                           "2026-11-06,30,Athena\n2026-11-06,40,Athena reading\n")
    (hours / "video-log.csv").write_text("date,minutes,topic\n2026-11-05,45,Amazon Redshift course\n")
    (hours / "toggl.csv").write_text(TOGGL, encoding="utf-8")
    (hours / "clockify.csv").write_text(CLOCKIFY)
    first = run_cli("run", "-w", str(ws.root))
    # two activities of a day in two logs: 105 min (was 60: both 'at 00:00'); two of one log: 70 (was 30)
    assert minutes_by_day(ws) == {"2026-11-03": 60.0, "2026-11-05": 105.0, "2026-11-06": 70.0}
    assert [line for line in first.stdout.splitlines() if "reading-log.csv" in line] == [
        "loaded    hours/reading-log.csv (plain_hours): 3 loaded, 0 quarantined"]
    assert PARTIAL in first.stderr.splitlines()  # a real overlap: Toggl 07:00-07:30, Clockify 07:15-08:00
    assert "reading-log.csv:" not in first.stderr and "video-log.csv:" not in first.stderr

    # a later log repeats an entry (case and spaces aside), and a timed Toggl entry falls on that day at 00:10
    (hours / "video-log-2.csv").write_text("date,minutes,topic\n2026-11-05,60,aws  glue DOCS\n")
    (hours / "toggl-nov-5.csv").write_text(TOGGL.replace("2026-11-03,07:00:00,2026-11-03,07:30:00",
                                                         "2026-11-05,00:10:00,2026-11-05,00:40:00"), encoding="utf-8")
    second = run_cli("run", "-w", str(ws.root))
    assert minutes_by_day(ws) == {"2026-11-03": 60.0, "2026-11-05": 135.0, "2026-11-06": 70.0}
    assert [line for line in second.stderr.splitlines() if "loaded later" in line] == [PARTIAL, AGAIN]
    data = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert data["overlapping"][1] == {"path": "hours/reading-log.csv", "line": 2, "started_at": "2026-11-05",
                                      "minutes": 60.0, "counted_minutes": 0.0,
                                      "overlaps_path": "hours/video-log-2.csv", "overlaps_line": 2}
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert ("not counted hours/reading-log.csv:2: 60 min on 2026-11-05: the same day, minutes and description are "
            "in hours/video-log-2.csv:2, loaded later (the same entry logged twice?)") in text

    third = run_cli("run", "-w", str(ws.root))  # nothing new: the same counts, the same lines
    assert {line.split()[0] for line in third.stdout.splitlines() if line.endswith("quarantined")} == {"unchanged"}
    assert minutes_by_day(ws) == {"2026-11-03": 60.0, "2026-11-05": 135.0, "2026-11-06": 70.0}
    assert [line for line in third.stderr.splitlines() if "loaded later" in line] == [PARTIAL, AGAIN]


def sessions(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame([{"learner_id": "", "line": n + 2, "line_row": 0, "started_at": pd.Timestamp(at),
                          "minutes": minutes, "date_only": day} for n, (at, minutes, day) in enumerate(rows)])


def test_the_file_overlap_check_leaves_date_only_entries_out_in_both_engines():
    batch = sessions([("2026-11-06", 30.0, True), ("2026-11-06", 40.0, True), ("2026-11-06 00:10", 20.0, False),
                      ("2026-11-06 00:20", 20.0, False)])
    with duckdb.connect() as con:
        define_macros(con, temporary=True)  # as the in-file check gives them
        con.register("batch", batch)
        in_sql = overlaps_sql.overlapping_sessions(con, "batch", set())
    assert list(overlaps_frame.overlapping_sessions(batch, set())["line"]) == list(in_sql["line"]) == [5]


def test_a_plain_log_read_by_older_rules_is_read_again_and_its_date_only_entries_all_count(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "a.csv").write_text("date,minutes,topic\n2026-11-05,60,Glue\n")
    (ws.inbox / "hours" / "b.csv").write_text("date,minutes,topic\n2026-11-05,45,Redshift\n")
    ingest(ws, "r1")
    with duckdb.connect(str(ws.db_path)) as con:  # what the rules before date_only wrote
        con.execute("UPDATE raw.study_sessions SET date_only = NULL")
        con.execute("UPDATE raw.file_events SET rules = ?", [READING_RULES - 1])
    assert {r.status for r in ingest(ws, "r2")} == {"replaced"}
    with open_warehouse(ws.db_path) as con:
        for model in ("current_loads", "study_entries"):
            con.execute(read_sql(f"staging/{model}.sql"))
        counted = con.execute("SELECT path, date_only, counted_minutes FROM staging.study_entries "
                              "ORDER BY path").fetchall()
    assert counted == [("hours/a.csv", True, 60.0), ("hours/b.csv", True, 45.0)]
    assert {r.status for r in ingest(ws, "r3")} == {"unchanged"}
