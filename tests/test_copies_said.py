"""A copy is named for what it is: a second copy of a renamed file's content gets its own "same bytes" line
(before: `unchanged` and no word of it), and `forget` of a copy says which loaded name counts its bytes and
what to do (before: "no loaded version to forget", with no reason)."""
from __future__ import annotations

import json
import shutil

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

EXPORT = ("attempt_id,taken_at,question_id,domain,correct\n"
          "m1,2026-11-20 10:00,1,Data Ingestion and Transformation,true\n"
          "m1,2026-11-20 10:01,2,Data Store Management,false\n")


def test_a_second_copy_of_a_renamed_file_is_named_and_counts_once(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    exams = ws.inbox / "exams"
    (exams / "m1.csv").write_text(EXPORT)
    run_cli("run", "-w", root)
    (exams / "old").mkdir()
    (exams / "m1.csv").rename(exams / "old" / "m1.csv")
    shutil.copy(exams / "old" / "m1.csv", exams / "m1-copy.csv")
    said = run_cli("run", "-w", root).stderr
    assert "exams/m1.csv was renamed: its content, now at exams/m1-copy.csv, is loaded and counts once" in said
    assert ("exams/old/m1.csv has the same bytes as exams/m1-copy.csv (the content of exams/m1.csv, renamed): "
            "loaded once, counted under exams/m1.csv") in said
    report = json.loads(run_cli("readiness", "-w", root, "--json").stdout)
    assert sum(d["questions"] for d in report["domains"]) == 2


def test_forget_of_a_copy_names_the_loaded_file_that_counts_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root = str(ws.root)
    (ws.inbox / "exams" / "m1.csv").write_text(EXPORT)
    run_cli("run", "-w", root)
    (ws.inbox / "exams" / "m1-copy.csv").write_text(EXPORT)
    run_cli("run", "-w", root)
    refused = run_cli("forget", "-w", root, "exams/m1-copy.csv", check=False)
    assert refused.returncode != 0
    assert ("exams/m1-copy.csv was not loaded on its own: it has the same bytes as exams/m1.csv, which counts "
            "them once. To stop counting them, remove every copy of it from the inbox, then `examready forget "
            "exams/m1.csv`") in refused.stderr
    unknown = run_cli("forget", "-w", root, "exams/never.csv", check=False)
    assert "exams/never.csv: no loaded version to forget; files that count: exams/m1.csv" in unknown.stderr
