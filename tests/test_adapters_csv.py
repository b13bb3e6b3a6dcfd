"""Practice-exam CSV adapters: per-question and per-domain summaries, on real-format fixtures."""
from pathlib import Path

import pandas as pd
import pytest

from sources import csv_layout, csvfast, domain_summary_csv, per_question_csv
from sources.canonical import ANSWERS, DOMAIN_SCORES, FormatError
from sources.csvread import read_csv
from sources.registry import parse_file
from sources.text_decode import decode

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def test_per_question_canonical_header():
    adapter, tables = parse_file(INPUTS / "td_per_question.csv")
    answers = tables["answers"]
    assert adapter is per_question_csv and list(tables) == ["answers"]
    assert list(answers.columns) == ANSWERS + ["line", "cells", "extra_cells", "taken_at_text", "correct_text"]
    assert len(answers) == 10
    assert answers["correct"].tolist() == [True, False, True, True, False, True, False, True, False, True]
    assert answers["line"].tolist() == list(range(2, 12))
    assert answers["taken_at"].iloc[0] == pd.Timestamp("2026-02-09 21:05")
    assert answers["seconds"].sum() == 769
    assert answers["confidence"].isna().sum() == 2
    assert set(answers["source"]) == {"mock"}


def test_per_question_aliases_semicolon_decimal_comma_bom():
    _, tables = parse_file(INPUTS / "udemy_per_question_semicolon.csv")
    answers = tables["answers"]
    assert len(answers) == 6
    assert answers["attempt_id"].iloc[0] == "Practice Test 2 2026-02-13 20:10"  # the set's name and its sitting's start
    assert answers["provider"].iloc[0] == "Udemy (Stéphane Maarek)"
    assert answers["taken_at"].iloc[0] == pd.Timestamp("2026-02-13 20:10")
    assert answers["domain_label"].iloc[0] == "Data Ingestion & Transformation"
    assert answers["service_label"].iloc[1] == "AWS Glue"
    assert answers["correct"].tolist() == [True, False, False, True, True, False]
    assert answers["seconds"].iloc[0] == pytest.approx(64.5)
    assert answers["confidence"].iloc[0] == pytest.approx(0.8)
    assert pd.isna(answers["seconds"].iloc[5])


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252"])
def test_per_question_other_encodings(tmp_path, encoding):
    text = (INPUTS / "udemy_per_question_semicolon.csv").read_text(encoding="utf-8-sig")
    text = text.replace("✓", "yes").replace("✗", "no")
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    _, tables = parse_file(path)
    answers = tables["answers"]
    assert len(answers) == 6
    assert answers["provider"].iloc[0] == "Udemy (Stéphane Maarek)"
    assert answers["correct"].tolist() == [True, False, False, True, True, False]


@pytest.mark.parametrize("right,wrong", [("WAHR", "FALSCH"), ("VERDADERO", "FALSO"), ("VERO", "FALSO")])
def test_a_file_saved_by_a_localized_excel_counts_both_marks(tmp_path, right, wrong):
    """German Excel saves TRUE/FALSE cells as WAHR/FALSCH: WAHR was held back, so 3 of 4 right read 0 of 1."""
    path = tmp_path / "mock-de.csv"
    path.write_bytes(("\ufeffattempt_id;taken_at;question_id;domain;correct\r\n" + "".join(
        f"de-1;14.11.2026 19:00;Q{i};Domain {i};{right if i != 2 else wrong}\r\n" for i in range(1, 5))
                      ).encode("utf-8"))
    answers = parse_file(path)[1]["answers"]
    assert answers["correct"].tolist() == [True, False, True, True]

@pytest.mark.parametrize("value,expected", [
    ("true", True), ("FALSE", False), ("1", True), ("0", False), ("Yes", True), ("no", False),
    ("Correct", True), ("incorrect", False), ("✓", True), ("✗", False), ("✔", True), ("", None),
    ("maybe", None), ("Ja", True), ("falsch", False),
    # Excel's TRUE/FALSE in German, Spanish, Italian, Portuguese, Dutch: WAHR was held back, so a German file counted
    # only its wrong answers
    ("WAHR", True), ("FALSCH", False), ("VERDADERO", True), ("FALSO", False), ("VERO", True),
    ("VERDADEIRO", True), ("WAAR", True), ("ONWAAR", False), ("Nee", False), ("nej", False), ("Nei", False),
    ("SANT", True), ("FALSKT", False), ("TOSI", True), ("EPÄTOSI", False), ("PRAWDA", True), ("FAŁSZ", False),
    # emoji as Notion, Excel and emoji pickers write them: the mark, then VARIATION SELECTOR-16
    ("\u2714\ufe0f", True), ("\u2705\ufe0f", True), ("\u2718\ufe0f", False), ("\u2716\ufe0f", False),
    ("\u2713\ufe0e", True), ("\ufe0f", None)])
def test_correct_values(value, expected):
    assert per_question_csv.to_correct(value) is expected


def test_unreadable_correct_is_left_empty_for_validation(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("question,domain,correct\n1,D1,maybe\n2,D2,yes\n", encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["correct"].isna().tolist() == [True, False]
    assert answers["attempt_id"].tolist() == ["q", "q"]


def test_domain_summary_canonical_percent_styles():
    adapter, tables = parse_file(INPUTS / "td_domain_summary.csv")
    scores = tables["domain_scores"]
    assert adapter is domain_summary_csv
    assert list(scores.columns) == DOMAIN_SCORES + ["line", "counts_percent", "percent_gap", "incorrect", "skipped",
                                                   "answers", "answers_gap", "incorrect_text", "skipped_text",
                                                   "total_in", "cells", "extra_cells", "correct_text",
                                                   "total_text", "taken_at_text", "total_ambiguous", "correct_unfit"]
    assert len(scores) == 4
    assert scores["percent"].tolist() == pytest.approx([77, 70.59, 71, 75])
    assert scores["correct"].tolist() == [17, 12, 10, 9]
    assert scores["total"].tolist() == [22, 17, 14, 12]


def test_domain_summary_aliases_derive_correct_and_say_so():
    scores = parse_file(INPUTS / "skillbuilder_summary.csv")[1]["domain_scores"]
    assert len(scores) == 5
    assert scores["domain_label"].iloc[0] == "Data Ingestion and Transformation"
    assert scores["correct"].iloc[:4].tolist() == [4, 4, 2, 2]
    assert scores["percent"].iloc[:4].tolist() == pytest.approx([57, 80, 50, 67])  # 4/7 is 57.1%
    assert scores["taken_at"].iloc[0] == pd.Timestamp("2026-02-15")
    assert pd.isna(scores["total"].iloc[4])  # the "Overall" row is kept for validation to quarantine
    assert any("derived from percent" in w for w in scores.attrs["warnings"])


@pytest.mark.parametrize("value,expected", [("72", 72), ("72%", 72), ("0.72", 72), ("72,5 %", 72.5),
                                            ("0,5", 50), ("1", 1), ("", None)])
def test_percent_forms(value, expected):
    result = domain_summary_csv.to_percent(value)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_summary_without_counts_or_percent_is_a_format_error(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("domain,notes\nD1,hard\n", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        parse_file(path)
    assert "known formats" in str(err.value) and "per_question_csv" in str(err.value)


def test_excel_sep_line_and_line_numbers(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("sep=;\r\nAttempt;Date;Q#;Domain;Correct?\r\nT1;09.02.2026;1;D1;vielleicht\r\n\r\nT1;09.02.2026;2;D2;1\r\n"
                     .encode("cp1252"))
    answers = parse_file(path)[1]["answers"]
    assert len(answers) == 2
    assert answers["line"].tolist() == [3, 5]
    assert answers["correct"].isna().tolist() == [True, False]  # "vielleicht" is not understood: left for quarantine


def test_multiline_quoted_cell_keeps_line_of_record_start(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('question,domain,correct\n1,"Domain 1:\nIngestion",true\n2,D2,false\n', encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["line"].tolist() == [2, 4]


def test_per_question_with_only_a_topic_column(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("Test,Date,Q#,Topic,Result\nSet 3,2026-02-20,1,Amazon Kinesis,Correct\n"
                    "Set 3,2026-02-20,2,AWS Glue,Incorrect\n", encoding="utf-8")
    adapter, tables = parse_file(path)
    assert adapter is per_question_csv
    assert tables["answers"]["service_label"].tolist() == ["Amazon Kinesis", "AWS Glue"]


# Results pages copied with title lines above the table (tests/fixtures/titled/).
TITLED = Path(__file__).parent / "fixtures" / "titled"


def test_summary_with_title_lines_and_a_blank_line_above_the_header():
    adapter, tables = parse_file(TITLED / "td_results_with_title.csv")
    scores = tables["domain_scores"]
    assert adapter is domain_summary_csv
    assert len(scores) == 4
    assert scores["line"].tolist() == [5, 6, 7, 8]  # true file lines: 2 titles, a blank line, the header
    assert scores["domain_label"].iloc[0] == "Domain 1: Data Ingestion and Transformation"
    assert scores["correct"].tolist() == [12, 10, 8, 7] and scores["total"].tolist() == [17, 13, 12, 8]
    assert scores["percent"].tolist() == pytest.approx([70.6, 76.9, 66.7, 87.5])
    assert scores["attempt_id"].tolist() == [  # the set its title line names, and the file (tests/test_title_sets.py)
        "Tutorials Dojo - AWS Certified Data Engineer Associate - Practice Test 3 2026-02-10 [td_results_with_title]"] * 4
    assert scores["provider"].tolist() == ["Tutorials Dojo"] * 4


def test_per_question_below_a_title_with_more_commas_than_the_header():
    # the title splits into 6 fields, the header into 6: field counts cannot tell them apart
    adapter, tables = parse_file(TITLED / "td_review_with_title.csv")
    answers = tables["answers"]
    assert adapter is per_question_csv
    assert len(answers) == 8
    assert answers["line"].tolist() == list(range(4, 12))
    assert answers["question_id"].tolist() == [str(q) for q in range(1, 9)]
    assert answers["correct"].tolist() == [True, False, True, False, True, True, False, True]
    assert answers["seconds"].iloc[0] == 64 and answers["confidence"].iloc[0] == pytest.approx(0.8)
    assert answers["service_label"].iloc[1] == "AWS Glue"


def test_inspect_reads_titled_files():
    from examready.inspect import inspect_files
    from sources.blueprint import load_blueprint

    reports = {Path(r["path"]).name: r for r in inspect_files([TITLED], load_blueprint("DEA-C01"))}
    assert {name: (r["format"], r["rows"]) for name, r in reports.items()} == {
        "td_results_with_title.csv": ("domain_summary_csv", {"domain_scores": 4}),
        "td_review_with_title.csv": ("per_question_csv", {"answers": 8})}
    assert reports["td_results_with_title.csv"]["labels"]["domain_scores"]["unmapped"] == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_titled_file_reads_like_the_table_alone_shifted_by_the_title(tmp_path, newline):
    table = (TITLED / "td_review_with_title.csv").read_text(encoding="utf-8").split("\n", 2)[2]
    plain, titled = tmp_path / "plain.csv", tmp_path / "titled.csv"
    plain.write_text(table.replace("\n", newline), encoding="utf-8", newline="")
    # a title opening a quote it never closes, and blank lines
    title = ["\"Udemy Practice Exam 2, review", "", "Score: 62%, 5 of 8", "   ", ""]
    titled.write_text("\n".join(title + [table]).replace("\n", newline), encoding="utf-8", newline="")
    expected = read_csv(plain)
    expected["line"] += len(title)
    pd.testing.assert_frame_equal(read_csv(titled), expected)


def test_title_lines_with_excel_sep_line_and_semicolons(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("sep=;\r\nTD Übungstest 3; Ergebnis\r\n\r\nBereich;Richtig;Fragen\r\nDomain 1;5;7\r\n"
                     .encode("cp1252").replace("Bereich".encode(), b"Domain").replace(b"Richtig", b"Correct")
                     .replace(b"Fragen", b"Total"))
    adapter, tables = parse_file(path)
    scores = tables["domain_scores"]
    assert adapter is domain_summary_csv and scores["line"].tolist() == [5]
    assert scores["correct"].tolist() == [5] and scores["total"].tolist() == [7]


def test_header_must_be_within_the_first_ten_non_blank_lines(tmp_path):
    table = "Domain,Correct,Total\nDomain 1,5,7\n"
    near, far = tmp_path / "near.csv", tmp_path / "far.csv"
    near.write_text("".join(f"title {i}\n\n" for i in range(9)) + table, encoding="utf-8")
    far.write_text("".join(f"title {i}\n" for i in range(10)) + table, encoding="utf-8")
    assert parse_file(near)[1]["domain_scores"]["line"].tolist() == [20]
    with pytest.raises(FormatError, match="unknown file format"):
        parse_file(far)


def test_the_first_line_stays_the_header_of_every_fixture():
    """Title lines are looked for only below a first line that no CSV format recognises."""
    for path in [*INPUTS.glob("*.csv"), *(INPUTS.parent / "bad").rglob("*.csv")]:
        lines = [ln for ln in decode(path.read_bytes()).lstrip("\ufeff").splitlines() if ln.strip()]
        assert csv_layout.layout(lines, find_header=True) == csv_layout.layout(lines), path.name


def test_large_titled_file_is_read_by_python_with_true_lines(tmp_path, monkeypatch):
    rows = "".join(f"{i},Domain {1 + i % 4},{'true' if i % 3 else 'false'}\n" for i in range(60_000))
    path = tmp_path / "cohort.csv"
    path.write_text("Cohort export, spring 2026\n\nQuestion,Domain,Correct\n" + rows, encoding="utf-8")
    assert path.stat().st_size >= csvfast.FAST_MIN_BYTES
    with pytest.raises(csvfast.NotPlain):
        csvfast.read_frame(path)
    frame = read_csv(path)
    assert len(frame) == 60_000 and frame["line"].iloc[0] == 4 and frame["line"].iloc[-1] == 60_003
    assert list(frame.columns) == ["Question", "Domain", "Correct", "line"]


@pytest.mark.parametrize("name, adapter_table", [("td_results_with_title.csv", "domain_scores"),
                                                 ("td_review_with_title.csv", "answers")])
def test_a_titled_file_without_a_date_column_takes_the_date_in_its_title(name, adapter_table):
    from sources.registry import parse_file

    frame = parse_file(TITLED / name)[1][adapter_table]
    assert set(frame["taken_at"].dt.strftime("%Y-%m-%d")) == {"2026-02-10"}
    assert any("from the title line" in w for w in frame.attrs["warnings"])


def test_a_file_without_a_date_column_or_title_takes_its_modification_day(tmp_path):
    import os
    from datetime import datetime

    from sources.registry import parse_file

    path = tmp_path / "summary.csv"
    path.write_text("Domain,Correct,Total\nDomain 1,12,17\nDomain 2,10,13\n")
    stamp = datetime(2026, 3, 14, 23, 59).timestamp()
    os.utime(path, (stamp, stamp))
    frame = parse_file(path)[1]["domain_scores"]
    assert set(frame["taken_at"].dt.strftime("%Y-%m-%d")) == {"2026-03-14"}
    assert frame.attrs["warnings"] == ["no date column: dated 2026-03-14, the file's modification date"]


# Retakes: a column naming the practice set (Exam, Test, Quiz...) is dated per sitting; an Attempt
# column already names one sitting. Re-exports of a sitting (same id) replace, retakes do not.
@pytest.mark.parametrize("header, taken, expected", [
    ("Exam", "2026-02-15", "Official Set 2026-02-15"),
    ("Exam", "2026-02-11 19:40", "Official Set 2026-02-11 19:40"),
    ("Exam", "2026-02-11 00:00", "Official Set 2026-02-11"),
    ("Test", "13.02.2026 21:05", "Official Set 2026-02-13 21:05"),
    ("Quiz", "9 February 2026 9:05 PM", "Official Set 2026-02-09 21:05"),
    ("Practice Test", "2026-02-15", "Official Set 2026-02-15"),
    ("Exam", "not a date", "Official Set"),  # undated: quarantined for its date, the id stays the name
    ("Attempt", "2026-02-15", "Official Set"),
    ("attempt_id", "2026-02-11 19:40", "Official Set"),
])
def test_domain_summary_attempt_id_names_the_sitting(tmp_path, header, taken, expected):
    path = tmp_path / "results.csv"
    path.write_text(f'{header},Date,Domain,Correct,Total\nOfficial Set,"{taken}",Domain 1,5,7\n'
                    f'Official Set,"{taken}",Domain 2,3,4\n', encoding="utf-8")
    scores = parse_file(path)[1]["domain_scores"]
    assert scores["attempt_id"].tolist() == [expected, expected]


def test_domain_summary_blank_exam_cell_or_no_column_takes_the_file_name(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("Exam,Date,Domain,Correct,Total\n,2026-02-15,Domain 1,5,7\nSet,2026-02-16,Domain 2,3,4\n",
                    encoding="utf-8")
    assert parse_file(path)[1]["domain_scores"]["attempt_id"].tolist() == ["results 2026-02-15", "Set 2026-02-16"]
    path.write_text("Date,Domain,Correct,Total\n2026-02-15,Domain 1,5,7\n", encoding="utf-8")
    assert parse_file(path)[1]["domain_scores"]["attempt_id"].tolist() == ["results"]


def test_skillbuilder_attempt_id_is_the_set_and_its_day():
    scores = parse_file(INPUTS / "skillbuilder_summary.csv")[1]["domain_scores"]
    assert scores["attempt_id"].tolist() == ["Official Practice Question Set 2026-02-15"] * 5
    assert parse_file(INPUTS / "td_domain_summary.csv")[1]["domain_scores"]["attempt_id"].tolist() == ["td-set2"] * 4


def _staged_sittings(ws) -> list[tuple]:
    """(attempt_id, day, path, domain rows) of staging.domain_scores."""
    from warehouse.connection import open_warehouse, read_sql

    with open_warehouse(ws.db_path) as con:
        for model in ("staging/current_loads.sql", "staging/domain_scores.sql"):
            con.execute(read_sql(model))
        return con.execute("""
            SELECT s.attempt_id, strftime(s.taken_at, '%Y-%m-%d'), l.path, count(*)
            FROM staging.domain_scores s JOIN staging.current_loads l USING (load_id)
            GROUP BY ALL ORDER BY ALL""").fetchall()


def test_a_retake_keeps_both_sittings_and_a_reexport_replaces_its_sitting(tmp_path):
    from tests.helpers_workspace import ingest, new_workspace

    ws = new_workspace(tmp_path / "ws")
    exams = ws.inbox / "exams"
    text = (INPUTS / "skillbuilder_summary.csv").read_text(encoding="utf-8")
    (exams / "a.csv").write_text(text, encoding="utf-8")
    assert {r.path: r.status for r in ingest(ws, "r1")} == {"exams/a.csv": "loaded"}
    (exams / "b.csv").write_text(text.replace("2026-02-15", "2026-02-20").replace("57%", "86%"), encoding="utf-8")
    assert {r.path: r.status for r in ingest(ws, "r2")} == {"exams/a.csv": "unchanged", "exams/b.csv": "loaded"}
    first, retake = "Official Practice Question Set 2026-02-15", "Official Practice Question Set 2026-02-20"
    assert _staged_sittings(ws) == [(first, "2026-02-15", "exams/a.csv", 4), (retake, "2026-02-20", "exams/b.csv", 4)]

    # the first sitting copied again with its percentages written as fractions: a re-export of it
    (exams / "c.csv").write_text(text.replace("57%", "0.57"), encoding="utf-8")
    assert {r.path: r.status for r in ingest(ws, "r3")}["exams/c.csv"] == "replaced"
    assert _staged_sittings(ws) == [(first, "2026-02-15", "exams/c.csv", 4), (retake, "2026-02-20", "exams/b.csv", 4)]


PQ_HEADER = "attempt_id,taken_at,question_id,domain,correct,seconds\n"
PQ_ROW = "set-1,2026-02-09 21:05,{q},Domain 1,true,60"


@pytest.mark.parametrize("row, cells, extra", [
    ("set-1,2026-02-09 21:05,3,Domain 1", "the row has 4 of 6 cells (cut short, or a delimiter missing)", None),
    ("set-1,2026-02-09 21:05,3,Dom", "the row has 4 of 6 cells (cut short, or a delimiter missing)", None),  # file cut
    ('set-1,2026-02-09 21:05,3,"Domain 1', "the row has 4 of 6 cells (cut short, or a delimiter missing)", None),
    ("set-1,2026-02-09 21:05,3,Domain 1,true,60,oops",
     "the row has 7 cells where the header has 6 (a delimiter too many, or a value with an unquoted delimiter)",
     ["oops"]),
    ("set-1,2026-02-09 21:05,3,Domain 1,true,60,,x,",
     "the row has 9 cells where the header has 6 (a delimiter too many, or a value with an unquoted delimiter)",
     ["", "x", ""]),
    # blank cells past the header in one row only: a value with an unquoted delimiter may have moved the
    # others right (test_adapters_ragged: where every row has them, they are a trailing delimiter)
    ("set-1,2026-02-09 21:05,3,Domain 1,true,60,,",
     "the row has 8 cells where the header has 6 (a delimiter too many, or a value with an unquoted delimiter)",
     None),
    ("set-1,2026-02-09 21:05,3,Domain 1,true,60", None, None),
])
def test_per_question_row_whose_cells_do_not_match_the_header(tmp_path, row, cells, extra):
    """A ragged row is read as before (padded, or cut to the header) and says what is wrong in `cells`.

    It is the file's last line, without a line break: as a file cut mid-row ends."""
    path = tmp_path / "q.csv"
    path.write_text(PQ_HEADER + PQ_ROW.format(q=1) + "\n" + PQ_ROW.format(q=2) + "\n" + row, encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["line"].tolist() == [2, 3, 4] and answers.loc[2, "question_id"] == "3"
    assert answers["cells"].tolist() == [None, None, cells]
    assert answers["extra_cells"].tolist() == [None, None, extra]


@pytest.mark.parametrize("header", ["attempt_id,taken_at,question_id,domain,correct,seconds,",
                                    "attempt_id,taken_at,question_id,domain,correct,seconds,,"])
def test_a_trailing_delimiter_on_the_header_does_not_count_as_a_cell(tmp_path, header):
    path = tmp_path / "q.csv"
    path.write_text(header + "\n" + PQ_ROW.format(q=1) + "\n" + PQ_ROW.format(q=2) + ",\n", encoding="utf-8")
    assert parse_file(path)[1]["answers"]["cells"].tolist() == [None, None]


@pytest.mark.parametrize("taken, text", [
    ("2026-13-45", "2026-13-45"), ("31/02/2026", "31/02/2026"), ("soon", "soon"), ("", None),
    ("2026-02-09 21:05", None),
])
def test_per_question_keeps_an_unreadable_date_as_written(tmp_path, taken, text):
    path = tmp_path / "q.csv"
    path.write_text(PQ_HEADER + PQ_ROW.format(q=1) + "\n" + f"set-1,{taken},2,Domain 1,true,60\n", encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["taken_at_text"].tolist() == [None, text]
    assert answers["taken_at"].isna().tolist() == [False, text is not None or taken == ""]


@pytest.mark.parametrize("header, rows, ids", [
    ("Exam,Date taken", [("Set 1", "2026-02-15 21:00"), ("Set 1", "2026-02-15 21:40")], ["Set 1 2026-02-15 21:00"] * 2),
    ("Exam,Date", [("Set 1", "2026-02-15"), ("Set 1", "2026-02-15")], ["Set 1 2026-02-15"] * 2),  # a day alone
    # a sitting past midnight keeps its first day
    ("Exam,Date taken", [("Set 1", "2026-02-15 23:50"), ("Set 1", "2026-02-16 00:10")], ["Set 1 2026-02-15 23:50"] * 2),
    ("Test,Date taken", [("Set 1", "2026-02-20 09:00"), ("Set 2", "2026-02-21 09:00")],
     ["Set 1 2026-02-20 09:00", "Set 2 2026-02-21 09:00"]),
    ("Exam,Date taken", [("Set 1", "someday"), ("Set 1", "")], ["Set 1", "Set 1"]),  # no readable date: the name
    ("Attempt,Date taken", [("td-set1", "2026-02-15 21:00")], ["td-set1"]),  # names one sitting: as written
])
def test_per_question_sitting_ids(tmp_path, header, rows, ids):
    path = tmp_path / "mock.csv"
    path.write_text(f"{header},Question,Domain,Correct\n"
                    + "".join(f"{a},{d},Q{n},Domain 1,true\n" for n, (a, d) in enumerate(rows, 1)))
    assert parse_file(path)[1]["answers"]["attempt_id"].tolist() == ids


def test_per_question_retake_is_a_second_attempt_and_a_reexport_replaces(tmp_path):
    """Sittings of one set on two days, or twice on one day, all count; the same sitting exported again replaces."""
    from tests.helpers_workspace import ingest, new_workspace

    ws = new_workspace(tmp_path / "ws")
    export = "Exam,Date taken,Question,Domain,Correct\n" + "".join(
        f"Set 1,{{day}} {{hour}}:{n:02d},Q{n},Domain 1,{{ok}}\n" for n in range(1, 6))
    (ws.inbox / "exams" / "first.csv").write_text(export.format(day="2026-02-15", hour=20, ok="false"))
    (ws.inbox / "exams" / "retake.csv").write_text(export.format(day="2026-02-20", hour=20, ok="true"))
    (ws.inbox / "exams" / "evening.csv").write_text(export.format(day="2026-02-20", hour=21, ok="false"))
    assert {r.path: r.status for r in ingest(ws, "one")} == dict.fromkeys(
        ["exams/evening.csv", "exams/first.csv", "exams/retake.csv"], "loaded")
    (ws.inbox / "exams" / "first again.csv").write_text(export.format(day="2026-02-15", hour=20, ok="true"))
    assert {r.path: r.status for r in ingest(ws, "two")}["exams/first again.csv"] == "replaced"
