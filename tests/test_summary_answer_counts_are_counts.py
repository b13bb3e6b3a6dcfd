"""A per-domain summary's Incorrect or Skipped count below 0 or not whole (-3, 2.5) holds its line back, quoted as
written (`incorrect_is_count`, `skipped_is_count`), and no total is summed of it. Before 8 Dec 2026 `Domain 1,8,-3`
under `Domain,Correct,Incorrect` was 8 correct of 5 questions (held back as "correct 8 is more than total 5"),
`Domain 1,2,2.5` loaded as 2 of 4 and `10,5,-3` under `Domain,Total,Correct,Incorrect` as 5 of 10, without a word.
Also `answers_fit_total` names where the Total is as the file names it ('in Questions', "in Correct '14/20'"): it
said 'in Total' always."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

import sources.domain_summary_csv as adapter
from sources.blueprint import load_blueprint
from sources.cell_numbers import countable, to_number
from sources.domain_summary_csv import parse
from sources.summary_answers import answers_check, not_counts, summed_total
from tests.conftest import run_cli
from tests.helpers_workspace import ingest, new_workspace, read_again_at_new_rules


def numbers(*values) -> pd.Series:
    return pd.Series([np.nan if v is None else v for v in values], dtype="float64")


def shown(values) -> list:
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else v for v in values]


@pytest.mark.parametrize("cell, quoted", [("-3", "-3"), ("2.5", "2.5"), ("2,5", "2,5"), ("-0.5", "-0.5"),
                                          ("3", None), ("0", None), ("3.0", None), (None, None), ("abc", None),
                                          ("1E+20", None)])  # not read as a count at all: not this check's
def test_a_number_counting_no_questions_is_quoted_as_written(cell, quoted):
    cells = pd.Series([cell], dtype=object)
    assert shown(not_counts(cells, countable(cells.map(to_number)))) == [quoted]


@pytest.mark.parametrize("correct, incorrect, skipped, total", [
    (8, -3, None, None),  # was 5: 8 of 5
    (2, 2.5, None, None),  # was 4.5, loaded as 2 of 4
    (8, 4, -1, None), (8, 4, 1.5, None),
    (8, 4, 1, 13), (8, 4, "none", 12), (8, 0, 0, 8),
])
def test_no_total_is_summed_of_a_count_that_is_none(correct, incorrect, skipped, total):
    summed = summed_total(numbers(correct), numbers(incorrect), None if skipped == "none" else numbers(skipped))
    assert shown(summed) == [total]


@pytest.mark.parametrize("incorrect, skipped, total", [(2.5, None, 10), (-3, None, 10), (4, 1.5, 10), (4, -1, 10)])
def test_a_count_that_is_none_is_not_held_against_the_total(incorrect, skipped, total):
    checked = answers_check(numbers(5), numbers(incorrect), None if skipped is None else numbers(skipped),
                            numbers(total))
    assert shown(checked["answers_gap"]) == [None]


@pytest.mark.parametrize("text, column, quoted, totals", [
    ("Domain,Correct,Incorrect\nD1,8,-3\nD2,2,2.5\nD3,6,4\n", "incorrect_text", ["-3", "2.5", None], [None, None, 10]),
    ("Domain,Correct,Wrong,Unanswered\nD1,8,2,-3\nD2,8,2,1.5\nD3,8,2,-\n", "skipped_text", ["-3", "1.5", None],
     [None, None, 10]),
    ("Domain,Total,Correct,Incorrect\nD1,10,5,-3\nD2,10,5,2\n", "incorrect_text", ["-3", None], [10, 10]),
    ("Domain,Total,Correct,Incorrect\nD1,10,5,\"2,5\"\n", "incorrect_text", ["2,5"], [10]),
])
def test_parse_quotes_the_cell_and_sums_no_total_of_it(tmp_path, text, column, quoted, totals):
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    rows = parse(tmp_path / "s.csv")["domain_scores"]
    assert (shown(rows[column]), shown(rows["total"])) == (quoted, totals)


@pytest.mark.parametrize("text, where", [
    ("Domain,Total,Correct,Incorrect\nD1,8,5,20\n", ["Total"]),
    ("Domain,Questions,Correct,Wrong\nD1,8,5,20\n", ["Questions"]),
    ("Domain,Correct,Incorrect\nD1,14/20,10\nD2,8,5\n", ["Correct '14/20'", None]),  # no Total as written: summed
    ("Domain,Score,Incorrect\nD1,14/20 (70%),10\n", ["Score '14/20 (70%)'"]),
    ("Domain,# Questions,Correct,Incorrect\nD1,20,14/20,10\n", ["# Questions"]),  # the Total column first
])
def test_parse_names_where_the_total_is_as_the_file_does(tmp_path, text, where):
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    assert shown(parse(tmp_path / "s.csv")["domain_scores"]["total_in"]) == where


NO_TOTAL = ("Date,Domain,Correct,Incorrect\n"
            "2026-12-05,Data Store Management,8,-3\n"
            "2026-12-05,Data Security and Governance,2,2.5\n"
            "2026-12-05,Data Ingestion and Transformation,6,4\n")
SKIPPED = ("Date,Domain,Correct,Incorrect,Skipped,Total\n"
           "2026-12-06,Data Store Management,8,2,-3,10\n"
           "2026-12-06,Data Security and Governance,8,2,\"1,5\",12\n"
           "2026-12-06,Data Operations and Support,8,2,-,10\n")
QUESTIONS = "Date,Domain,Questions,Correct,Wrong\n2026-12-06,Data Store Management,8,5,20\n"
WRONG = "(write how many questions were answered wrong, a whole number of 0 or more, e.g. 3)"
LEFT = "(write how many questions were left unanswered, a whole number of 0 or more, e.g. 2)"
HELD = {("exams/no-total.csv", 2, "incorrect_is_count", f"incorrect count '-3' is not a count {WRONG}"),
        ("exams/no-total.csv", 3, "incorrect_is_count", f"incorrect count '2.5' is not a count {WRONG}"),
        ("exams/skipped.csv", 2, "skipped_is_count", f"skipped count '-3' is not a count {LEFT}"),
        ("exams/skipped.csv", 3, "skipped_is_count", f"skipped count '1,5' is not a count {LEFT}"),
        ("exams/questions.csv", 2, "answers_fit_total",
         "5 correct + 20 incorrect = 25 answers, more than the 8 questions in Questions")}


def test_run_holds_back_the_line_for_the_count_alone_and_inspect_says_so(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    inbox: Path = root / "inbox" / "exams"
    for name, text in (("no-total.csv", NO_TOTAL), ("skipped.csv", SKIPPED), ("questions.csv", QUESTIONS)):
        (inbox / name).write_text(text, encoding="utf-8")
    out = run_cli("run", "-w", str(root), check=False).stdout
    for name, loaded, held in (("no-total", 1, 2), ("skipped", 1, 2), ("questions", 0, 1)):
        assert f"exams/{name}.csv (domain_summary_csv): {loaded} loaded, {held} quarantined" in out, out
    held = json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)["quarantined"]
    assert {(r["path"], r["line"], r["check"], r["reason"]) for r in held} == HELD  # no knock-on reasons
    reports = json.loads(run_cli("inspect", "-w", str(root), *(str(p) for p in sorted(inbox.glob("*.csv"))),
                                 "--json").stdout)
    assert {p for report in reports for p in report["problems"]} == {
        f"domain_scores: 1 line where {reason} (line {line})" for _, line, _, reason in HELD}
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        assert sorted(con.execute("SELECT domain_id, correct, total FROM staging.domain_scores").fetchall()) == [
            (1, 6, 10), (3, 8, 10)]


@pytest.mark.parametrize("text", [NO_TOTAL, SKIPPED, QUESTIONS])
def test_both_engines_hold_back_the_same_lines_for_the_same_reasons(tmp_path, text):
    """The SQL form of the rules (the bulk path, and large pandas batches) judges as GE does."""
    from warehouse.mapping import MAPPERS
    from warehouse.sql_checks import validate_relation
    from warehouse.validation import typed, validate_batch

    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    frame = MAPPERS["domain_scores"](parse(tmp_path / "s.csv")["domain_scores"], load_blueprint("DEA-C01"))
    now = pd.Timestamp("2026-12-31").to_pydatetime()
    ge_failures, ge_results = validate_batch("domain_scores", frame, now, [1, 2, 3, 4])
    con = duckdb.connect()
    con.register("batch", typed("domain_scores", frame))
    sql_failures, sql_results = validate_relation(con, "domain_scores", "batch", now, [1, 2, 3, 4])
    assert not ge_failures.empty and sql_failures.to_dict("records") == ge_failures.to_dict("records")
    by_name = lambda results: sorted(results.drop(columns="engine").to_dict("records"),  # noqa: E731
                                     key=lambda r: r["expectation"])
    assert by_name(sql_results) == by_name(ge_results)


TOTALLED = ("Date,Domain,Total,Correct,Incorrect\n"
            "2026-12-05,Data Store Management,10,5,-3\n"
            "2026-12-05,Data Ingestion and Transformation,20,12,4\n")


def test_a_line_loaded_by_rules_42_moves_to_quarantine_at_the_next_run_once(tmp_path, monkeypatch):
    """What READING_RULES 42 loaded (5 of 10 beside -3 incorrect, judged by nothing) is read again once: held back."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary.csv").write_text(TOTALLED, encoding="utf-8")
    with monkeypatch.context() as before:  # no count quoted, as before
        before.setattr(adapter, "answers_said", raising=False, value=lambda frame, *_: {
            name: pd.Series([None] * len(frame), index=frame.index, dtype=object)
            for name in ("incorrect_text", "skipped_text", "total_in")})
        assert [(r.rows_loaded, r.rows_quarantined) for r in ingest(ws, "r1")] == [(2, 0)]
    read_again_at_new_rules(ws, f"incorrect count '-3' is not a count {WRONG}")
