"""A note's file name is its title, and names the services its text before the first heading is about: a note
renamed or copied under another name is a note of its own. Before (found by an exploratory probe of the notes):
notes were told apart by their bytes alone, so `Untitled.md` renamed `AWS Glue.md` kept counting as
'Untitled' (AWS Glue stayed a gap though `inspect` named it, and `run` said 'nothing to do … with the same
counts'), and of two template notes `AWS DataSync.md` / `AWS Transfer Family.md` with the same text only the
first counted. Also: a note dated by a modification time ahead of the clock was held back as 'in the future'."""
from __future__ import annotations

import json
import os
import time

import duckdb

from tests.conftest import run_cli
from tests.helpers_workspace import ingest, new_workspace

TEMPLATE = "Transfers files on a schedule; agent on premises.\n\n## Pricing\nper GB copied\n"


def _note_services(ws) -> dict[str, list]:
    """{title: services of the note's text before its first heading} in raw."""
    con = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        rows = con.execute("SELECT title, services FROM raw.note_sections WHERE level = 0").fetchall()
    finally:
        con.close()
    return {title: sorted(services) for title, services in rows}


def _statuses(reports) -> dict[str, str]:
    return {r.path: r.status for r in reports}


def test_copies_of_a_template_under_two_service_names_both_count(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name in ("AWS DataSync.md", "AWS Transfer Family.md"):
        (ws.inbox / "notes" / name).write_text(TEMPLATE)
    assert _statuses(ingest(ws)) == {"notes/AWS DataSync.md": "loaded", "notes/AWS Transfer Family.md": "loaded"}
    assert _note_services(ws) == {"AWS DataSync": ["AWS DataSync"], "AWS Transfer Family": ["AWS Transfer Family"]}


def test_a_renamed_note_counts_under_its_new_title_once_the_old_name_is_forgotten(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    (ws.inbox / "notes" / "Untitled.md").write_text("Crawlers infer schemas into the Data Catalog.\n")
    run_cli("run", "-w", root)
    (ws.inbox / "notes" / "Untitled.md").rename(ws.inbox / "notes" / "AWS Glue.md")
    proc = run_cli("run", "-w", root, "--json")
    assert {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]} == {"notes/AWS Glue.md": "loaded"}
    assert "no longer in the inbox are still loaded: notes/Untitled.md" in proc.stderr
    assert "was renamed" not in proc.stderr  # not 'nothing to do … with the same counts': it reads differently
    run_cli("forget", "-w", root, "notes/Untitled.md")
    run_cli("run", "-w", root)
    glue = next(s for s in json.loads(run_cli("gaps", "-w", root, "--json").stdout)["services"]
                if s["name"] == "AWS Glue")
    assert glue["note_sections"] == 1 and glue["status"] != "gap", glue


def test_a_note_whose_file_time_is_ahead_of_the_clock_is_dated_today(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "Amazon EMR.md"
    note.write_text("Clusters, steps and EMR Serverless.\n")
    ahead = time.time() + 90 * 86400  # synced from a machine whose clock is three months ahead
    os.utime(note, (ahead, ahead))
    assert [(r.rows_loaded, r.rows_quarantined) for r in ingest(ws)] == [(1, 0)]
    con = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        dated = con.execute("SELECT note_date::DATE = current_date FROM raw.note_sections").fetchall()
    finally:
        con.close()
    assert dated == [(True,)]
