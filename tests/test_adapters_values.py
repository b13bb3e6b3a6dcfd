"""Values the exam adapters must read as the writer meant: Excel fractions in a percent column, times
written as clocks or with units, the column holding the correct mark or a label, and a header naming a column twice."""
from __future__ import annotations

from pathlib import Path

import pytest

from sources import domain_summary_csv, per_question_csv
from sources.canonical import FormatError
from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace


def _write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _scores(tmp_path: Path, text: str):
    adapter, tables = parse_file(_write(tmp_path, text))
    assert adapter is domain_summary_csv
    return tables["domain_scores"]


def _answers(tmp_path: Path, text: str):
    adapter, tables = parse_file(_write(tmp_path, text))
    assert adapter is per_question_csv
    return tables["answers"]


# 1. A percent column read as one: Excel's General format writes 70% as 0,7 and 100% as 1.
SUMMARY = "Exam;Date;Domain;Questions;%\n"
DOMAINS = ["Data Store Management", "Data Operations and Support", "Data Ingestion and Transformation",
           "Data Security and Governance"]


def _summary(cells: list[str], questions: int = 10) -> str:
    return SUMMARY + "".join(f"EU;2026-02-21;{d};{questions};{c}\n" for d, c in zip(DOMAINS, cells))


@pytest.mark.parametrize("cells, percent", [
    (["0,7", "1"], [70, 100]),                      # the reviewer's file: 1 was read as 1%, 0 of 10
    (["0.85", "1", "0"], [85, 100, 0]),
    (["0,7", "72,00%", "1", "0"], [70, 72, 100, 0]),  # a value with % decides nothing
    (["1", "0,5", "1"], [100, 50, 100]),
    (["1,0", "0,5"], [100, 50]),                    # as before: a decimal point makes a fraction
    (["70", "1", "85"], [70, 1, 85]),               # a percent column: 1 is 1%
    (["1", "0"], [1, 0]),                           # nothing says fractions: as written
    (["70%", "1"], [70, 1]),
])
def test_a_percent_column_of_fractions_reads_1_as_100_percent(tmp_path, cells, percent):
    """Of 100 questions a domain, every percent is a whole count (of 10, 85% or 1% would be none: percent_fits_total)."""
    scores = _scores(tmp_path, _summary(cells, questions=100))
    assert scores["percent"].tolist() == pytest.approx(percent)
    assert scores["correct"].tolist() == percent
    assert not [w for w in scores.attrs["warnings"] if "mixes" in w]


@pytest.mark.parametrize("cells, fraction_lines, percent_lines, ones", [
    (["0.7", "85"], "2", "3", None),
    (["85", "0,7", "1", "0.5"], "3, 5", "2", "4"),
])
def test_a_percent_column_mixing_fractions_and_percents_warns_naming_lines(tmp_path, cells, fraction_lines,
                                                                           percent_lines, ones):
    scores = _scores(tmp_path, _summary(cells))
    [warning] = [w for w in scores.attrs["warnings"] if "mixes" in w]
    assert f"fractions (0.7 = 70%: lines {fraction_lines})" in warning
    assert f"percents (85 = 85%: lines {percent_lines})" in warning
    assert (f"1 as 1% (lines {ones})" in warning) if ones else "1 as 1%" not in warning
    assert scores["percent"].iloc[cells.index("85")] == 85  # each read as written, nothing guessed


# 2. Time spent written as a clock or with units.
@pytest.mark.parametrize("value, seconds", [
    ("72", 72), ("64,5", 64.5), ("1:12", 72), ("00:01:05", 65), ("1:02:03", 3723), ("1:12.5", 72.5),
    ("35 sec", 35), ("35s", 35), ("1m 12s", 72), ("1min12sec", 72), ("2 min", 120), ("2 minutes", 120),
    ("26 mins 3 secs", 1563), ("1 h 2 min", 3720), ("1m, 12s", 72), ("0:59", 59),
    ("", None), (None, None), ("abc", None), ("1:75", None), ("1:60:00", None), ("12s 3m", None),
    ("1m 1m", None), ("5 apples", None), ("about 2 min", None), ("2 min ago", None),
])
def test_time_spent_forms(value, seconds):
    result = per_question_csv.to_seconds(value)
    assert result == (pytest.approx(seconds) if seconds is not None else None)


PER_QUESTION = "Attempt,Date,Question,Domain,Correct,Time spent\n"


@pytest.mark.parametrize("times, seconds", [
    (["1:12", "00:01:05", "35 sec"], [72, 65, 35]),
    (["1m 12s", "2 min", "45"], [72, 120, 45]),
])
def test_time_spent_cells_are_read_in_seconds(tmp_path, times, seconds):
    rows = "".join(f"a1,2026-02-07 10:00,{i},Data Store Management,true,{t}\n" for i, t in enumerate(times, 1))
    answers = _answers(tmp_path, PER_QUESTION + rows)
    assert answers["seconds"].tolist() == pytest.approx(seconds)
    assert answers.attrs["warnings"] == []


@pytest.mark.parametrize("times, lines", [
    (["1:12", "a while", "", "35 sec", "??"], "3, 6"),
    (["soon", "1:99"], "2, 3"),
])
def test_an_unreadable_time_spent_cell_is_reported_naming_its_lines(tmp_path, times, lines):
    rows = "".join(f"a1,2026-02-07 10:00,{i},Data Store Management,true,{t}\n" for i, t in enumerate(times, 1))
    answers = _answers(tmp_path, PER_QUESTION + rows)
    unread = len(lines.split(", "))
    assert answers["seconds"].isna().sum() == unread + times.count("")  # left empty, the row is kept
    assert answers.attrs["warnings"] == [f"{unread} 'Time spent' cells are not a time (72, 1:12, 00:01:05, 35 sec, "
                                         f"1m 12s) (lines {lines}): left empty"]


def test_one_unreadable_cell_is_one_cell(tmp_path):
    answers = _answers(tmp_path, PER_QUESTION + "a1,2026-02-07 10:00,1,Data Store Management,true,a while\n")
    assert answers.attrs["warnings"] == ["1 'Time spent' cell is not a time (72, 1:12, 00:01:05, 35 sec, 1m 12s) "
                                         "(line 2): left empty"]


def test_an_unreadable_confidence_cell_is_reported_too(tmp_path):
    text = "Attempt,Question,Domain,Correct,Confidence\na1,1,D1,true,80%\na1,2,D1,true,sure\n"
    answers = _answers(tmp_path, text)
    assert "1 'Confidence' cell is not a number or percent (line 3): left empty" in answers.attrs["warnings"]


# 3. Of several columns that may be the correct mark, the one holding marks.
@pytest.mark.parametrize("header, rows, correct", [
    ("Exam,Date,Question,Domain,Your Answer,Correct,Result",  # the reviewer's file: Correct is the right letter
     ["Ud,2026-02-07,1,Data Store Management,B,B,Correct", "Ud,2026-02-07,2,Data Store Management,A,C,Incorrect"],
     [True, False]),
    ("Exam,Date,Question,Domain,Result,Correct",  # the marks first
     ["Ud,2026-02-07,1,Data Store Management,Correct,B", "Ud,2026-02-07,2,Data Store Management,Incorrect,C"],
     [True, False]),
    ("Exam,Date,Question,Domain,Correct,Outcome",  # a True/False question's answer reads as a mark: fewer rows
     ["Ud,2026-02-07,1,Data Store Management,True,wrong", "Ud,2026-02-07,2,Data Store Management,C,right",
      "Ud,2026-02-07,3,Data Store Management,A,right"],
     [False, True, True]),
    ("Exam,Date,Question,Domain,Correct,Result",  # both marks: the first, as before
     ["Ud,2026-02-07,1,Data Store Management,true,Incorrect", "Ud,2026-02-07,2,Data Store Management,false,Correct"],
     [True, False]),
])
def test_the_correct_column_is_the_one_holding_marks(tmp_path, header, rows, correct):
    answers = _answers(tmp_path, header + "\n" + "\n".join(rows) + "\n")
    assert answers["correct"].tolist() == correct


# 3b. Of several columns named for a label (domain, task, service), the one whose cells name the exam's: the first
# was read ('Part A' matches no exam domain: every row held back) and the other went unsaid.
LABEL_COLUMNS = {
    "Section (parts) before Domain": (
        "Section,Domain", ["Part A,Domain 1", "Part B,Domain 2"], ["Domain 1", "Domain 2"],
        "column 'Section' is not read: 'Domain' is read as the domain (cells naming an exam domain: 2 in 'Domain', "
        "0 in 'Section')"),
    "Category (question kinds) before Knowledge Area": (
        "Category,Knowledge Area", ["Multiple choice,Data Ingestion and Transformation",
                                    "Multiple response,Data Store Management"],
        ["Data Ingestion and Transformation", "Data Store Management"],
        "column 'Category' is not read: 'Knowledge Area' is read as the domain"),
    "Topic (themes) before Service": ("Topic,Service", ["Streaming,Kinesis Data Streams", "Storage,S3"],
                                      ["Kinesis Data Streams", "S3"],
                                      "column 'Topic' is not read: 'Service' is read as the service"),
    "Service before Topic": ("Service,Topic", ["Kinesis Data Streams,Streaming", "S3,Storage"],
                             ["Kinesis Data Streams", "S3"],
                             "column 'Topic' is not read: 'Service' is read as the service"),
    "neither names a domain: the field's own name": (
        "Section,Domain", ["Part A,Basics", "Part B,Advanced"], ["Advanced", "Basics"],
        "column 'Section' is not read: 'Domain' is read as the domain (cells naming an exam domain: 0 in 'Domain', "
        "0 in 'Section'; its name is the field's)"),
}


@pytest.mark.parametrize("columns, rows, labels, said", LABEL_COLUMNS.values(), ids=LABEL_COLUMNS.keys())
def test_inspect_reads_the_label_column_naming_the_exams_and_says_which_it_left(tmp_path, columns, rows, labels,
                                                                                 said):
    path = _write(tmp_path, f"Test,Date,Question,{columns},Correct\n" + "".join(
        f"S,2026-03-05,{i},{row},true\n" for i, row in enumerate(rows, start=1)))
    report = run_json("inspect", str(path))[0]
    assert sorted(m["label"] for m in report["labels"]["answers"]["mappings"]) == labels
    assert [p for p in report["problems"] if said in p], report["problems"]


def test_run_loads_the_domain_column_not_the_section_and_says_so(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "x.csv").write_text("Test,Date,Question,Section,Domain,Correct\n"
                                              "S,2026-03-05,1,Part A,Domain 1,true\n"
                                              "S,2026-03-05,2,Part A,Domain 2,false\n"
                                              "S,2026-03-05,3,Part B,Domain 3,true\n")
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/x.csv (per_question_csv): 3 loaded, 0 quarantined" in proc.stdout
    assert "examready: exams/x.csv: column 'Section' is not read: 'Domain' is read as the domain" in proc.stderr


# 4. A header naming a column twice.
@pytest.mark.parametrize("header, rows, named, lines", [
    ("attempt_id,taken_at,question_id,domain,correct,correct,seconds",  # the reviewer's file
     ["dup-1,2026-02-20 10:00,1,Data Store Management,true,false,30",
      "dup-1,2026-02-20 10:00,2,Data Store Management,false,true,30"], "columns 5 and 6 are both named 'correct'",
     "2 rows (lines 2, 3)"),
    ("question,Domain,correct,domain",
     ["1,Data Store Management,true,Data Store Management", "2,Data Store Management,true,D3",
      "3,Data Store Management,true,"], "columns 2 and 4 are both named 'Domain'", "2 rows (lines 3, 4)"),
    ("Question,Domain,Correct,Time (s),time s", ["1,D1,true,30,30", "2,D1,true,1:00,45"],
     "columns 4 and 5 are both named 'Time (s)'", "1 row (line 3)"),
])
def test_copies_of_a_column_that_disagree_reject_the_file(tmp_path, header, rows, named, lines):
    with pytest.raises(FormatError) as err:
        parse_file(_write(tmp_path, header + "\n" + "\n".join(rows) + "\n"))
    assert named in err.value.message and f"disagree on {lines}" in err.value.message
    assert "which one counts is not guessed" in err.value.hint


@pytest.mark.parametrize("header, rows, warning", [
    ("question,domain,correct,correct", ["1,D1,true,TRUE", "2,D1,no,0"],
     "columns 3 and 4 are both named 'correct'; they agree on every row, read as one"),
    ("question,domain,correct,Time (s),Time (s)", ["1,D1,true,60,1:00", "2,D1,no,,"],
     "columns 4 and 5 are both named 'Time (s)'; they agree on every row, read as one"),
])
def test_copies_of_a_column_that_agree_are_read_as_one_with_a_warning(tmp_path, header, rows, warning):
    answers = _answers(tmp_path, header + "\n" + "\n".join(rows) + "\n")
    assert warning in answers.attrs["warnings"]
    assert answers["correct"].tolist() == [True, False]


def test_a_blank_copy_of_a_column_carries_nothing(tmp_path):
    answers = _answers(tmp_path, "question,domain,correct,domain\n1,D1,true,\n2,D2,false,\n")
    assert answers["domain_label"].tolist() == ["D1", "D2"]
    assert not [w for w in answers.attrs["warnings"] if "named" in w]


def test_a_summary_whose_copies_disagree_is_rejected(tmp_path):
    path = _write(tmp_path, "Date,Domain,Correct,Correct,Total\n2026-02-21,D1,7,7,10\n2026-02-21,D2,6,8,10\n")
    with pytest.raises(FormatError, match=r"columns 3 and 4 are both named 'Correct' and disagree on 1 row \(line 3\)"):
        parse_file(path)


def test_inspect_names_the_disagreeing_copies_and_the_agreeing_ones(tmp_path):
    from examready.inspect import inspect_file
    from sources.blueprint import load_blueprint

    bp = load_blueprint("DEA-C01")
    bad = inspect_file(_write(tmp_path, "question,domain,correct,correct\n1,D1,true,false\n", "bad.csv"), bp)
    good = inspect_file(_write(tmp_path, "question,domain,correct,correct\n1,D1,true,yes\n", "good.csv"), bp)
    assert any("both named 'correct' and disagree on 1 row (line 2)" in p for p in bad["problems"])
    assert "answers: columns 3 and 4 are both named 'correct'; they agree on every row, read as one" in good["problems"]
