"""Every CSV format quarantines a row whose cells do not match the header, on both engines.

Per-question files are covered in test_adapters_csv / test_validation_ge; these are the others:
domain summaries, Moodle grades (one line, several answer rows), Toggl, Clockify, plain hours.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from sources.blueprint import load_blueprint
from sources.ragged_rows import NOT_A_ROW
from sources.registry import parse_file
from tests.test_validation_ge import NOW
from warehouse import validation
from warehouse.mapping import MAPPERS
from warehouse.validation import numbered_in_line, validate_batch

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SHORT = "the row has {} of {} cells (cut short, or a delimiter missing)"
LONG = "the row has {} cells where the header has {} (a delimiter too many, or a value with an unquoted delimiter)"


def _ragged_copy(tmp_path: Path, name: str, edits: dict[int, object]) -> Path:
    """The fixture with some lines' cells changed (line -> number of cells kept, or cells appended);
    the Moodle map file is copied beside it."""
    with open(INPUTS / name, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    for line, edit in edits.items():
        rows[line - 1] = rows[line - 1][:edit] if isinstance(edit, int) else rows[line - 1] + edit
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    if name == "moodle_grades.csv":
        shutil.copy(INPUTS / "moodle_grades_map.csv", tmp_path / "moodle_grades_map.csv")
    return path


def _judged(path: Path, monkeypatch):
    """(the parsed frame, its failures as (line, line_row, check) -> reason), checked equal on both engines."""
    bp = load_blueprint("DEA-C01")
    ((table, frame),) = parse_file(path)[1].items()
    batch = MAPPERS[table](numbered_in_line(frame), bp)
    verdicts = []
    for threshold in (1 << 60, 0):  # Great Expectations, then the SQL form
        monkeypatch.setattr(validation, "SQL_MIN_ROWS", threshold)
        failures, results = validate_batch(table, batch, NOW, [d.id for d in bp.domains])
        verdicts.append((failures.to_dict("records"), results.drop(columns="engine")
                         .sort_values("expectation").to_dict("records")))
    assert verdicts[0] == verdicts[1]
    return frame, {(int(f["line"]), int(f["line_row"]), f["check_name"]): f["reason"] for f in verdicts[0][0]}


@pytest.mark.parametrize("name, edits, expected, extra", [
    ("td_domain_summary.csv", {3: 5, 4: ["stray"], 5: [""]},  # line 5: a blank cell where no other row has one
     {3: SHORT.format(5, 7), 4: LONG.format(8, 7), 5: LONG.format(8, 7)}, {4: ["stray"]}),
    ("skillbuilder_summary.csv", {2: 4, 3: ["7", "x"]}, {2: SHORT.format(4, 6), 3: LONG.format(8, 6)},
     {3: ["7", "x"]}),
    ("moodle_grades.csv", {2: 6, 3: ["stray"], 4: 3, 5: ["stray"]},  # 4: cut before State; 5: in progress
     {2: SHORT.format(6, 14), 3: LONG.format(15, 14), 4: SHORT.format(3, 14), 5: LONG.format(15, 14)},
     {3: ["stray"], 5: ["stray"]}),
    ("toggl_detailed.csv", {3: 12, 5: ["stray"]}, {3: SHORT.format(12, 14), 5: LONG.format(15, 14)},
     {5: ["stray"]}),
    ("clockify_detailed.csv", {2: 10, 4: ["", "stray"]}, {2: SHORT.format(10, 17), 4: LONG.format(19, 17)},
     {4: ["", "stray"]}),
    ("plain_hours.csv", {3: 2, 4: ["keys"]}, {3: SHORT.format(2, 3), 4: LONG.format(4, 3)}, {4: ["keys"]}),
])
def test_a_ragged_row_is_quarantined_for_its_cells_alone(tmp_path, monkeypatch, name, edits, expected, extra):
    """Each ragged line's rows fail `cells_match_header` with the exact reason and nothing else
    (not the values that then sit in the wrong columns); its cells beyond the header are kept;
    the other lines are judged as in the untouched file."""
    frame, failures = _judged(_ragged_copy(tmp_path, name, edits), monkeypatch)
    (tmp_path / "sound").mkdir()
    _, before = _judged(_ragged_copy(tmp_path / "sound", name, {}), monkeypatch)
    rows_per_line = frame.groupby("line").size()
    assert {key: reason for key, reason in failures.items() if key[0] in edits} == {
        (line, row, "cells_match_header"): reason
        for line, reason in expected.items() for row in range(rows_per_line[line])}
    assert {k: r for k, r in failures.items() if k[0] not in edits} == {k: r for k, r in before.items()
                                                                          if k[0] not in edits}
    assert {int(line): cells for line, cells in zip(frame["line"], frame["extra_cells"]) if cells} == extra


@pytest.mark.parametrize("body, problems", [
    # every row ends in a delimiter the header lacks: the exporter's habit, no problem
    ("q1,Storage,1,a,\nq2,Security,0,,\nq3,Storage,1,b,\n", {}),
    ("q1,Storage,1,a,\nq2,Security,0,,\nq3,Storage,1,b\n", {}),  # one row without it is sound
    # one row's question holds an unquoted comma and its last cell is blank: its values moved right
    ("q1,Storage,1,fine\nWhat is S3, really?,Storage,1,\nq3,Storage,1,\n", {3: LONG.format(5, 4)}),
    ("q1,Storage,1,fine\nq2,Security,0,ok\nq3, Glue,Ingestion,1,\n", {4: LONG.format(5, 4)}),
])
def test_blank_cells_past_the_header_are_a_trailing_delimiter_only_where_rows_usually_have_them(
        tmp_path, body, problems):
    from sources.csvread import read_csv

    path = tmp_path / "answers.csv"
    path.write_text("question,domain,correct,note\n" + body, encoding="utf-8")
    assert read_csv(path).attrs["row_problems"] == problems


PAGE_LINE = ("not a row of this export: a page line ('Page 2') between its rows (a page break); the rows before and "
             "after it are read")
PAGE_LINES = ["Page 2", "Page 2 of 3", "page 2/3", "  PAGE 12  OF  40 ", "Page 2,", "\"Page 2 of 3\"",
              "Page 2{full}", "Page 2 of 3{full},,"]  # {full}: a delimiter for each other column (Excel's way)


@pytest.mark.parametrize("name", ["td_per_question.csv", "toggl_detailed.csv"])
@pytest.mark.parametrize("page", PAGE_LINES)
def test_a_page_line_between_an_exports_rows_is_held_back_as_no_row(tmp_path, name, page):
    """A page line of one cell between the rows ('Page 2 of 3', no '#') is held back as a page break, as a '#' line
    is (sources/ragged_rows.py not_a_row): the rows before and after it read as without it, and it names no
    learner. It was 'the row has 1 of 9 cells (cut short, or a delimiter missing)', its first cell read: in a Toggl
    export its User cell, with no email, made the learner's own export a team's (every entry stored under
    alex@example.com)."""
    lines = (INPUTS / name).read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path = tmp_path / name
    page = page.replace("{full}", "," * lines[0].count(","))
    path.write_text("".join(lines[:3] + [page + "\n"] + lines[3:]), encoding="utf-8")
    from examready.inspect import _row_problems

    ((table, frame),) = parse_file(path)[1].items()
    assert frame["cells"][frame["line"] == 4].tolist() == [PAGE_LINE]
    assert frame["cells"][frame["line"] != 4].isna().all()
    assert "learner_id" not in frame.columns  # a learner's own export: the page line is no second person
    assert f"{table}: 1 line where a page line ('Page 2', 'Page 2 of 3') is between the rows (a page break) " \
        "(line 4)" in _row_problems(table, frame)
    expected = next(iter(parse_file(INPUTS / name)[1].values()))
    assert frame["line"][frame["line"] != 4].tolist() == [n + (n > 3) for n in expected["line"]]


@pytest.mark.parametrize("header, line", [
    ("topic", "page 2"),  # one column: no line is short, 'page 2' is a row as written
    ("question,domain,correct", "page 2,D1"),  # a second cell: a row cut short
    ("question,domain,correct", "Page two"), ("question,domain,correct", "Page 2 notes"),
    ("question,domain,correct", "p. 2"), ("question,domain,correct", "2 of 3"),
    ("question,domain,correct", "Page 2 of"), ("question,domain,correct", "Pages 2"),
])
def test_a_line_not_only_a_page_mark_is_not_hidden_as_one(tmp_path, header, line):
    from sources.csvread import read_csv

    path = tmp_path / "answers.csv"
    width = header.count(",") + 1
    path.write_text(f"{header}\n{','.join(['x'] * width)}\n{line}\n", encoding="utf-8")
    cells = len(line.split(","))
    assert read_csv(path).attrs["row_problems"] == ({} if width == 1 else {3: SHORT.format(cells, width)})


@pytest.mark.parametrize("line, reason", [("Page 2,,,,,", PAGE_LINE), ("# page 2,,,,,", NOT_A_ROW),
                                          ("Page 2 of 3,,,,,,,", PAGE_LINE)])
def test_a_page_line_at_full_width_names_no_learner_of_a_class_export(tmp_path, line, reason):
    """Excel saves a page line with a delimiter for each column: its first cell, in a learner column, was a
    second learner ('learners: 2 named in the file (Page 2, ana)'), so ana's own export was stored under 'ana',
    not the workspace's learner; the line was held back for a date and a mark missing."""
    path = tmp_path / "class.csv"
    path.write_text("Student,Exam,Date taken,Question,Domain,Correct?\nana,m1,2026-03-05 10:00,q1,Domain 1,true\n"
                    f"{line}\nana,m1,2026-03-05 10:02,q2,Domain 2,true\n", encoding="utf-8")
    frame = parse_file(path)[1]["answers"]
    assert frame["cells"][frame["line"] == 3].tolist() == [reason]
    assert frame["cells"][frame["line"] != 3].isna().all()
    assert set(frame["learner_id"].dropna()) == {"ana"}
