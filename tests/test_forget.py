"""`examready forget` (rows of a file removed from the inbox stop counting; raw keeps them) and what
`examready quarantine` lists."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from examready.quarantine_text import line_ranges
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def _counts(ws) -> dict:
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        return {"raw": con.execute("SELECT count(*) FROM raw.answers").fetchone()[0],
                "staged": con.execute("SELECT count(*) FROM staging.answers").fetchone()[0],
                "attempts": con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]}


def test_forget_a_removed_export_and_bring_it_back(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    bad_row = "td-set1,2026-02-09 21:05,Tutorials Dojo,99,Domain 1: Data Ingestion and Transformation,1.1,maybe,60,0.5\n"
    (exams / "td.csv").write_text((FIXTURES / "td_per_question.csv").read_text() + bad_row)
    (exams / "other.csv").write_text((FIXTURES / "td_per_question.csv").read_text().replace("td-set1", "td-set9"))
    run_cli("run", "-w", str(ws.root))
    both = _counts(ws)
    assert run_json("quarantine", "-w", str(ws.root))["quarantined"]  # td.csv has held-back rows

    refused = run_cli("forget", "-w", str(ws.root), "exams/td.csv", check=False)
    assert refused.returncode == 2 and "still in the inbox" in refused.stderr
    unknown = run_cli("forget", "-w", str(ws.root), "exams/nope.csv", check=False)
    assert unknown.returncode == 2 and "no loaded version" in unknown.stderr and "exams/td.csv" in unknown.stderr

    kept = tmp_path / "td.csv"
    shutil.move(exams / "td.csv", kept)
    removed = run_cli("run", "-w", str(ws.root))  # removing the file alone changes nothing, and the run says so
    assert "1 file(s) no longer in the inbox are still loaded: exams/td.csv" in removed.stderr
    assert _counts(ws) == both
    assert run_json("forget", "-w", str(ws.root), str(kept.parent / "ws" / "inbox" / "exams" / "td.csv")) == {
        "files": [{"path": "exams/td.csv", "status": "withdrawn"}]}  # a path to the (removed) file works too
    assert "no longer in the inbox" not in run_cli("run", "-w", str(ws.root)).stderr
    twice = run_cli("forget", "-w", str(ws.root), "exams/td.csv", check=False)
    assert twice.returncode == 2 and "exams/td.csv is already forgotten" in twice.stderr
    after = _counts(ws)
    assert after["raw"] == both["raw"]  # nothing deleted
    assert after["attempts"] == both["attempts"] - 1 and 0 < after["staged"] < both["staged"]
    assert all(r["path"] != "exams/td.csv" for r in run_json("quarantine", "-w", str(ws.root))["quarantined"])

    shutil.move(kept, exams / "td.csv")  # brought back: loaded again, counts again
    statuses = {f["path"]: f["status"] for f in run_json("run", "-w", str(ws.root))["files"]}
    assert statuses["exams/td.csv"] in ("loaded", "replaced") and statuses["exams/other.csv"] == "unchanged"
    again = _counts(ws)
    assert (again["staged"], again["attempts"]) == (both["staged"], both["attempts"]) and again["raw"] > both["raw"]


@pytest.mark.parametrize("lines, text", [([7], "7"), ([2, 3, 4, 9, 11, 12], "2-4, 9, 11-12"), ([5, 3, 4, 4], "3-5")])
def test_line_ranges(lines, text):
    assert line_ranges(lines) == text


def test_quarantine_text_gives_one_line_per_reason(tmp_path):
    """Eighteen rows with the same reason read as one line with their line numbers, not eighteen."""
    ws = new_workspace(tmp_path / "ws")
    head = (FIXTURES / "td_per_question.csv").read_text().splitlines()[0]
    rows = [f"td-set1,2026-02-09 21:05,Tutorials Dojo,{q},Domain 1: Data Ingestion and Transformation,1.1,maybe,60,0.5"
            for q in range(1, 19)] + ["td-set1,2026-02-09 21:05,Tutorials Dojo,19,Domain 1,1.1,true,60,0.5"]
    (ws.inbox / "exams" / "td.csv").write_text("\n".join([head, *rows]) + "\n")
    run_cli("run", "-w", str(ws.root))
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert text.startswith("held back: 18 lines (1 reason) in 1 file, 0 rejected files\n")
    assert ("exams/td.csv lines 2-19 (18 lines) [correct] correct/incorrect 'maybe' is not true/false, yes/no, 1/0 "
            "or correct/incorrect (correct_not_null)") in text and text.count("[correct]") == 1
    (ws.inbox / "exams" / "td.csv").unlink()  # removed, not yet forgotten: its rows still count, and it says how not to
    assert "no longer in the inbox: `examready forget exams/td.csv` stops counting it" in \
        run_cli("quarantine", "-w", str(ws.root)).stdout
