"""A file renamed, then its old name forgotten as `run` advises ('`examready forget OLD` then `examready run`
records it under the new name, with the same counts'), counts the same: its bytes keep their place among
loads. Before (found by an exploratory probe): loaded again under the new name as the latest load, an older
export of an attempt replaced the newer one (D1 67.3 % on 3 questions -> 52.2 % on 2) and a study entry
overlapped by a later file took the time back from it (D1/D2 hours 1.0/1.0 -> 1.5/0.5)."""
from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

EXPORT = "Attempt,Date,Question,Domain,Correct\n"
OLD = EXPORT + "TD-1,2026-11-20,1,Domain 1,false\nTD-1,2026-11-20,2,Domain 1,false\n"
NEW = EXPORT + "".join(f"TD-1,2026-11-20,{q},Domain 1,true\n" for q in (1, 2, 3))
TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,"
         "Tags,Amount ()\nAlex,a@x.org,,DEA-C01,{domain},{what},No,2026-11-03,{start},2026-11-03,{end},{length},,\n")


def _domains(root: str) -> list[tuple]:
    report = json.loads(run_cli("readiness", "-w", root, "--json").stdout)
    return [(d["id"], d["readiness"], d["questions"], d["hours"]) for d in report["domains"]]


def _rename_then_forget(ws, old: str, new: str) -> dict:
    root = str(ws.root)
    (ws.inbox / old).rename(ws.inbox / new)
    run_cli("run", "-w", root)
    run_cli("forget", "-w", root, old)
    return {f["path"]: f["status"] for f in json.loads(run_cli("run", "-w", root, "--json").stdout)["files"]}


def test_an_older_export_renamed_and_forgotten_does_not_replace_the_newer_one(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    (ws.inbox / "exams" / "old-export.csv").write_text(OLD)
    run_cli("run", "-w", root)
    (ws.inbox / "exams" / "new-export.csv").write_text(NEW)  # the same attempt exported again, later
    run_cli("run", "-w", root)
    before = _domains(root)
    assert before[0][2] == 3  # the newer export's three answers count
    statuses = _rename_then_forget(ws, "exams/old-export.csv", "exams/old-export-renamed.csv")
    assert statuses["exams/old-export-renamed.csv"] in ("loaded", "replaced")
    assert _domains(root) == before


def test_a_study_log_renamed_and_forgotten_keeps_the_time_a_later_file_took(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    (ws.inbox / "hours" / "a.csv").write_text(TOGGL.format(domain="Domain 1", what="Glue", start="07:00:00",
                                                           end="08:30:00", length="01:30:00"))
    run_cli("run", "-w", root)
    (ws.inbox / "hours" / "b.csv").write_text(TOGGL.format(domain="Domain 2", what="Redshift", start="08:00:00",
                                                           end="09:00:00", length="01:00:00"))
    run_cli("run", "-w", root)
    before = _domains(root)
    assert [d[3] for d in before[:2]] == [1.0, 1.0]  # a's last half hour is b's: b was loaded later
    assert _rename_then_forget(ws, "hours/a.csv", "hours/a-renamed.csv")["hours/a-renamed.csv"] == "loaded"
    assert _domains(root) == before
    listed = json.loads(run_cli("quarantine", "-w", root, "--json").stdout)["overlapping"]
    assert [(o["path"], o["counted_minutes"], o["overlaps_path"]) for o in listed] == [
        ("hours/a-renamed.csv", 60, "hours/b.csv")]


def test_a_file_forgotten_then_put_back_counts_again(tmp_path):
    """Put back under its own name, a forgotten export is a new load of that path and counts again. A first
    version of the rule above gave it its old load's place, before its withdrawal, so the withdrawal stayed
    the path's latest row: `replaced`, yet counting nothing (found by a probe of the CLI)."""
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    (ws.inbox / "exams" / "new-export.csv").write_text(NEW)
    (ws.inbox / "exams" / "other.csv").write_text(OLD.replace("TD-1", "TD-2").replace("Domain 1", "Domain 2"))
    run_cli("run", "-w", root)
    before = _domains(root)
    (ws.inbox / "exams" / "new-export.csv").rename(tmp_path / "aside.csv")
    run_cli("forget", "-w", root, "exams/new-export.csv")
    run_cli("run", "-w", root)
    assert _domains(root)[0][2] == 0  # forgotten: D1's three answers no longer count
    (tmp_path / "aside.csv").rename(ws.inbox / "exams" / "new-export.csv")
    statuses = {f["path"]: f["status"] for f in json.loads(run_cli("run", "-w", root, "--json").stdout)["files"]}
    assert statuses == {"exams/new-export.csv": "replaced", "exams/other.csv": "unchanged"}
    assert _domains(root) == before
