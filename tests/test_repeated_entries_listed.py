"""A study entry a re-exported file repeats (same tool, start, minutes and description) counts once, in the
later-loaded file, and the earlier file's copy is listed by `quarantine` and on `run`'s stderr, timed or
date-only, instead of leaving staging with nothing said. Inputs: the user review of 3 Dec 2026 (s15)."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,"
          "Tags,Amount ()\n")
GLUE = "Me,me@example.com,,DEA-C01,Domain 1,Glue ETL jobs,No,2026-11-14,07:00:00,2026-11-14,08:30:00,01:30:00,,\n"
DYNAMO = "Me,me@example.com,,DEA-C01,Domain 2,DynamoDB GSIs,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"
TIMED = ("hours/toggl-week46.csv: 1 study entry not counted: the same time is in hours/toggl-november.csv, "
         "loaded later (see `examready quarantine`)")
DAY = ("hours/log-a.csv: 1 study entry not counted: the same entry (day, minutes and description) is in "
       "hours/log-b.csv, loaded later (see `examready quarantine`)")


def counting(ws) -> list[tuple]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute("SELECT path, line, minutes, domain_id FROM staging.study_sessions "
                           "JOIN staging.current_loads USING (load_id) ORDER BY started_at").fetchall()


def test_a_timed_entry_a_later_toggl_export_repeats_is_listed_not_dropped_unsaid(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "toggl-week46.csv").write_text(HEADER + GLUE)
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "hours" / "toggl-november.csv").write_text(HEADER + GLUE + DYNAMO)
    second = run_cli("run", "-w", str(ws.root))
    # the later file's copy counts, as before: 1.5 h in D1, once
    assert counting(ws) == [("hours/toggl-november.csv", 2, 90.0, 1), ("hours/toggl-november.csv", 3, 60.0, 2)]
    assert TIMED in second.stderr.splitlines()
    data = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert data["overlapping"] == [
        {"path": "hours/toggl-week46.csv", "line": 2, "started_at": "2026-11-14 07:00", "minutes": 90.0,
         "counted_minutes": 0.0, "overlaps_path": "hours/toggl-november.csv", "overlaps_line": 2}]
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert ", 1 study entry not counted\n" in text.splitlines(keepends=True)[0]
    assert ("  not counted hours/toggl-week46.csv:2: 90 min from 2026-11-14 07:00 overlap "
            "hours/toggl-november.csv:2, loaded later") in text


def test_a_date_only_entry_a_later_log_repeats_exactly_is_listed_as_one_differing_in_case_is(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "log-a.csv").write_text("date,hours,topic\n2026-11-17,1.5,Glue ETL jobs\n")
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "hours" / "log-b.csv").write_text("date,hours,topic\n2026-11-17,1.5,Glue ETL jobs\n"
                                                  "2026-11-18,1,Athena\n")
    second = run_cli("run", "-w", str(ws.root))
    assert [(p, line, m) for p, line, m, _ in counting(ws)] == [("hours/log-b.csv", 2, 90.0),
                                                                ("hours/log-b.csv", 3, 60.0)]
    assert DAY in second.stderr.splitlines()
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert ("  not counted hours/log-a.csv:2: 90 min on 2026-11-17: the same day, minutes and description are in "
            "hours/log-b.csv:2, loaded later (the same entry logged twice?)") in text
