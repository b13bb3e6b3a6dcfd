"""The bulk path (DuckDB reads, SQL checks) stores exactly what the pandas path stores for a file."""
from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from sources.sure_overlap import define_macros
from warehouse import bulk_answers
from warehouse.connection import open_warehouse
from warehouse.inbox import InboxFile, file_sha256
from warehouse.ingest import ingest_file

NOW = datetime(2026, 6, 1, 12, 0)
FIXTURES = Path(__file__).parent / "fixtures"
ANSWER_COLUMNS = ("learner_id, line, attempt_id, taken_at, provider, question_id, domain_label, task_label, "
                  "service_label, correct, seconds, confidence, source, domain_id, task_id, service, services")
LABELS = ["Domain 1: Data Ingestion and Transformation", " data store management ", "D3", "Domain 4",
          "Security & Governance", "Kinesis", "Astrology", "", "Data Operations and Support"]
CORRECT = ["true", "FALSE", "1", "0", "yes", "✓", "✗", "maybe", "", " Correct "]
SECONDS = ["45", "12,5", "1.234,5", "-3", "99999", "", "abc", "nan", "60 ", "1:12", "00:01:05", "35 sec", "1m 12s",
           "2 min", "1:75"]
DATES = ["2026-03-05 10:00", "2026-03-05T11:30:00", "05/03/2026 09:00", "31/03/2026", "not a date", "",
         "2027-01-01 10:00", "2026-04-01 10:00:00+02:00"]
QUESTIONS = ["q1", "q2", "AKIAABCDEFGHIJKLMNOP", "mail me: a.b@example.com", "password: hunter2", "q6"]


def messy_csv(path: Path, rows: int = 1500, seed: int = 7, delimiter: str = ",",
              learners=("ana", "ben", " cleo ", "")) -> Path:
    """Per-question rows with every kind of value a tool writes: spellings, junk, duplicates, secrets."""
    rng = random.Random(seed)
    lines = [delimiter.join(["Student", "Exam", "Date taken", "Question", "Domain", "Correct?", "Time spent",
                             "Confidence", "Platform"])]
    for _ in range(rows):
        cells = [rng.choice(learners), f"mock-{rng.randint(1, 4)}", rng.choice(DATES),
                 rng.choice(QUESTIONS) + str(rng.randint(1, 40)), rng.choice(LABELS), rng.choice(CORRECT),
                 rng.choice(SECONDS), rng.choice(["80%", "0.5", "4", "", "150"]), rng.choice(["TD", "", "Udemy"])]
        lines.append(delimiter.join(f'"{c}"' if delimiter in c else c for c in cells))
        if len(lines) % 500 == 0:  # a row of empty cells: skipped by both readers, like a blank line
            lines.append(delimiter * 8)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _load(tmp_path: Path, csv: Path, bulk: bool, monkeypatch, name: str):
    """Ingest one file into a fresh warehouse with the bulk path forced on or off."""
    monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
    db = tmp_path / f"{name}.duckdb"
    file = InboxFile(csv, f"exams/{csv.name}", "exams", file_sha256(csv))
    with open_warehouse(db) as con:
        report = ingest_file(con, file, load_blueprint("DEA-C01"), "me", "run-1", parse_file, NOW)
    return db, report


def _both_paths(tmp_path: Path, csv: Path, monkeypatch):
    """(bulk warehouse, its report) after loading csv on both paths: the same report and warehouse."""
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report
    assert_same_warehouse(db_bulk, db_pandas)
    return db_bulk, bulk


def _same(db_a: Path, db_b: Path, sql: str) -> tuple[int, int]:
    """(rows only in a, rows only in b) of one query run on both warehouses."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{db_a}' AS a (READ_ONLY); ATTACH '{db_b}' AS b (READ_ONLY)")
    only_a = con.execute(f"SELECT count(*) FROM ({sql.format(db='a')} EXCEPT ALL {sql.format(db='b')})").fetchone()[0]
    only_b = con.execute(f"SELECT count(*) FROM ({sql.format(db='b')} EXCEPT ALL {sql.format(db='a')})").fetchone()[0]
    return only_a, only_b


def assert_same_rows(db_bulk: Path, db_pandas: Path, queries: tuple[str, ...]) -> None:
    """Each query (`{db}` for the warehouse) gives the same rows, as a multiset, on both warehouses."""
    for sql in queries:
        only_bulk, only_pandas = _same(db_bulk, db_pandas, sql)
        assert (only_bulk, only_pandas) == (0, 0), f"{sql}: {only_bulk} rows only in bulk, {only_pandas} only in pandas"


def assert_same_warehouse(db_bulk: Path, db_pandas: Path) -> None:
    assert_same_rows(db_bulk, db_pandas, (
        f"SELECT {ANSWER_COLUMNS} FROM {{db}}.raw.answers",
        "SELECT line, table_name, column_name, check_name, reason FROM {db}.raw.quarantine",
        "SELECT * EXCLUDE (load_id, engine) FROM {db}.raw.validation_results",
        "SELECT * EXCLUDE (load_id, run_id, recorded_at) FROM {db}.raw.file_events"))


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_messy_file_gives_the_same_rows_quarantine_and_results(tmp_path, monkeypatch, delimiter, capsys):
    csv = messy_csv(tmp_path / "cohort.csv", delimiter=delimiter)
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report
    assert bulk.rows_in == 1500 and 0 < bulk.rows_quarantined < 1500 and bulk.secrets_masked > 0
    assert "reading it row by row instead" not in capsys.readouterr().err
    assert_same_warehouse(db_bulk, db_pandas)
    with duckdb.connect(str(db_bulk), read_only=True) as con:  # the path taken was the bulk one
        checks = {r[0] for r in con.execute("SELECT check_name FROM raw.quarantine").fetchall()}
        learners = {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.answers").fetchall()}
    assert {"taken_at_not_null", "taken_at_not_in_future", "domain_mapped", "correct_not_null",
            "seconds_in_range", "confidence_in_range", "unique_within_file"} <= checks
    assert learners == {"ana", "ben", "cleo", "me"}
    for db, engine in ((db_bulk, "duckdb_sql"), (db_pandas, "great_expectations")):
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT DISTINCT engine FROM raw.validation_results").fetchall() == [(engine,)]


@pytest.mark.parametrize("fixture", ["inputs/td_per_question.csv", "inputs/udemy_per_question_semicolon.csv",
                                     "bad/exams/duplicate-rows.csv", "bad/exams/unknown-domains.csv",
                                     "bad/exams/unreadable-values.csv", "bad/exams/formula-injection.csv",
                                     "bad/exams/duplicated-columns.csv", "bad/exams/truncated.csv"])
def test_fixtures_give_the_same_warehouse_on_both_paths(tmp_path, monkeypatch, fixture):
    csv = FIXTURES / fixture
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    # two `domain` columns that disagree: rejected (the pandas path's check), whichever path was asked
    assert bulk == pandas_report and bulk.status == ("rejected" if "duplicated" in fixture else "loaded")
    assert_same_warehouse(db_bulk, db_pandas)


@pytest.mark.parametrize("layout, reason", [
    (b"question,correct,domain\nq1,true,D1\n\nq2,false,D2\n", "blank line"),
    (b'question,correct,domain\n"q1\nsecond line",true,D1\nq2,false,D2\n', "line break in a cell"),
    ("question,correct,domain\nq1,true,Sécurité\n".encode("latin-1"), "Latin-1"),
    ("question,correct,domain\nq1,true,D1\n".encode("utf-16"), "UTF-16"),
    (b"sep=;\nquestion;correct;domain\nq1;true;D1\n", "Excel sep= line"),
])
def test_files_duckdb_would_read_differently_take_the_pandas_path(tmp_path, monkeypatch, layout, reason, capsys):
    csv = tmp_path / "odd.csv"
    csv.write_bytes(layout)
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert bulk.status == "loaded", reason
    if not layout.startswith(b"\xff\xfe"):  # UTF-16 is not even detected as the bulk format's text
        assert "reading it row by row instead" in capsys.readouterr().err


GLUED = "the file ends in a DOS end-of-file mark (Ctrl-Z) right after its last cell"


@pytest.mark.parametrize("end, fallback", [
    (b"\r\n\x1a", None), (b"\r\n\x1a\r\n", None), (b"\r\n\x1a\x1a", None),
    (b"\x1a", GLUED), (b"\x1a\r\n", GLUED),
])
def test_a_dos_end_of_file_mark_keeps_a_file_on_the_bulk_path(tmp_path, monkeypatch, capsys, end, fallback):
    """A Ctrl-Z ending the file after its last line is no row on the bulk path too (sources/csvfast.py DOS_END):
    the file stays on it. It fell back with 'rows with cells missing or too many; reading it row by row instead',
    and the row reader held nothing. Glued to the last cell it is left to the row reader, saying so (the bulk
    path read the domain 'D2\x1a', mapped to no domain, where the row reader reads 'D2')."""
    csv = tmp_path / "dos.csv"
    csv.write_bytes(b"date,question,correct,domain\r\n2026-03-05,q1,true,D1\r\n2026-03-05,q2,false,D2" + end)
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert (bulk.status, bulk.rows_loaded, bulk.rows_quarantined) == ("loaded", 2, 0)
    err = capsys.readouterr().err
    assert (f"{fallback}; reading it row by row instead" in err) if fallback else "row by row" not in err


@pytest.mark.parametrize("text, rows", [
    ("Question,Notes,Correct,Domain\nq1,,true,D1\n,only a note,,\n  q2 ,x, FALSE,D2 \n,,,\nq3,,1,  D3\n", 4),
    ("Question\tCorrect\tDomain\tExtra\n q1\ttrue\t D1\u00a0\t\n\t\t\tkept\nq2\t0\tD4\t\n", 3),
])
def test_cells_blank_but_for_an_unread_column_and_padded_cells_on_both_paths(tmp_path, monkeypatch, text, rows):
    """A row whose only non-blank cell is in a column the adapter ignores still counts (lines stay right)."""
    csv = tmp_path / "padded.csv"
    csv.write_text(text, encoding="utf-8")
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert bulk.rows_in == rows


def test_cohort_reexport_under_a_new_name_replaces_on_both_paths(tmp_path, monkeypatch):
    """Every row names its learner, none is the workspace's: the re-export is still recognised."""
    csv = messy_csv(tmp_path / "export-1.csv", rows=300, learners=("ana", "ben"))
    again = tmp_path / "export-2.csv"
    again.write_text(csv.read_text() + "dora,mock-9,2026-03-05 10:00,q1,D1,true,30,,TD\n")
    for bulk in (True, False):
        monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
        with open_warehouse(tmp_path / f"{bulk}.duckdb") as con:
            statuses = [ingest_file(con, InboxFile(f, f"exams/{f.name}", "exams", file_sha256(f)),
                                    load_blueprint("DEA-C01"), "me", "r", parse_file, NOW).status
                        for f in (csv, again)]
        assert statuses == ["loaded", "replaced"], f"bulk={bulk}"


@pytest.mark.parametrize("fixture, table", [("bad/exams/out-of-range-summary.csv", "domain_scores"),
                                            ("bad/hours/toggl-negative-overlap.csv", "study_sessions"),
                                            ("bad/exams/unreadable-values.csv", "answers"),
                                            ("bad/notes/secrets-in-note.md", "note_sections")])
def test_sql_form_of_every_suite_fails_the_rows_ge_fails(fixture, table):
    """Each table's suite compiled to SQL judges a batch as GE does (the bulk path relies on it)."""
    from warehouse.mapping import MAPPERS
    from warehouse.sql_checks import validate_relation
    from warehouse.validation import typed, validate_batch

    frame = MAPPERS[table](parse_file(FIXTURES / fixture)[1][table], load_blueprint("DEA-C01"))
    ge_failures, ge_results = validate_batch(table, frame, NOW, [1, 2, 3, 4])
    con = duckdb.connect()
    con.register("batch", typed(table, frame))
    sql_failures, sql_results = validate_relation(con, table, "batch", NOW, [1, 2, 3, 4])
    ge_failures = ge_failures[ge_failures["check_name"] != "no_overlap"].reset_index(drop=True)
    ge_results = ge_results[ge_results["expectation"] != "no_overlap"].reset_index(drop=True)
    assert sql_failures.to_dict("records") == ge_failures.to_dict("records")
    assert set(sql_results["engine"]) == {"duckdb_sql"} and set(ge_results["engine"]) == {"great_expectations"}
    by_name = lambda results: sorted(results.drop(columns="engine").to_dict("records"),  # noqa: E731
                                     key=lambda r: r["expectation"])
    assert by_name(sql_results) == by_name(ge_results)
    assert table == "note_sections" or not ge_failures.empty  # the fixture does fail checks


@pytest.mark.parametrize("fixture, table", [("bad/hours/toggl-negative-overlap.csv", "study_sessions"),
                                            ("inputs/moodle_grades.csv", "answers"),
                                            ("bad/exams/duplicate-rows.csv", "answers"),
                                            ("bad/exams/out-of-range-summary.csv", "domain_scores")])
def test_large_pandas_batches_get_the_same_verdict_from_the_sql_form(monkeypatch, fixture, table):
    """validate_batch switches engines at SQL_MIN_ROWS; forcing either gives the same failures."""
    from warehouse import validation
    from warehouse.mapping import MAPPERS

    frame = MAPPERS[table](parse_file(FIXTURES / fixture)[1][table], load_blueprint("DEA-C01"))
    verdicts = {}
    for threshold in (0, 1 << 60):
        monkeypatch.setattr(validation, "SQL_MIN_ROWS", threshold)
        failures, results = validation.validate_batch(table, frame, NOW, [1, 2, 3, 4])
        verdicts[threshold] = (failures.to_dict("records"), sorted(
            results.drop(columns="engine").to_dict("records"), key=lambda r: r["expectation"]), set(results["engine"]))
    assert verdicts[0][:2] == verdicts[1 << 60][:2]
    assert (verdicts[0][2], verdicts[1 << 60][2]) == ({"duckdb_sql"}, {"great_expectations"})


def test_a_file_without_a_date_column_is_dated_by_its_modification_day_on_both_paths(tmp_path, monkeypatch):
    import os

    csv = tmp_path / "undated.csv"
    csv.write_text("question,domain,correct\n" + "".join(f"q{i},D{1 + i % 4},{'true' if i % 3 else 'false'}\n"
                                                       for i in range(300)))
    stamp = datetime(2026, 3, 14, 15, 9).timestamp()
    os.utime(csv, (stamp, stamp))
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert (bulk.rows_loaded, bulk.rows_quarantined) == (300, 0)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        assert con.execute("SELECT DISTINCT taken_at::DATE::VARCHAR FROM raw.answers").fetchall() == [("2026-03-14",)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_overlap_check_in_sql_names_the_same_entries_as_the_loop(seed):
    """Random entries with shared starts, equal ends, blanks and skipped lines: same failures and reasons."""

    from warehouse import overlaps_frame, overlaps_sql

    rng = random.Random(seed)
    base = datetime(2026, 3, 1, 8, 0)
    rows = [{"learner_id": rng.choice(["ana", "ben", ""]), "line": n + 2, "line_row": 0,
             "started_at": None if rng.random() < 0.05 else base + pd.Timedelta(minutes=rng.choice(range(0, 600, 15))),
             "minutes": None if rng.random() < 0.05 else float(rng.choice([15, 30, 45, 60, 90, 0.5]))}
            for n in range(400)]
    batch = pd.DataFrame(rows).astype({"started_at": "datetime64[ns]", "minutes": "float64"})
    skip = {r["line"] for r in rows if rng.random() < 0.1}
    loop = overlaps_frame.overlapping_sessions(batch, skip)
    con = duckdb.connect()
    define_macros(con, temporary=True)  # as the in-file check gives them
    con.register("batch", batch)
    sql = overlaps_sql.overlapping_sessions(con, "batch", skip)
    assert len(loop) > 50
    assert sql.to_dict("records") == loop.to_dict("records")


def _quarantine(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT line, column_name, check_name, reason FROM raw.quarantine ORDER BY line, "
                           "check_name").fetchall()


PQ = "Exam,Date taken,Question,Domain,Correct?,Time spent\n"


@pytest.mark.parametrize("dates, expected", [
    (["2026-13-45", "2026-03-05 10:00"], [(2, "date taken '2026-13-45' is not a date")]),
    (["not a date", "", "31/02/2026"], [(2, "date taken 'not a date' is not a date"),
                                        (3, "date taken is missing or unreadable"),
                                        (4, "date taken '31/02/2026' is not a date")]),
])
def test_an_unreadable_date_is_quoted_on_both_paths(tmp_path, monkeypatch, capsys, dates, expected):
    csv = tmp_path / "dates.csv"
    csv.write_text(PQ + "".join(f"m1,{d},q{i},Domain 1,true,30\n" for i, d in enumerate(dates)))
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert "reading it row by row instead" not in capsys.readouterr().err
    assert _quarantine(db_bulk) == [(line, "taken_at", "taken_at_not_null", reason) for line, reason in expected]


SHORT = "the row has {} of 6 cells (cut short, or a delimiter missing)"
LONG = "the row has {} cells where the header has 6 (a delimiter too many, or a value with an unquoted delimiter)"


@pytest.mark.parametrize("rows, expected", [
    (["m1,2026-03-05 10:00,q1,Domain 1,true,30", "m1,2026-03-05 10:00,q2,Domain 1", "m1,2026-03-05 10:00,q3,Domain 1,"],
     [(3, SHORT.format(4)), (4, SHORT.format(5))]),
    (["m1,2026-03-05 10:00,q1,Domain 1,true,30,extra", "m1,2026-03-05 10:00,q2,Domain 1,true,30,,",
      "m1,2026-03-05 10:00,q3,Domain 1,true,3,0"], [(2, LONG.format(7)), (4, LONG.format(7))]),
    (["m1,2026-03-05 10:00,q1,Domain 1,true,30", "m1,2026-03-05 10:00,q2,Dom"], [(3, SHORT.format(4))]),  # cut
])
def test_ragged_rows_take_the_pandas_path_and_are_quarantined_for_their_cells(tmp_path, monkeypatch, capsys,
                                                                               rows, expected):
    csv = tmp_path / "ragged.csv"
    csv.write_text(PQ + "\n".join(rows))  # no line break at the end: as a file cut mid-row
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    assert "reading it row by row instead" in capsys.readouterr().err
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report and (bulk.rows_in, bulk.rows_quarantined) == (len(rows), len(expected))
    assert_same_warehouse(db_bulk, db_pandas)
    assert _quarantine(db_bulk) == [(line, "cells", "cells_match_header", reason) for line, reason in expected]


@pytest.mark.parametrize("rows, at, bulk_tried", [(8, 5, False), (3000, 2500, True)])
def test_a_nul_byte_rejects_the_file_naming_its_line_on_both_paths(tmp_path, monkeypatch, capsys, rows, at,
                                                                    bulk_tried):
    """In the head the registry reads, no format claims the file; further down, the bulk path leaves it
    to the pandas path, whose reader rejects it."""
    csv = tmp_path / "nul.csv"
    lines = [f"m1,2026-03-05 10:00,q{i},Domain 1,true,30\n" for i in range(rows)]
    lines[at] = lines[at].replace("Domain", "Dom\x00ain")
    csv.write_bytes((PQ + "".join(lines)).encode())
    _, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    assert ("reading it row by row instead" in capsys.readouterr().err) == bulk_tried
    _, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report and bulk.status == "rejected"
    assert bulk.error.startswith(f"exams/nul.csv:{at + 2}: holds a NUL byte (binary data in a text export: a corrupted "
                                 "file?)")  # named as its report's path


def test_entries_end_to_end_do_not_overlap_on_either_engine():
    """Lengths in fractions of a minute (25 s, 1/3 min) end exactly where the next entry starts."""

    from warehouse import overlaps_frame, overlaps_sql

    start = datetime(2026, 3, 1, 8, 0)
    rows, at = [], start
    for n, seconds in enumerate([25, 20, 40, 10, 7]):
        rows.append({"learner_id": "ana", "line": n + 2, "line_row": 0, "started_at": at, "minutes": seconds / 60})
        at += pd.Timedelta(seconds=seconds)
    batch = pd.DataFrame(rows).astype({"started_at": "datetime64[ns]", "minutes": "float64"})
    con = duckdb.connect()
    define_macros(con, temporary=True)  # as the in-file check gives them
    con.register("batch", batch)
    assert overlaps_frame.overlapping_sessions(batch, set()).empty
    assert overlaps_sql.overlapping_sessions(con, "batch", set()).empty


@pytest.mark.parametrize("times, seconds", [
    (["1:12", "00:01:05", "35 sec", "1m 12s", "2 min"], [72, 65, 35, 72, 120]),
    (["45", "1:75", "a while", "", "1 h 2 min"], [45, None, None, None, 3720]),
])
def test_time_spent_written_as_a_clock_or_with_units_on_both_paths(tmp_path, monkeypatch, capsys, times, seconds):
    csv = tmp_path / "times.csv"
    csv.write_text(PQ + "".join(f"m1,2026-03-05 10:00,q{i},Domain 1,true,{t}\n" for i, t in enumerate(times)))
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert "reading it row by row instead" not in capsys.readouterr().err
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT seconds FROM raw.answers ORDER BY line").fetchall()] == seconds


@pytest.mark.parametrize("header, rows, correct", [
    ("Exam,Date,Question,Domain,Your Answer,Correct,Result",  # Correct holds the right answer's letter
     ["m1,2026-03-05 10:00,1,Domain 1,B,B,Correct", "m1,2026-03-05 10:00,2,Domain 1,A,C,Incorrect"], [True, False]),
    ("Exam,Date,Question,Domain,Result,Correct",
     ["m1,2026-03-05 10:00,1,Domain 1,Correct,B", "m1,2026-03-05 10:00,2,Domain 1,Incorrect,C"], [True, False]),
    ("Exam,Date,Question,Domain,Correct,Outcome",
     ["m1,2026-03-05 10:00,1,Domain 1,True,wrong", "m1,2026-03-05 10:00,2,Domain 1,C,right",
      "m1,2026-03-05 10:00,3,Domain 1,A,right"], [False, True, True]),
    ("Exam,Date,Question,Domain,Correct,Result",  # both marks: the first
     ["m1,2026-03-05 10:00,1,Domain 1,true,Incorrect", "m1,2026-03-05 10:00,2,Domain 1,false,Correct"], [True, False]),
])
def test_the_column_holding_marks_is_the_correct_one_on_both_paths(tmp_path, monkeypatch, capsys, header, rows,
                                                                    correct):
    csv = tmp_path / "answers.csv"
    csv.write_text(header + "\n" + "\n".join(rows) + "\n")
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report and "reading it row by row instead" not in capsys.readouterr().err
    assert (bulk.rows_loaded, bulk.rows_quarantined) == (len(rows), 0)
    assert_same_warehouse(db_bulk, db_pandas)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT correct FROM raw.answers ORDER BY line").fetchall()] == correct


@pytest.mark.parametrize("cells, status", [(("true,false", "false,true"), "rejected"),
                                          (("true,TRUE", "0,no"), "loaded")])
def test_a_column_named_twice_is_judged_by_the_pandas_path(tmp_path, monkeypatch, capsys, cells, status):
    csv = tmp_path / "twice.csv"
    csv.write_text("Exam,Date,Question,Domain,correct,correct\n" + "".join(
        f"m1,2026-03-05 10:00,q{i},Domain 1,{c}\n" for i, c in enumerate(cells)))
    db_bulk, bulk = _load(tmp_path, csv, True, monkeypatch, "bulk")
    assert "the header names a column twice; reading it row by row instead" in capsys.readouterr().err
    db_pandas, pandas_report = _load(tmp_path, csv, False, monkeypatch, "pandas")
    assert bulk == pandas_report and bulk.status == status
    assert status == "rejected" and "both named 'correct' and disagree on 2 rows" in bulk.error \
        or bulk.rows_loaded == 2
    assert_same_warehouse(db_bulk, db_pandas)


@pytest.mark.parametrize("header, rows", [
    ("Exam,Date,Question,Section,Domain,Correct", ["m1,2026-03-05 10:00,q1,Part A,Domain 1,true",
                                                   "m1,2026-03-05 10:00,q2,Part B,Domain 2,false"]),
    ("Exam,Date,Question,Domain,Topic,Service,Correct", [
        "m1,2026-03-05 10:00,q1,Domain 1,Streaming,Kinesis Data Streams,true",
        "m1,2026-03-05 10:00,q2,Domain 2,Storage,S3,false"]),
])
def test_two_columns_named_for_a_label_are_chosen_by_the_pandas_path(tmp_path, monkeypatch, capsys, header, rows):
    """The adapter chooses the column by its cells (sources/label_columns.py): a large file is read as a small one."""
    csv = tmp_path / "labels.csv"
    csv.write_text(header + "\n" + "\n".join(rows) + "\n")
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    assert "the header names two columns for a label; reading it row by row instead" in capsys.readouterr().err
    assert (bulk.rows_loaded, bulk.rows_quarantined) == (2, 0)


@pytest.mark.parametrize("rows, warnings", [
    # ambiguous day/month, a time that is no time, a confidence that is no number, an umbrella word beside a service
    # not its own (beside one of its own it is no umbrella word: READING_RULES 41)
    (["m1,02/03/2026 10:00,q1,Domain 1,true,1:12,80%,AWS Glue",
      "m1,02/03/2026 10:00,q2,Domain 2,false,soon,sure,\"Kinesis, AWS Glue\"",
      "m1,02/03/2026 10:00,q3,Domain 2,false,never,,"], 4),
    (["m1,2026-03-05 10:00,q1,Domain 1,true,35 sec,0.5,AWS Glue"], 0),  # nothing to say
])
def test_both_paths_print_the_same_warnings(tmp_path, monkeypatch, capsys, rows, warnings):
    csv = tmp_path / "warn.csv"
    csv.write_text("attempt_id,taken_at,question_id,domain,correct,time spent,confidence,service\n"
                   + "\n".join(rows) + "\n")
    said = []
    for bulk, name in ((True, "bulk"), (False, "pandas")):
        _load(tmp_path, csv, bulk, monkeypatch, name)
        said.append(sorted(line for line in capsys.readouterr().err.splitlines() if line.startswith("examready: ")))
    assert said[0] == said[1]
    assert len(said[0]) == warnings, said[0]
    if warnings:
        assert ("examready: exams/warn.csv: the service 'Kinesis' (in 'Kinesis, AWS Glue') could be any "
                "of 3 services") in "\n".join(said[0])


def sittings_csv(path: Path, seed: int = 5) -> Path:
    """A cohort's practice sets, some sat several times in the file: full retakes a week apart, the
    same day without times (numbered sittings), breaks over three hours, answers past midnight,
    partial sittings, undated rows and sets sat once (the cheap branch of the bulk path)."""
    rng = random.Random(seed)
    lines = ["Student,Exam,Date taken,Question,Domain,Correct?"]
    for learner in ("ana", "ben", "", "cleo"):
        for name in ("Set A", "Set B", "Set C"):
            start = datetime(2026, 3, rng.randint(1, 20), rng.choice([0, 9, 23]), rng.choice([0, 30, 55]))
            same_day = name == "Set C"  # sat twice or more on one day, dates without times
            for _ in range(rng.randint(2 if same_day else 1, 3)):
                questions = rng.sample(range(1, 13), rng.randint(4, 12))
                timed = not same_day and rng.random() < 0.6
                for k, q in enumerate(questions):
                    at = start + pd.Timedelta(minutes=(3 * k if timed else 0) + (200 if rng.random() < 0.05 else 0))
                    when = "soon" if rng.random() < 0.03 else f"{at:%Y-%m-%d %H:%M}" if timed else f"{at:%Y-%m-%d}"
                    lines.append(f"{learner},{name},{when},Q{q},{rng.choice(LABELS[:5])},{rng.choice(CORRECT[:6])}")
                start += pd.Timedelta(days=0 if same_day else rng.choice([0, 0, 7]), hours=rng.choice([0, 1, 4]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_sittings_of_a_set_in_one_file_are_the_same_attempts_on_both_paths(tmp_path, monkeypatch, seed):
    csv = sittings_csv(tmp_path / "sets.csv", seed)
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT DISTINCT attempt_id FROM raw.answers").fetchall()]
    assert bulk.rows_loaded > 0 and any(i.endswith(" (2)") for i in ids)
    assert len(ids) > 12  # more sittings than (learner, set) pairs


def test_a_file_sat_twice_without_dates_splits_alike_on_both_paths(tmp_path, monkeypatch):
    import os

    csv = tmp_path / "undated-sets.csv"
    csv.write_text("exam,question,domain,correct\n" + "".join(f"P,q{i},D{1 + i % 4},true\n" for i in (*range(9), *range(9))))
    stamp = datetime(2026, 3, 14, 15, 9).timestamp()
    os.utime(csv, (stamp, stamp))
    db_bulk, bulk = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        got = con.execute("SELECT attempt_id, count(*) FROM raw.answers GROUP BY 1 ORDER BY 1").fetchall()
    assert got == [("P 2026-03-14", 9), ("P 2026-03-14 (2)", 9)] and bulk.rows_quarantined == 0


@pytest.mark.parametrize("header, cells, learners", [
    ("Email address", ["a@x.example", "b@x.example"], ["a@x.example", "b@x.example"]),
    ("Username", ["ana", "ben"], ["ana", "ben"]),
    ("Student name", ["Ana Lee", "Ben Roe"], ["Ana Lee", "Ben Roe"]),
    ("E-mail", ["a@x.example", "b@x.example"], ["a@x.example", "b@x.example"]),
    # an email column keys the rows before a name column, whatever their order (as team time exports do)
    ("Student name,Email address", ["Ana Lee,a@x.example", "Ben Roe,b@x.example"], ["a@x.example", "b@x.example"]),
])
def test_a_class_exports_learner_column_is_read_on_both_paths(tmp_path, monkeypatch, header, cells, learners):
    csv = tmp_path / "class.csv"
    csv.write_text(f"{header},{PQ}" + "".join(f"{who},m1,2026-03-05 10:00,q{i},Domain 1,true,30\n"
                                               for who in cells for i in range(3)))
    db_bulk, report = _both_paths(tmp_path, csv, monkeypatch)
    assert (report.rows_loaded, report.rows_quarantined) == (len(cells) * 3, 0)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        stored = con.execute("SELECT learner_id, count(*) FROM raw.answers GROUP BY 1 ORDER BY 1").fetchall()
    assert stored == [(who, 3) for who in sorted(learners)]


def test_a_file_in_a_subfolder_is_named_by_its_path_on_both_paths(tmp_path, monkeypatch):
    csv = tmp_path / "inbox" / "exams" / "udemy" / "practice-1.csv"
    csv.parent.mkdir(parents=True)
    csv.write_text("Date,Question,Domain,Correct\n" + "".join(f"2026-03-01,q{i},Domain 1,true\n" for i in range(4)))
    db_bulk, _ = _both_paths(tmp_path, csv, monkeypatch)
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        assert con.execute("SELECT DISTINCT attempt_id FROM raw.answers").fetchall() == [("udemy/practice-1",)]


@pytest.mark.parametrize("cells", [
    ["Ana@Example.COM", "ana@example.com", "B\u00e9a", "Be\u0301a"],  # ids as stored differ from some cells: joined
    ["a@x.example", "ben", "", "ben"],  # every cell is its id (a blank one quarantined): no join needed
])
def test_learner_cells_are_stored_by_their_key_on_both_paths(tmp_path, monkeypatch, cells):
    csv = tmp_path / "class.csv"
    csv.write_text(f"Student,{PQ}" + "".join(f"{who},m1,2026-03-05 10:00,q{k}{i},Domain 1,true,30\n"
                                              for k, who in enumerate(cells) for i in range(3)), encoding="utf-8")
    db_bulk, report = _both_paths(tmp_path, csv, monkeypatch)
    assert report.rows_quarantined == 3 * cells.count("")
    with duckdb.connect(str(db_bulk), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT learner_id FROM raw.answers").fetchall()}
    assert stored == ({"ana@example.com", "B\u00e9a"} if "" not in cells else {"a@x.example", "ben", "me"})


def _row_values(db: Path) -> list[tuple]:
    """raw.quarantine's (line, check, row_json parsed) rows, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT line, check_name, row_json FROM raw.quarantine").fetchall()
    return sorted((line, check, json.loads(values)) for line, check, values in rows)


@pytest.mark.parametrize("learner", [False, True])
def test_held_back_rows_values_are_the_same_on_both_paths(tmp_path, monkeypatch, learner):
    """row_json (`quarantine --json`'s values): the same keys and formats on both paths, with the cells
    written but not read (taken_at_text, correct_text) as docs/formats.md promises."""
    rows = ["Q Set,2026-03-05 10:00,1,Data Store Management,yes", "Q Set,2026-13-45,2,Data Store Management,yes",
            "Q Set,2026-03-05 10:02,3,Data Store Management,maybe", "Q Set,2026-03-05 10:03,4,Data Store Management,no",
            "Q Set,2026-03-05 10:03,4,Data Store Management,no"]
    header = "Attempt,Date,Question,Domain,Correct"
    if learner:  # a cohort file: one row names no one
        header, rows = "Student," + header, [f"{who},{row}" for who, row in zip(["ana", "", "ben", "ana", "ana"], rows)]
    csv = tmp_path / "bad.csv"
    csv.write_text("\n".join([header, *rows]) + "\n")
    db_bulk, _ = _both_paths(tmp_path, csv, monkeypatch)
    bulk, pandas_rows = _row_values(db_bulk), _row_values(tmp_path / "pandas.duckdb")
    assert bulk == pandas_rows
    values = {(line, check): v for line, check, v in bulk}
    assert values[(3, "taken_at_not_null")]["taken_at_text"] == "2026-13-45"
    assert values[(4, "correct_not_null")]["correct_text"] == "maybe"
    assert values[(4, "correct_not_null")]["taken_at"] == "2026-03-05T10:02:00.000"
    assert {"cells", "extra_cells", "taken_at_text", "correct_text"} <= set(values[(6, "unique_within_file")])
    assert ("learner_id" in values[(4, "correct_not_null")]) == learner
