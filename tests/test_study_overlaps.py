"""The same study time logged in two files counts once: in the entry of the file loaded last (the earlier
entry keeps the minutes no later entry covers; tests/test_study_overlaps_partial.py)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"
TOGGL_HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,"
                "Duration,Tags,Amount ()\n")


def toggl(rows: list[tuple[str, str, str, str]]) -> str:
    """A Toggl detailed export: (description, date, start, duration hh:mm:ss) per entry."""
    return TOGGL_HEADER + "".join(f"Alex Doe,alex@example.com,,DEA-C01,Domain 1,{d},No,{day},{start},,,{dur},aws,\n"
                                  for d, day, start, dur in rows)


def counted(ws) -> list[tuple]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute("SELECT description, strftime(started_at, '%H:%M'), minutes FROM staging.study_sessions "
                           "ORDER BY started_at, description").fetchall()


def test_time_an_entry_shares_with_another_files_entry_counts_once_and_is_listed(tmp_path):
    """toggl_detailed.csv logs Glue 07:00-07:40:30 on 3 Feb and Athena 06:45-07:15:45 on 11 Feb;
    clockify_detailed.csv Kinesis vs MSK 07:15-08:00 and KMS 06:00-06:55 those days."""
    ws = new_workspace(tmp_path / "ws")
    shutil.copy(FIXTURES / "toggl_detailed.csv", ws.inbox / "hours" / "toggl.csv")
    run_cli("run", "-w", str(ws.root))
    assert ("Glue ETL jobs and job bookmarks", "07:00", 40.5) in counted(ws)
    shutil.copy(FIXTURES / "clockify_detailed.csv", ws.inbox / "hours" / "clockify.csv")
    run_cli("run", "-w", str(ws.root))
    rows = counted(ws)
    assert ("Glue ETL jobs and job bookmarks", "07:00", 15.0) in rows, "07:00-07:15, before Kinesis vs MSK"
    assert ("Kinesis vs MSK", "07:15", 45.0) in rows
    assert ("Athena partition projection", "06:45", 20.75) in rows, "06:55-07:15:45, after KMS"
    data = json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)
    assert data["overlapping"] == [
        {"path": "hours/toggl.csv", "line": 3, "started_at": "2026-02-03 07:00", "minutes": 40.5,
         "counted_minutes": 15.0, "overlaps_path": "hours/clockify.csv", "overlaps_line": 2},
        {"path": "hours/toggl.csv", "line": 7, "started_at": "2026-02-11 06:45", "minutes": 30.75,
         "counted_minutes": 20.75, "overlaps_path": "hours/clockify.csv", "overlaps_line": 6}]
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert ("counted in part hours/toggl.csv:3: counted 15 of 40.5 min from 2026-02-03 07:00; the rest overlaps "
            "hours/clockify.csv:2") in text
    assert ", 2 study entries counted in part\n" in text.splitlines(keepends=True)[0]


def test_entries_that_only_touch_or_sit_in_one_file_all_count(tmp_path):
    """Back-to-back entries in two files, and overlapping entries inside one file's (held by its own check),
    are not this rule's business; an entry exported in both files counts once, in the later file, and the
    earlier file's copy is listed as not counted (nothing is dropped unsaid)."""
    ws = new_workspace(tmp_path / "ws")
    hours = ws.inbox / "hours"
    (hours / "a.csv").write_text(toggl([("Glue", "2026-02-03", "07:00:00", "01:00:00"),
                                        ("Athena", "2026-02-04", "09:00:00", "00:30:00")]))
    run_cli("run", "-w", str(ws.root))
    (hours / "b.csv").write_text(toggl([("Redshift", "2026-02-03", "08:00:00", "00:30:00"),  # starts as Glue ends
                                        ("Athena", "2026-02-04", "09:00:00", "00:30:00")]))  # the same entry
    run_cli("run", "-w", str(ws.root))
    assert counted(ws) == [("Glue", "07:00", 60.0), ("Redshift", "08:00", 30.0), ("Athena", "09:00", 30.0)]
    assert json.loads(run_cli("quarantine", "-w", str(ws.root), "--json").stdout)["overlapping"] == [
        {"path": "hours/a.csv", "line": 3, "started_at": "2026-02-04 09:00", "minutes": 30.0,
         "counted_minutes": 0.0, "overlaps_path": "hours/b.csv", "overlaps_line": 3}]


def test_an_edited_entry_exported_again_replaces_the_old_one(tmp_path):
    """Toggl exported again under another name after the entry's end was corrected: the new one counts, and
    the old one's hour after it not at all (a later entry of the same tool and description replaces it)."""
    ws = new_workspace(tmp_path / "ws")
    hours = ws.inbox / "hours"
    (hours / "january.csv").write_text(toggl([("Glue", "2026-02-03", "07:00:00", "02:00:00")]))
    run_cli("run", "-w", str(ws.root))
    (hours / "january-fixed.csv").write_text(toggl([("Glue", "2026-02-03", "07:00:00", "01:00:00")]))
    run_cli("run", "-w", str(ws.root))
    assert counted(ws) == [("Glue", "07:00", 60.0)]
    (hours / "january-fixed.csv").unlink()
    run_cli("forget", "-w", str(ws.root), "hours/january-fixed.csv")
    run_cli("run", "-w", str(ws.root))
    assert counted(ws) == [("Glue", "07:00", 120.0)], "the older entry counts again once the newer file is gone"
