"""Sittings of one practice set inside one file are separate attempts (sources/sittings.py).

Read through the real adapters (`parse_file`) from CSV files written here; the bulk path's
agreement is tested in tests/test_bulk_ingest.py, the retakes they make in tests/test_retakes.py.
"""
from __future__ import annotations

import os
from datetime import datetime

import duckdb
import pytest

from sources.registry import parse_file
from tests.helpers_workspace import ingest, new_workspace

PQ = "Exam,Date,Question,Domain,Correct\n"


def rows(set_name: str, when: list[str], questions: list[str]) -> str:
    return "".join(f"{set_name},{w},{q},Domain 1,true\n" for w, q in zip(when, questions))


def attempt_ids(path) -> list[str]:
    frame = next(iter(parse_file(path)[1].values()))
    return frame["attempt_id"].tolist()


@pytest.mark.parametrize("body, ids", [
    # the reported case: each row with its own time, a week apart
    (rows("P", ["2026-05-01 19:00", "2026-05-01 19:02", "2026-05-08 20:00", "2026-05-08 20:03"], ["Q1", "Q2"] * 2),
     ["P 2026-05-01 19:00"] * 2 + ["P 2026-05-08 20:00"] * 2),
    # a day alone, sat twice that day: the repeated questions begin the second sitting, numbered (2)
    (rows("P", ["2026-05-01"] * 6, ["Q1", "Q2", "Q3", "Q2", "Q1", "Q3"]), ["P 2026-05-01"] * 3 + ["P 2026-05-01 (2)"] * 3),
    (rows("P", ["2026-05-01"] * 6, ["Q1", "Q2"] * 3),
     ["P 2026-05-01"] * 2 + ["P 2026-05-01 (2)"] * 2 + ["P 2026-05-01 (3)"] * 2),
    # past midnight, no question repeated, no long break: one sitting, its first time
    (rows("P", ["2026-05-01 23:50", "2026-05-01 23:58", "2026-05-02 00:06", "2026-05-02 00:15"], ["Q1", "Q2", "Q3", "Q4"]),
     ["P 2026-05-01 23:50"] * 4),
    # no question repeated, but more than three hours between two answers: two sittings
    (rows("P", ["2026-05-01 09:00", "2026-05-01 09:05", "2026-05-01 12:06", "2026-05-01 12:10"], ["Q1", "Q2", "Q3", "Q4"]),
     ["P 2026-05-01 09:00"] * 2 + ["P 2026-05-01 12:06"] * 2),
    (rows("P", ["2026-05-01 09:00", "2026-05-01 09:05", "2026-05-01 12:05"], ["Q1", "Q2", "Q3"]),  # 3 h exactly: one
     ["P 2026-05-01 09:00"] * 3),
    # newest sitting first in the file: each sitting still dated by its own first answer
    (rows("P", ["2026-05-08 20:00", "2026-05-08 20:01", "2026-05-01 19:00", "2026-05-01 19:01"], ["Q1", "Q2"] * 2),
     ["P 2026-05-08 20:00"] * 2 + ["P 2026-05-01 19:00"] * 2),
    # two sets interleaved: each its own sittings; an undated row keeps the bare name (and is held for it)
    (rows("P", ["2026-05-01"], ["Q1"]) + rows("R", ["2026-05-01"], ["Q1"]) + rows("P", ["2026-05-01"], ["Q1"])
     + rows("R", ["soon"], ["Q2"]), ["P 2026-05-01", "R 2026-05-01", "P 2026-05-01 (2)", "R"]),
    # a line pasted twice (the same as the line above it): one sitting, the copy held back as a duplicate
    (rows("P", ["2026-05-01 10:00"] * 3 + ["2026-05-01 10:01"], ["Q1", "Q2", "Q2", "Q3"]), ["P 2026-05-01 10:00"] * 4),
    (rows("P", ["2026-05-01"] * 5, ["Q1", "Q2", "Q2", "Q3", "Q1"]), ["P 2026-05-01"] * 4 + ["P 2026-05-01 (2)"]),
    # the same question not on the line above it (another question between): a same-day retake, as before
    (rows("P", ["2026-05-01"] * 3, ["Q1", "Q2", "Q1"]), ["P 2026-05-01"] * 2 + ["P 2026-05-01 (2)"]),
])
def test_per_question_sittings(tmp_path, body, ids):
    path = tmp_path / "mock.csv"
    path.write_text(PQ + body)
    assert attempt_ids(path) == ids


def test_a_file_without_dates_splits_by_repeated_questions_on_its_day(tmp_path):
    path = tmp_path / "mock.csv"
    path.write_text("Exam,Question,Domain,Correct\n" + "".join(f"P,Q{q},Domain 1,true\n" for q in (1, 2, 1, 2)))
    stamp = datetime(2026, 5, 3, 10, 0).timestamp()
    os.utime(path, (stamp, stamp))
    assert attempt_ids(path) == ["P 2026-05-03"] * 2 + ["P 2026-05-03 (2)"] * 2


def test_each_learner_of_a_cohort_file_has_their_own_sittings(tmp_path):
    path = tmp_path / "cohort.csv"
    path.write_text("Student,Exam,Date,Question,Domain,Correct\n" + "".join(
        f"{who},P,2026-05-0{day},Q{q},Domain 1,true\n" for day in (1, 8) for q in (1, 2) for who in ("ana", "ben")))
    assert attempt_ids(path) == ["P 2026-05-01"] * 4 + ["P 2026-05-08"] * 4
    path.write_text("Student,Exam,Date,Question,Domain,Correct\n" + "".join(
        f"{who},P,2026-05-01,Q{q},Domain 1,true\n" for who in ("ana", "ben", "ana") for q in (1, 2)))
    assert attempt_ids(path) == ["P 2026-05-01"] * 4 + ["P 2026-05-01 (2)"] * 2  # ana's second; ben's first


@pytest.mark.parametrize("dates, ids", [
    (["2026-05-01"] * 4, ["S 2026-05-01"] * 2 + ["S 2026-05-01 (2)"] * 2),  # a day alone, sat twice
    (["2026-05-01", "2026-05-01", "2026-05-08", "2026-05-08"], ["S 2026-05-01"] * 2 + ["S 2026-05-08"] * 2),
    # each sitting dated by its first row (before: each row by its own time, one sitting split in two)
    (["2026-05-01 19:40", "2026-05-01 19:41", "2026-05-01 19:50", "2026-05-01 19:51"],
     ["S 2026-05-01 19:40"] * 2 + ["S 2026-05-01 19:50"] * 2),
])
def test_summary_sittings_split_where_a_domain_repeats(tmp_path, dates, ids):
    """One row per domain per sitting: a domain named again begins the next sitting."""
    path = tmp_path / "summary.csv"
    path.write_text("Exam,Date,Domain,Correct,Total\n" + "".join(
        f"S,{d},Domain {k % 2 + 1},3,5\n" for k, d in enumerate(dates)))
    assert attempt_ids(path) == ids
    assert parse_file(path)[1]["domain_scores"]["line"].tolist() == [2, 3, 4, 5]


def test_sittings_in_one_file_load_whole_and_a_reexport_replaces_them(tmp_path):
    """130 answers of two sittings: all loaded as two attempts; the file exported again (and with a
    third sitting) replaces them, adding only the new sitting."""
    ws = new_workspace(tmp_path / "ws")
    two = PQ + "".join(rows("Practice Test 1", [f"2026-05-0{d} 19:{q % 60:02d}"] if q < 60 else
                            [f"2026-05-0{d} 20:{q % 60:02d}"], [f"Q{q}"]) for d in (1, 8) for q in range(65))
    (ws.inbox / "exams" / "pt1.csv").write_text(two)
    assert [(r.status, r.rows_loaded, r.rows_quarantined) for r in ingest(ws, "one")] == [("loaded", 130, 0)]
    third = rows("Practice Test 1", ["2026-05-09"] * 65, [f"Q{q}" for q in range(65)])
    (ws.inbox / "exams" / "pt1 export 2.csv").write_text(two + third)
    assert {r.path: r.status for r in ingest(ws, "two")}["exams/pt1 export 2.csv"] == "replaced"
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = con.execute("SELECT attempt_id, count(*) FROM raw.answers a JOIN raw.file_events f USING (load_id) "
                          "WHERE f.path = 'exams/pt1 export 2.csv' GROUP BY 1 ORDER BY 1").fetchall()
        replaced = con.execute("SELECT DISTINCT attempt_id FROM raw.answers a JOIN raw.file_events f USING (load_id) "
                               "WHERE f.path = 'exams/pt1.csv' ORDER BY 1").fetchall()
    assert replaced == [(a,) for a, _ in got[:2]]  # the same ids: staging keeps the newer export's (answer_exports)
    assert got == [("Practice Test 1 2026-05-01 19:00", 65), ("Practice Test 1 2026-05-08 19:00", 65),
                   ("Practice Test 1 2026-05-09", 65)]


@pytest.mark.parametrize("relative, name", [
    ("inbox/exams/practice-1.csv", "practice-1"),
    ("inbox/exams/udemy/practice-1.csv", "udemy/practice-1"),
    ("inbox/exams/class/ana/mock 2.csv", "class/ana/mock 2"),
    ("downloads/practice-1.csv", "practice-1"),  # inspect on a file outside a workspace
])
def test_a_file_naming_no_attempt_is_named_by_its_path_below_the_kind_folder(tmp_path, relative, name):
    from sources.sittings import file_attempt_name

    assert file_attempt_name(tmp_path / relative) == name


def test_files_of_one_name_in_two_folders_are_two_attempts_not_a_reexport(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    header = "Date,Question,Domain,Correct\n"
    for folder, mark in (("udemy", "true"), ("tdojo", "false")):
        (ws.inbox / "exams" / folder).mkdir()
        (ws.inbox / "exams" / folder / "practice-1.csv").write_text(
            header + "".join(f"2026-03-0{1 if mark == 'true' else 2},q{i},Domain 1,{mark}\n" for i in range(5)))
    reports = ingest(ws)
    assert sorted((r.path, r.status, r.rows_loaded) for r in reports) == [
        ("exams/tdojo/practice-1.csv", "loaded", 5), ("exams/udemy/practice-1.csv", "loaded", 5)]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        ids = con.execute("SELECT DISTINCT attempt_id FROM raw.answers ORDER BY 1").fetchall()
    assert ids == [("tdojo/practice-1",), ("udemy/practice-1",)]


def footed(set_name: str, day: str, questions: int) -> str:
    """A set's answers as a spreadsheet saves them, under a footer line of its total with a cell for each column."""
    return PQ + rows(set_name, [day] * questions, [f"Q{q}" for q in range(1, questions + 1)]) + f"Total,,,,{questions}/65\n"


@pytest.mark.parametrize("bulk", [False, True])
def test_footers_held_back_are_no_sitting_that_a_second_set_replaces(tmp_path, monkeypatch, capsys, bulk):
    """Two sets, each under a footer (held back: no date, no question). On both load paths the second loads as
    `loaded`; before, the footers were one sitting 'Total' of both files, and the second file was `replaced` on its
    very first load."""
    from warehouse import bulk_answers

    monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "td-set1.csv").write_text(footed("TD Set 1", "2026-03-05", 3))
    (ws.inbox / "exams" / "td-set2.csv").write_text(footed("TD Set 2", "2026-03-06", 2))
    assert [(r.path, r.status, r.rows_loaded, r.rows_quarantined) for r in ingest(ws)] == [
        ("exams/td-set1.csv", "loaded", 3, 1), ("exams/td-set2.csv", "loaded", 2, 1)]
    assert "row by row" not in capsys.readouterr().err  # the path asked for
