"""Rows held back only for a time in the future count once that time has passed: the next run reads
the file again (its new load replaces the old), with nothing lost or counted twice (review item 2)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import duckdb
import yaml

from pipelines.workspace import Workspace, find_workspace
from pipelines.workspace_config import CONFIG_NAME
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace, run_refresh

AHEAD = "Pacific/Kiritimati"  # UTC+14: a learner clock later than this machine's


def _export(ws: Workspace, soon: datetime) -> None:
    """One past row, one row at `soon`, one a month after it (the same export, as the review's m2.csv)."""
    past, later = soon - timedelta(hours=3), soon + timedelta(days=30)
    (ws.inbox / "exams" / "m2.csv").write_text(
        "attempt_id,taken_at,question_id,domain,correct\n"
        f"m2a,{past:%Y-%m-%d %H:%M},1,D1,true\nm2b,{soon:%Y-%m-%d %H:%M},2,D4,true\n"
        f"m2c,{later:%Y-%m-%d %H:%M},3,D2,false\n")


def _set_timezone(ws: Workspace, timezone: str) -> None:
    path = ws.root / CONFIG_NAME
    path.write_text(yaml.safe_dump({**yaml.safe_load(path.read_text()), "timezone": timezone}))


def _answers(ws: Workspace) -> list[tuple]:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute("SELECT attempt_id, question_id FROM staging.answers ORDER BY ALL").fetchall()


def _counts(report: dict) -> list[tuple]:
    return [(f["path"], f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]]


def test_a_row_held_as_in_the_future_counts_once_its_time_has_passed(tmp_path):
    """The learner's clock (examready.yaml `timezone`) moves past the row's time: the unchanged file is
    read again, the row counts once, the row still ahead stays held, and the run says so."""
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    soon = Workspace(ws.root, ws.config).now() + timedelta(hours=2)
    _export(ws, soon)
    assert _counts(run_json("run", "-w", str(ws.root))) == [("exams/m2.csv", "loaded", 1, 2)]
    assert _answers(ws) == [("m2a", "1")]

    _set_timezone(ws, AHEAD)  # 14 hours later where the learner lives: 13:30 has passed, next month has not
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "exams/m2.csv: read again: 1 row(s) held back as in the future" in proc.stderr
    assert _counts(json.loads(proc.stdout)) == [("exams/m2.csv", "replaced", 2, 1)]
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]  # each once: the new load replaced the old

    again = run_cli("run", "-w", str(ws.root), "--json")
    assert _counts(json.loads(again.stdout)) == [("exams/m2.csv", "unchanged", 0, 0)]
    assert "read again" not in again.stderr
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]
    quarantine = run_json("quarantine", "-w", str(ws.root))
    assert [(r["line"], r["check"]) for r in quarantine["quarantined"]] == [(4, "taken_at_not_in_future")]


def test_the_no_op_run_is_not_taken_once_a_held_row_is_due(tmp_path, monkeypatch):
    """A clean run remembered with a row held as in the future: the same day, after that time, the run is
    not skipped (no file changed), and the row counts."""
    ws = new_workspace(tmp_path / "ws")
    now = ws.now()
    _export(ws, now + timedelta(hours=1))
    first = run_refresh(ws)
    assert [(f["status"], f["rows_loaded"]) for f in first.files] == [("loaded", 1)]
    assert run_refresh(ws).files[0]["status"] == "unchanged"  # before that time: nothing to do

    monkeypatch.setattr(Workspace, "now", lambda self: now + timedelta(hours=1, minutes=1))
    later = run_refresh(ws)
    assert [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in later.files] == [("replaced", 2, 1)]
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]


def test_quarantine_says_a_row_in_the_future_needs_no_fix(tmp_path):
    """`quarantine` lists the row with when it will count, not 'fix the lines in the file'."""
    ws = new_workspace(tmp_path / "ws")
    soon = Workspace(ws.root, ws.config).now() + timedelta(hours=5)
    (ws.inbox / "exams" / "m3.csv").write_text(
        f"attempt_id,taken_at,question_id,domain,correct\nm3,2026-03-01 10:00,1,D1,true\nm3,{soon:%Y-%m-%d %H:%M},2,D1,true\n")
    run_cli("run", "-w", str(ws.root))
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert "exams/m3.csv:3" in text and "is in the future" in text, text
    assert "nothing to fix: the first run after that time reads the file again and counts it" in text, text
    assert "fix the lines in the file" not in text, text


def test_quarantine_calls_a_time_decades_ahead_a_likely_typo_to_fix(tmp_path):
    """A time further ahead than any clock or zone is off (2099 for 2026) is `fix`, not `wait` (s14 review, finding 4)."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m3.csv").write_text(
        "attempt_id,taken_at,question_id,domain,correct\nm3,2026-03-01 10:00,1,D1,true\nm3,2099-03-01 10:00,2,D1,true\n")
    run_cli("run", "-w", str(ws.root))
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.startswith("held back: 1 line (1 reason) in 1 file"), text
    [line] = [t for t in text.splitlines() if t.startswith("  exams/m3.csv:3 ")]
    assert line.endswith("more than 2 days ahead: a typo in the date? Fix it and run again (if it is right, the "
                         "first run after that time counts it)"), line
    assert "fix the lines in the file" in text, text


def test_a_time_ahead_is_measured_from_the_workspace_clock(tmp_path):
    """A learner 14 h ahead of this machine: a mock 36 h after their clock is 50 h after the machine's. `advice`
    measured from the machine's clock and said `fix` (a typo?) for a row that counts in a day and a half."""
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, AHEAD)
    soon = find_workspace(ws.root).now() + timedelta(hours=36)
    (ws.inbox / "exams" / "soon.csv").write_text(
        f"attempt_id,taken_at,question_id,domain,correct\nm4,{soon:%Y-%m-%d %H:%M},1,D1,true\n")
    run_cli("run", "-w", str(ws.root))
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert [(r["path"], r["check"], r["advice"]) for r in held] == [("exams/soon.csv", "taken_at_not_in_future", "wait")]

def _latest_event(ws: Workspace, path: str) -> tuple:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return con.execute("SELECT status, rows_in, rows_loaded, rows_quarantined FROM raw.file_events WHERE path = ? "
                           "ORDER BY recorded_at DESC LIMIT 1", [path]).fetchone()


def test_a_row_held_as_in_the_future_counts_once_due_though_its_file_was_removed(tmp_path):
    """The file is gone from the inbox (its other rows keep counting, as any removed file's): once the
    row's time has passed, the run counts it from raw, says so, and its checks pass; `quarantine` says so
    before, lists only the row still ahead after; putting the same file back changes nothing."""
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    soon = Workspace(ws.root, ws.config).now() + timedelta(hours=2)
    _export(ws, soon)
    kept = (ws.inbox / "exams" / "m2.csv").read_bytes()
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "m2.csv").unlink()
    run_cli("run", "-w", str(ws.root))
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert "exams/m2.csv:3" in text and "counts it from the rows kept when the file was loaded" in text, text

    _set_timezone(ws, AHEAD)
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 0, proc.stderr  # the ledger's and expectations' checks pass on the new load
    assert ("exams/m2.csv: 1 row(s) held back as in the future (from "
            f"{soon:%Y-%m-%d %H:%M}) are due now and count") in proc.stderr, proc.stderr
    assert json.loads(proc.stdout)["files"] == []
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]
    assert _latest_event(ws, "exams/m2.csv") == ("replaced", 3, 2, 1)
    quarantine = run_json("quarantine", "-w", str(ws.root))
    assert [(r["line"], r["check"]) for r in quarantine["quarantined"]] == [(4, "taken_at_not_in_future")]

    again = run_cli("run", "-w", str(ws.root))
    assert "are due now" not in again.stderr and _answers(ws) == [("m2a", "1"), ("m2b", "2")]
    (ws.inbox / "exams" / "m2.csv").write_bytes(kept)  # put back: the same bytes, counted once
    back = run_json("run", "-w", str(ws.root))
    assert _counts(back) == [("exams/m2.csv", "unchanged", 0, 0)]
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]


def test_the_no_op_run_is_not_taken_once_a_removed_files_held_row_is_due(tmp_path, monkeypatch):
    """The clean run remembered after the file was removed keeps the held row's time: a run after it
    is not skipped, and the row counts."""
    ws = new_workspace(tmp_path / "ws")
    now = ws.now()
    _export(ws, now + timedelta(hours=1))
    run_refresh(ws)
    (ws.inbox / "exams" / "m2.csv").unlink()
    assert run_refresh(ws).held_until == f"{now + timedelta(hours=1):%Y-%m-%dT%H:%M}:00"
    run_refresh(ws)  # before that time: nothing to do
    assert _answers(ws) == [("m2a", "1")]

    monkeypatch.setattr(Workspace, "now", lambda self: now + timedelta(hours=1, minutes=1))
    run_refresh(ws)
    assert _answers(ws) == [("m2a", "1"), ("m2b", "2")]


def _marked(ws: Workspace) -> tuple[list, list]:
    """The answers that count (staging) and the attempts mart's (attempt, domain, right, questions)."""
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        answers = con.execute("SELECT attempt_id, question_id, correct FROM staging.answers ORDER BY ALL").fetchall()
        marts = con.execute("SELECT attempt_id, domain_id, correct, total FROM marts.attempts ORDER BY ALL").fetchall()
    return answers, marts


def test_a_file_read_again_once_due_keeps_its_place_behind_a_later_export_of_the_attempt(tmp_path):
    """a.csv has attempt x with a row ahead of now; b.csv, a later re-export of x (other answers), is
    loaded next; once the row is due, the run reads a.csv again, and b.csv's answers still count."""
    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    soon = Workspace(ws.root, ws.config).now() + timedelta(hours=2)
    past = soon - timedelta(hours=3)
    header = "attempt_id,taken_at,question_id,domain,correct\n"
    (ws.inbox / "exams" / "a.csv").write_text(
        f"{header}x,{past:%Y-%m-%d %H:%M},1,D1,true\nx,{soon:%Y-%m-%d %H:%M},2,D4,true\n")
    assert _counts(run_json("run", "-w", str(ws.root))) == [("exams/a.csv", "loaded", 1, 1)]
    (ws.inbox / "exams" / "b.csv").write_text(
        f"{header}x,{past:%Y-%m-%d %H:%M},1,D1,false\nx,{past:%Y-%m-%d %H:%M},2,D4,false\n")
    assert _counts(run_json("run", "-w", str(ws.root))) == [("exams/a.csv", "unchanged", 0, 0),
                                                            ("exams/b.csv", "replaced", 2, 0)]
    later_export = ([("x", "1", False), ("x", "2", False)], [("x", 1, 0.0, 1.0), ("x", 4, 0.0, 1.0)])
    assert _marked(ws) == later_export

    _set_timezone(ws, AHEAD)  # the row of a.csv is due now
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "exams/a.csv: read again: 1 row(s) held back as in the future" in proc.stderr
    assert _counts(json.loads(proc.stdout)) == [("exams/a.csv", "replaced", 2, 0), ("exams/b.csv", "unchanged", 0, 0)]
    assert _marked(ws) == later_export  # b.csv was exported later: it still counts, not a.csv read again
    assert run_json("quarantine", "-w", str(ws.root))["quarantined"] == []
    again = run_cli("run", "-w", str(ws.root), "--json")
    assert "read again" not in again.stderr and _marked(ws) == later_export


def _day_time(t: datetime) -> tuple[str, str]:
    return f"{t:%Y-%m-%d}", f"{t:%H:%M:%S}"


def test_a_log_read_again_once_due_keeps_its_entries_behind_a_log_loaded_later(tmp_path):
    """a.csv logs an entry and one ahead of now; b.csv, loaded next, covers part of the first entry, so
    that time counts in b.csv's entry. Once a.csv's second entry is due, a.csv is read again: it counts,
    and the shared time still counts in b.csv's (the log loaded later), as `quarantine` says."""
    from tests.test_study_overlaps import toggl

    ws = new_workspace(tmp_path / "ws")
    _set_timezone(ws, "UTC")
    soon = Workspace(ws.root, ws.config).now().replace(second=0, microsecond=0) + timedelta(hours=2)
    past, overlap = soon - timedelta(hours=4), soon - timedelta(hours=4) + timedelta(minutes=15)
    (ws.inbox / "hours" / "a.csv").write_text(toggl([("Glue", *_day_time(past), "00:40:00"), ("Athena", *_day_time(soon), "00:30:00")]))
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "hours" / "b.csv").write_text(toggl([("Kinesis", *_day_time(overlap), "00:45:00")]))
    run_cli("run", "-w", str(ws.root))

    def overlapping() -> list[tuple]:
        data = run_json("quarantine", "-w", str(ws.root))["overlapping"]
        return [(o["path"], o["line"], o["counted_minutes"], o["overlaps_path"]) for o in data]

    assert overlapping() == [("hours/a.csv", 2, 15.0, "hours/b.csv")]
    _set_timezone(ws, AHEAD)  # the Athena entry is due now
    proc = run_cli("run", "-w", str(ws.root), "--json")
    assert "hours/a.csv: read again: 1 row(s) held back as in the future" in proc.stderr
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        minutes = con.execute("SELECT description, minutes FROM staging.study_sessions ORDER BY ALL").fetchall()
    assert minutes == [("Athena", 30.0), ("Glue", 15.0), ("Kinesis", 45.0)]
    assert overlapping() == [("hours/a.csv", 2, 15.0, "hours/b.csv")]
