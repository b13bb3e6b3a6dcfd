"""A file whose name is not UTF-8 (copied from a system writing another encoding: 'résultats' in Latin-1)
is rejected, named with its bytes as \\xNN, and the other files load. Before: DuckDB refused the name's
text ('cannot encode str as UTF-8, surrogate'), so every run failed and nothing else counted."""
from __future__ import annotations

import json
import os

import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from tests.test_sensors import evaluate
from warehouse.inbox_names import inbox_name, inbox_path

EXPORT = "Test,Date,Question,Domain,Correct\n{test},2026-11-14,1,Domain 1,true\n"
LATIN1_NAME = os.fsdecode(b"r\xe9sultats.csv")  # as Python lists it: the byte kept as a surrogate


@pytest.mark.parametrize("name, shown", [("exams/ok.csv", "exams/ok.csv"), ("exams/résultats.csv", "exams/résultats.csv"),
                                         (f"exams/{LATIN1_NAME}", "exams/r\\xe9sultats.csv")])
def test_a_name_is_shown_as_utf8_and_leads_back_to_its_file(tmp_path, name, shown):
    (tmp_path / "exams").mkdir()
    path = tmp_path / name
    path.write_text("x")
    assert inbox_name(path, tmp_path) == shown
    assert inbox_path(tmp_path, shown) == path and inbox_path(tmp_path, shown).exists()


def test_a_file_named_with_the_escape_text_itself_is_that_file(tmp_path):
    literal = tmp_path / "r\\xe9sultats.csv"  # a name that really holds a backslash, x, e and 9
    literal.write_text("x")
    assert inbox_path(tmp_path, "r\\xe9sultats.csv") == literal


def test_a_file_whose_name_is_not_utf8_is_rejected_and_the_others_count(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "ok.csv").write_text(EXPORT.format(test="N2"))
    (ws.inbox / "exams" / LATIN1_NAME).write_text(EXPORT.format(test="N1"))
    root = str(ws.root)
    first = run_cli("run", "-w", root, "--json", check=False)
    assert first.returncode == 1, first.stderr[-2000:]  # 1: a file rejected; not a failed run
    report = json.loads(first.stdout)
    files = {f["path"]: f for f in report["files"]}
    assert files["exams/ok.csv"]["status"] == "loaded" and report["pages"]
    bad = files["exams/r\\xe9sultats.csv"]
    assert bad["status"] == "rejected" and bad["still_counts"] is False
    assert bad["error"].startswith("exams/r\\xe9sultats.csv: its name is not UTF-8") and "rename the file" in bad["error"]

    again = run_cli("run", "-w", root, "--json", check=False)  # the no-op run reports it the same way
    assert again.returncode == 1 and json.loads(again.stdout)["files"] == [{**files["exams/ok.csv"], "status": "unchanged",
                                                                            "rows_in": 0, "rows_loaded": 0}, bad]
    listed = json.loads(run_cli("quarantine", "-w", root, "--json").stdout)["rejected"]
    assert [r["path"] for r in listed] == ["exams/r\\xe9sultats.csv"]
    runs, skip, cursor = evaluate(ws)  # the inbox sensor: the ledger has settled it, no run for it
    runs, skip, _ = evaluate(ws, cursor)
    assert runs == [], skip

    (ws.inbox / "exams" / LATIN1_NAME).rename(ws.inbox / "exams" / "résultats.csv")
    fixed = {f["path"]: f["status"] for f in json.loads(run_cli("run", "-w", root, "--json").stdout)["files"]}
    assert fixed == {"exams/ok.csv": "unchanged", "exams/résultats.csv": "loaded"}
    assert json.loads(run_cli("quarantine", "-w", root, "--json").stdout)["rejected"] == []
