"""A file with the same bytes as another inbox file (a copy in another folder) counts once, and run
says so on every run; a file's `kind` is what its format feeds, with a hint when its folder differs."""
from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import ingest, new_workspace
from tests.test_selective_runs import CLI_WITH_MODULES_REPORT
from warehouse.connection import connect, read_sql

EXPORT = ("attempt_id,taken_at,question_id,domain,correct\n"
          "m1,2026-11-20 10:00,1,Data Ingestion and Transformation,true\n"
          "m1,2026-11-20 10:01,2,Data Store Management,false\n")
NEW_ROW = "m2,2026-11-21 10:00,1,Data Store Management,true\n"
SAID = "notes/m1-copy.csv has the same bytes as exams/m1.csv: loaded once, counted under exams/m1.csv"


def _staged(db_path) -> list[tuple]:
    """(attempt, rows) that count, from staging as the job builds it."""
    con = connect(db_path)
    try:
        for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
            con.execute(read_sql(model))
        return con.execute("SELECT attempt_id, count(*) FROM staging.answers GROUP BY ALL ORDER BY ALL").fetchall()
    finally:
        con.close()


def _ledger_rows(db_path) -> int:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM raw.file_events").fetchone()[0]
    finally:
        con.close()


def test_a_copy_in_another_folder_counts_once_and_run_names_both_every_time(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "notes" / "m1-copy.csv").write_text(EXPORT)  # new together: the one in exams/ counts
    proc = run_cli("run", "-w", str(ws.root), "--json")
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    assert files["exams/m1.csv"]["status"] == "loaded" and files["exams/m1.csv"]["rows_loaded"] == 2
    assert files["notes/m1-copy.csv"]["status"] == "unchanged"
    assert files["notes/m1-copy.csv"]["same_as"] == "exams/m1.csv" and "same_as" not in files["exams/m1.csv"]
    assert SAID in proc.stderr
    for env in ({}, {"EXAMREADY_FULL_RUN": "1"}):  # the no-op run, then a full one: said again, nothing doubles
        again = run_cli("run", "-w", str(ws.root), env=env)
        assert "unchanged exams/m1.csv" in again.stdout and "unchanged notes/m1-copy.csv" in again.stdout
        assert SAID in again.stderr
        assert "though it sits in" not in again.stderr  # the copy loads nothing: no folder hint
    assert _ledger_rows(ws.db_path) == 1
    assert _staged(ws.db_path) == [("m1", 2)]


def test_a_copy_counts_again_when_its_counted_twin_changes(tmp_path):
    """A copy of a loaded export is unchanged; removing the counted one keeps its rows (a rename); new
    bytes at its path load the copy (before: it stayed 'unchanged' and its rows counted nowhere)."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    assert [r.status for r in ingest(ws, "first")] == ["loaded"]
    (ws.inbox / "hours" / "m1 (1).csv").write_text(EXPORT)
    assert {r.path: r.status for r in ingest(ws, "second")} == {"exams/m1.csv": "unchanged",
                                                                "hours/m1 (1).csv": "unchanged"}
    (ws.inbox / "exams" / "m1.csv").unlink()
    assert {r.path: r.status for r in ingest(ws, "third")} == {"hours/m1 (1).csv": "unchanged"}
    assert _staged(ws.db_path) == [("m1", 2)] and _ledger_rows(ws.db_path) == 1
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT.split("m1,")[0] + NEW_ROW)
    fourth = {r.path: r for r in ingest(ws, "fourth")}
    assert fourth["exams/m1.csv"].status == "replaced" and fourth["hours/m1 (1).csv"].rows_loaded == 2
    assert _staged(ws.db_path) == [("m1", 2), ("m2", 1)]
    assert fourth["hours/m1 (1).csv"].same_as is None and fourth["hours/m1 (1).csv"].kind == "exams"
    assert {r.path: r.same_as for r in ingest(ws, "fifth")} == {"exams/m1.csv": None, "hours/m1 (1).csv": None}


@pytest.mark.parametrize("copy", ["m1 (1).csv", "zz-m1-copy.csv"])  # read before and after the twin's new version
def test_a_correction_of_the_counted_twin_still_counts_after_the_copy(tmp_path, copy):
    """A re-downloaded copy counted once through exams/m1.csv; the learner overwrites m1.csv with a corrected export
    of the same attempt. Before: the copy, loaded in that run, came later and its old marks counted, unsaid."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    ingest(ws, "first")
    (ws.inbox / "exams" / copy).write_text(EXPORT)
    assert {r.path: r.status for r in ingest(ws, "second")}[f"exams/{copy}"] == "unchanged"
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT.replace("Data Store Management,false", "Data Store Management,true"))
    third = {r.path: r.status for r in ingest(ws, "third")}
    assert third["exams/m1.csv"] == "replaced" and third[f"exams/{copy}"] in ("loaded", "replaced")
    con = connect(ws.db_path)
    try:
        for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
            con.execute(read_sql(model))
        assert con.execute("SELECT l.path, count(*), count(*) FILTER (a.correct) FROM staging.answers a "
                           "JOIN staging.current_loads l USING (load_id) GROUP BY ALL").fetchall() == [("exams/m1.csv", 2, 2)]
    finally:
        con.close()


def test_one_rule_says_whether_a_format_fits_its_folder():
    """`fits_folder` serves both the load order of copies and run's folder hint."""
    from sources.kinds import fits_folder

    assert fits_folder("toggl", "hours") and fits_folder("anki", "exams") and fits_folder("anki", "hours")
    assert not fits_folder("toggl", "exams") and not fits_folder("per_question_csv", "notes")
    assert fits_folder(None, "notes")  # no format (unreadable): nothing to say


def test_kind_follows_the_format_and_a_file_in_another_kinds_folder_gets_a_hint(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    toggl = ws.inbox / "exams" / "toggl.csv"
    toggl.write_text("Description,Project,Start date,Start time,Duration\nGlue,DEA,2026-11-20,10:00:00,00:30:00\n")
    (ws.inbox / "hours" / "m1.csv").write_text(EXPORT)
    (ws.inbox / "exams" / "glue.md").write_text("# AWS Glue\nCrawlers fill the Data Catalog.\n")
    proc = run_cli("run", "-w", str(ws.root), "--json")
    kinds = {f["path"]: (f["status"], f["kind"]) for f in json.loads(proc.stdout)["files"]}
    assert kinds == {"exams/toggl.csv": ("loaded", "hours"), "hours/m1.csv": ("loaded", "exams"),
                     "exams/glue.md": ("loaded", "notes")}
    assert "exams/toggl.csv: read as toggl (hours), though it sits in inbox/exams: it loads and counts as hours" \
        in proc.stderr
    assert "hours/m1.csv: read as per_question_csv (exams), though it sits in inbox/hours" in proc.stderr
    assert "exams/glue.md: read as markdown_notes (notes), though it sits in inbox/exams" in proc.stderr
    hints = [line for line in proc.stderr.splitlines() if "though it sits in" in line]
    assert len(hints) == 3
    # The no-op run says them again, from the last run's record: without importing the adapters (pandas).
    no_op = subprocess.run([sys.executable, "-c", CLI_WITH_MODULES_REPORT, str(ws.root)], capture_output=True,
                           text=True, timeout=300)
    assert {f["status"] for f in json.loads(no_op.stdout)["files"]} == {"unchanged"}, no_op.stderr[-2000:]
    assert [line for line in no_op.stderr.splitlines() if "though it sits in" in line] == hints
    assert json.loads(no_op.stderr.strip().splitlines()[-1]) == []  # neither pandas nor dagster imported
    again = run_cli("run", "-w", str(ws.root), env={"EXAMREADY_FULL_RUN": "1"})  # a full run: said again too
    assert "unchanged exams/toggl.csv" in again.stdout
    assert [line for line in again.stderr.splitlines() if "though it sits in" in line] == hints
    (ws.inbox / "notes").mkdir(exist_ok=True)
    (ws.inbox / "exams" / "glue.md").rename(ws.inbox / "notes" / "glue.md")  # moved to its place: not said
    moved = run_cli("run", "-w", str(ws.root))
    assert "glue.md" not in "".join(line for line in moved.stderr.splitlines() if "though it sits in" in line)
    assert len([line for line in moved.stderr.splitlines() if "though it sits in" in line]) == 2
    [inspected] = json.loads(run_cli("inspect", "-w", str(ws.root), str(toggl), "--json").stdout)
    assert inspected["kind"] == kinds["exams/toggl.csv"][1]
