"""A rejected file's error names it as every report does, relative to the inbox (exams/weird.csv), not by the
absolute path the parser was handed; an error recorded so by an older version is shown relative too."""
from __future__ import annotations

import json

import duckdb

from tests.conftest import run_cli, run_json

WEIRD = "name,score\nann,3\n"


def test_a_rejected_files_error_names_it_relative_to_the_inbox(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    (ws / "inbox" / "exams" / "weird.csv").write_text(WEIRD, encoding="utf-8")
    proc = run_cli("run", "-w", str(ws), "--json", check=False)
    assert proc.returncode == 1, proc.stderr
    (rejected,) = [f for f in json.loads(proc.stdout)["files"] if f["status"] == "rejected"]
    assert rejected["path"] == "exams/weird.csv", rejected
    assert rejected["error"].startswith("exams/weird.csv:1: unknown file format"), rejected
    listed = run_json("quarantine", "-w", str(ws))["rejected"]
    assert [(r["path"], r["error"]) for r in listed] == [("exams/weird.csv", rejected["error"])], listed
    (line,) = [t for t in run_cli("run", "-w", str(ws), check=False).stdout.splitlines() if t.startswith("rejected ")]
    assert "— exams/weird.csv:1: unknown file format" in line and str(ws) not in line, line


def test_an_error_recorded_with_an_absolute_path_is_shown_relative(tmp_path):
    """As 38afa64 recorded it, and from a folder the workspace was moved from since."""
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    (ws / "inbox" / "exams" / "weird.csv").write_text(WEIRD, encoding="utf-8")
    run_cli("run", "-w", str(ws), check=False)
    with duckdb.connect(str(ws / "warehouse.duckdb")) as con:
        con.execute("UPDATE raw.file_events SET error = ? || error WHERE status = 'rejected'",
                    [str(tmp_path / "old-home" / "inbox") + "/"])
    (error,) = [r["error"] for r in run_json("quarantine", "-w", str(ws))["rejected"]]
    assert error.startswith("exams/weird.csv:1: unknown file format") and "old-home" not in error, error
