"""A quote opened and never closed swallows the rest of the file: the row says so, not that it is short."""
from __future__ import annotations

import json

import pytest

from sources.csvread import read_csv
from sources.csvfast import FAST_MIN_BYTES
from tests.conftest import run_cli
from tests.test_bulk_ingest import PQ, _load, _quarantine, assert_same_warehouse

HEADER = "attempt_id,taken_at,question_id,domain,correct,seconds\n"
ROW = "set-1,2026-02-09 21:05,{q},Domain 1,true,60"
UNCLOSED = 'an unclosed quote (") on line {} swallows the lines after it (close or remove the quote)'
SHORT = "the row has {} of 6 cells (cut short, or a delimiter missing)"


def rows(*lines: str, end: str = "\n") -> str:
    return end.join(lines) + end


@pytest.mark.parametrize("text, problems", [
    # the review's case: the first cell opens the quote, every later line is in it (1 of 6 cells)
    (HEADER + rows(ROW.format(q=1), '"' + ROW.format(q=2), ROW.format(q=3), ROW.format(q=4)), {3: UNCLOSED.format(3)}),
    (HEADER + rows(ROW.format(q=1), 'set-1,2026-02-09 21:05,2,"Domain 1,true,60', ROW.format(q=3)),
     {3: UNCLOSED.format(3)}),  # a middle cell: 4 of 6 cells
    (HEADER + rows(ROW.format(q=1), 'set-1,2026-02-09 21:05,2,Domain 1,true,"60', ROW.format(q=3)),
     {3: UNCLOSED.format(3)}),  # the last cell: 6 of 6 cells, one holding the lines after it
    (HEADER + rows('"' + ROW.format(q=1), ROW.format(q=2), end="\r\n"), {2: UNCLOSED.format(2)}),  # CRLF
    (HEADER.replace(",", ";") + rows(*[('"' if q == 2 else "") + ROW.format(q=q).replace(",", ";") for q in (1, 2, 3)]),
     {3: UNCLOSED.format(3)}),  # `;` delimited
    ("Practice Test 3\nExported on 2026-02-10\n" + HEADER + rows('"' + ROW.format(q=1), ROW.format(q=2)),
     {4: UNCLOSED.format(4)}),  # title lines above the header: the file's own line numbers
    (HEADER + rows('set-1,2026-02-09 21:05,1,Domain 1,true,"6\n0"', '"' + ROW.format(q=2), ROW.format(q=3)),
     {4: UNCLOSED.format(4)}),  # a closed quote holding a line break in a row above
    (HEADER + rows(ROW.format(q=1), '"set\n1",2026-02-09 21:05,2,"Domain 1,true,60', ROW.format(q=3)),
     {3: UNCLOSED.format(4)}),  # ... in a cell before it: the row starts on line 3, the quote opens on 4
    # unchanged: a quote opened on the last line swallows nothing (a row cut short); a closed one is no problem
    (HEADER + rows(ROW.format(q=1), 'set-1,2026-02-09 21:05,2,"Domain 1'), {3: SHORT.format(4)}),
    (HEADER + rows(ROW.format(q=1), 'set-1,2026-02-09 21:05,2,"Domain\n1",true,60'), {}),
])
def test_the_row_names_the_unclosed_quote_and_its_line(tmp_path, text, problems):
    path = tmp_path / "quiz.csv"
    path.write_bytes(text.encode())
    frame = read_csv(path)
    assert frame.attrs["row_problems"] == problems
    assert not frame.attrs["extra_cells"]


@pytest.mark.parametrize("at", [0, 1])
def test_both_ingest_paths_hold_the_row_for_its_quote(tmp_path, monkeypatch, at):
    """The bulk path (DuckDB) leaves the file to the pandas path, which holds the row with the same reason."""
    lines = [f"m1,2026-03-05 10:00,q{i},Domain 1,true,30" for i in range(4)]
    lines[at + 1] = '"' + lines[at + 1]
    csv = tmp_path / "quiz.csv"
    csv.write_text(PQ + "\n".join(lines) + "\n")
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report and (bulk.rows_in, bulk.rows_quarantined) == (at + 2, 1)
    assert_same_warehouse(db_bulk, db_pandas)
    assert _quarantine(db_bulk) == [(at + 3, "cells", "cells_match_header", UNCLOSED.format(at + 3))]


@pytest.mark.parametrize("questions", [3, 30_000])  # the second file is read by DuckDB first (csvfast)
def test_quarantine_names_the_unclosed_quote(tmp_path, questions):
    """`examready quarantine` after a real run: the review's broken.csv line 3, in a small and a large file."""
    lines = [f"student0{8 + (q == 1)}@bootcamp.io,Quiz X,2026-12-01 10:00,{q},D{q % 4 + 1},yes"
             for q in range(questions)]
    lines[1] = '"' + lines[1]
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    broken = root / "inbox" / "exams" / "broken.csv"
    broken.write_text("Email,Quiz,Date,Question,Domain,Correct\n" + "\n".join(lines) + "\n")
    assert (broken.stat().st_size >= FAST_MIN_BYTES) == (questions > 3)
    run_cli("run", "-w", str(root), check=False)
    held = json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)["quarantined"]
    assert [(r["path"], r["line"], r["reason"]) for r in held] == [("exams/broken.csv", 3, UNCLOSED.format(3))]
    text = run_cli("quarantine", "-w", str(root)).stdout
    assert f'exams/broken.csv:3 [cells] {UNCLOSED.format(3)}' in text
