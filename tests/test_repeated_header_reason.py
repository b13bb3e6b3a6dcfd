"""A row repeating the header (two exports pasted into one file) is held back for that, with one reason naming the
header's line. Before, it was held back for the cells it could not read ('date taken 'taken_at' is not a date',
'label 'domain' matches no exam domain', …), and `run` and `inspect` warned about its 'seconds' and 'confidence'
cells and its service label 'service' (exploratory probe, session 23)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from sources.csvfast import FAST_MIN_BYTES
from sources.csvread import read_csv
from sources.ragged_rows import REPEATED_HEADER
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
# (fixture, inbox folder): every CSV format with rows of its own, one of each kind of adapter
PASTED = [("td_per_question.csv", "exams"), ("udemy_per_question_semicolon.csv", "exams"),
          ("td_domain_summary.csv", "exams"), ("skillbuilder_summary.csv", "exams"),
          ("moodle_grades.csv", "exams"), ("toggl_detailed.csv", "hours"), ("clockify_detailed.csv", "hours"),
          ("plain_hours.csv", "hours")]


def pasted(text: str, after: int = 2) -> tuple[str, int]:
    """The text with its header line again after `after` data rows, and that line's number."""
    lines = text.lstrip("\ufeff").splitlines()
    return "\n".join([*lines[:after + 1], lines[0], *lines[after + 1:]]) + "\n", after + 2


def test_csvread_gives_the_repeated_header_its_own_reason_on_both_readers(tmp_path):
    header = "attempt_id,taken_at,question_id,domain,correct,seconds"
    row = "mock-1,2026-11-03 19:00,Q{n},Domain 1: Data Ingestion and Transformation,TRUE,{n}"
    small, line = pasted("\n".join([header, *(row.format(n=n) for n in range(1, 6))]))
    (tmp_path / "small.csv").write_text(small)
    rows = FAST_MIN_BYTES // len(row) + 100  # read by DuckDB (csvfast.read_frame)
    big, big_line = pasted("\n".join([header, *(row.format(n=n) for n in range(1, rows))]), after=rows // 2)
    (tmp_path / "big.csv").write_text(big)
    assert (tmp_path / "big.csv").stat().st_size >= FAST_MIN_BYTES
    for name, at in (("small.csv", line), ("big.csv", big_line)):
        problems = read_csv(tmp_path / name).attrs["row_problems"]
        assert problems == {at: f"{REPEATED_HEADER} (line 1): two exports pasted into one file? It holds no data; "
                                "the rows before and after it are read"}, name


def test_the_header_line_is_named_below_title_lines(tmp_path):
    text = (INPUTS.parent / "titled" / "td_results_with_title.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header_at = next(i for i, ln in enumerate(lines) if ln.startswith("Domain,"))
    (tmp_path / "titled.csv").write_text("\n".join([*lines[:header_at + 2], lines[header_at],
                                                    *lines[header_at + 2:]]) + "\n")
    problems = read_csv(tmp_path / "titled.csv").attrs["row_problems"]
    assert list(problems) == [header_at + 3]
    assert problems[header_at + 3].startswith(f"{REPEATED_HEADER} (line {header_at + 1}):")


def test_a_ragged_row_keeps_its_own_reason(tmp_path):
    (tmp_path / "r.csv").write_text("a,b,c\n1,2,3\na,b\na,b,c\n")
    problems = read_csv(tmp_path / "r.csv").attrs["row_problems"]
    assert problems[3].startswith("the row has 2 of 3 cells") and problems[4].startswith(REPEATED_HEADER)


@pytest.fixture(scope="module")
def pasted_workspace(tmp_path_factory):
    """One run over every format's fixture, each with its header pasted in again after two rows, and the
    same fixtures as exported in a second workspace: (workspace, lines of the repeats, run, the other's db)."""
    root = tmp_path_factory.mktemp("pasted")
    ws, plain = new_workspace(root / "pasted"), new_workspace(root / "plain")
    repeats = {}
    for name, kind in PASTED:
        text, line = pasted((INPUTS / name).read_text(encoding="utf-8-sig"))
        (ws.inbox / kind / name).write_text(text)
        shutil.copy(INPUTS / name, plain.inbox / kind / name)
        repeats[f"{kind}/{name}"] = line
    for space in (ws, plain):
        shutil.copy(INPUTS / "moodle_grades_map.csv", space.inbox / "exams" / "moodle_grades_map.csv")
    run = run_cli("run", "-w", str(ws.root), "--json")
    run_cli("run", "-w", str(plain.root), "--json")
    return ws, repeats, run, plain.db_path


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _held_rows(db: Path, path: str, line: int) -> int:
    sql = "SELECT count(DISTINCT line_row) FROM raw.quarantine WHERE path = ? AND line = ?"
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, [path, line]).fetchone()[0]


def test_each_repeated_header_is_held_back_for_that_alone(pasted_workspace):
    ws, repeats, _, _ = pasted_workspace
    held = _rows(ws.db_path, "SELECT q.path, line, check_name, reason FROM raw.quarantine q JOIN raw.file_events e "
                             "USING (load_id) WHERE e.status IN ('loaded', 'replaced')")
    for path, line in repeats.items():
        at_line = {(check, reason) for p, n, check, reason in held if p == path and n == line}  # Moodle: a row
        assert len(at_line) == 1, (path, at_line)  # per question column, each held back for the same reason
        check, reason = at_line.pop()
        assert check == "cells_match_header" and reason.startswith(f"{REPEATED_HEADER} (line 1): two exports"), path


def test_the_other_rows_load_as_from_the_file_as_exported(pasted_workspace):
    ws, repeats, _, plain_db = pasted_workspace
    counts = ("SELECT path, rows_loaded, rows_quarantined FROM raw.file_events WHERE status IN ('loaded', 'replaced') "
              "ORDER BY path")
    pasted_counts, plain_counts = _rows(ws.db_path, counts), _rows(plain_db, counts)
    assert [p for p, *_ in pasted_counts] == [p for p, *_ in plain_counts] and len(plain_counts) == len(PASTED) + 1
    for (path, loaded, held), (_, loaded_plain, held_plain) in zip(pasted_counts, plain_counts):
        pasted_in = _held_rows(ws.db_path, path, repeats[path]) if path in repeats else 0  # Moodle: 5 rows
        assert loaded == loaded_plain and held == held_plain + pasted_in and (pasted_in > 0) == (path in repeats), path


def test_run_and_inspect_say_nothing_else_of_the_line(pasted_workspace):
    ws, repeats, run, _ = pasted_workspace
    for path, line in repeats.items():
        assert f"(line {line})" not in run.stderr and f"lines {line}," not in run.stderr, (path, run.stderr)
        said = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / path)).stdout
        about = [ln for ln in said.splitlines() if f"line {line}" in ln or f"lines {line}," in ln]
        assert len(about) == 1 and "1 line where the header is repeated (two exports pasted into one file?)" \
            in about[0], (path, said)


def test_a_large_export_of_one_learner_with_its_header_repeated_is_held_back_alike(tmp_path, monkeypatch, capsys):
    """The bulk path (files of 4 MiB or more) leaves such a file to the pandas path: before, only a cohort file's
    learner cell sent it there, and a learner's own export kept the old reasons on the bulk path."""
    from sources import csvfast
    from tests.test_bulk_ingest import _both_paths

    monkeypatch.setattr(csvfast, "FAST_MIN_BYTES", 0)  # the pandas path reads it by DuckDB, as a large file
    header = "attempt_id,taken_at,question_id,domain,correct,seconds"
    rows = [f"mock-{n // 65},2026-05-0{1 + n // 65} 19:00,Q{n % 65},Domain {1 + n % 4},{'TRUE' if n % 3 else 'FALSE'},"
            f"{40 + n}" for n in range(260)]
    text, line = pasted("\n".join([header, *rows]), after=130)
    (tmp_path / "big.csv").write_text(text)
    (tmp_path / "answers").mkdir()
    db, report = _both_paths(tmp_path / "answers", tmp_path / "big.csv", monkeypatch)
    assert "repeats the header" in capsys.readouterr().err
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (261, 260, 1)
    held = _rows(db, "SELECT line, check_name, reason FROM raw.quarantine")
    assert [(n, check) for n, check, _ in held] == [(line, "cells_match_header")]
    assert held[0][2].startswith(f"{REPEATED_HEADER} (line 1): two exports pasted into one file?")
