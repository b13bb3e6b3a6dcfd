"""A sitting exported again under another name with fewer of its rows (a page of the results saved on its own)
replaces the fuller export, as a re-export does, and the run says so, naming how to count the fuller one again.
Before (session 34's bug hunt), 35 of a mock's 65 answers stopped counting with nothing said."""
from __future__ import annotations

import pytest

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_ingest import NOW, messy_csv
from warehouse import bulk_answers
from warehouse.connection import open_warehouse
from warehouse.inbox import InboxFile, file_sha256
from warehouse.ingest import ingest_file

HEADER = "attempt,taken_at,question,domain,correct\n"


def _mock(questions: range) -> str:
    return HEADER + "".join(f"mock-07,2026-11-20 19:{q:02d},{q},Domain {1 + q % 4},{'true' if q % 3 else 'false'}\n"
                            for q in questions)


def _questions(ws) -> int:
    return sum(d["questions"] for d in run_json("readiness", "-w", str(ws.root), "--as-of", "2026-11-30")["domains"])


def test_a_part_of_a_sitting_exported_apart_is_said_and_forget_counts_the_whole_again(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock-07.csv").write_text(_mock(range(1, 41)), encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "mock-07-page1.csv").write_text(_mock(range(1, 16)), encoding="utf-8")
    proc = run_cli("run", "-w", str(ws.root))
    assert ("examready: exams/mock-07-page1.csv: this file's attempt 'mock-07' (15 rows; 40 in exams/mock-07.csv, "
            "whose other 25 no longer count) replaces the export loaded before") in proc.stderr
    assert "`examready forget exams/mock-07-page1.csv` to count the fuller export again" in proc.stderr
    assert _questions(ws) == 15  # the documented re-export rule, now said

    (ws.inbox / "exams" / "mock-07-page1.csv").unlink()
    run_cli("forget", "-w", str(ws.root), "exams/mock-07-page1.csv")
    run_cli("run", "-w", str(ws.root))
    assert _questions(ws) == 40


def test_a_fuller_reexport_is_not_said(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "mock-07-page1.csv").write_text(_mock(range(1, 16)), encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "mock-07-full.csv").write_text(_mock(range(1, 41)), encoding="utf-8")
    assert "replaces the export loaded before" not in run_cli("run", "-w", str(ws.root)).stderr
    assert _questions(ws) == 40


@pytest.mark.parametrize("bulk", [True, False])
def test_both_ingestion_paths_say_it(tmp_path, monkeypatch, capsys, bulk):
    """A class export (the bulk path for large files) and its first 100 rows saved apart: both paths say it."""
    full = messy_csv(tmp_path / "export.csv", rows=300, learners=("ana", "ben"))
    part = tmp_path / "export-part.csv"
    part.write_text("".join(full.read_text().splitlines(keepends=True)[:101]))
    monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
    with open_warehouse(tmp_path / "w.duckdb") as con:
        reports = [ingest_file(con, InboxFile(f, f"exams/{f.name}", "exams", file_sha256(f)),
                               load_blueprint("DEA-C01"), "me", "r", parse_file, NOW) for f in (full, part)]
    assert [r.status for r in reports] == ["loaded", "replaced"]
    err = capsys.readouterr().err
    assert "exams/export-part.csv: this file's attempt" in err and "in exams/export.csv, whose other" in err
