"""Detection by content: every fixture is found as its format, whatever its file name."""
import shutil
from pathlib import Path

import pytest

from sources.canonical import FormatError
from sources.registry import ADAPTERS, detect, parse_file

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
EXPECTED = {
    "td_per_question.csv": "per_question_csv",
    "udemy_per_question_semicolon.csv": "per_question_csv",
    "td_domain_summary.csv": "domain_summary_csv",
    "skillbuilder_summary.csv": "domain_summary_csv",
    "toggl_detailed.csv": "toggl",
    "kinesis-notes.md": "markdown_notes",
    "broken-frontmatter.md": "markdown_notes",
    "obsidian-daily.md": "markdown_notes",
    "clockify_detailed.csv": "clockify",
    "clockify_us.csv": "clockify",
    "plain_hours.csv": "plain_hours",
    "moodle_grades.csv": "moodle",
    "moodle_grades_map.csv": "moodle_question_map",
}


def test_every_fixture_has_an_expected_format():
    names = {p.name for p in INPUTS.iterdir()}
    assert set(EXPECTED) == names


@pytest.mark.parametrize("name,fmt", sorted(EXPECTED.items()))
def test_detected_by_content(name, fmt):
    assert detect(INPUTS / name).FORMAT == fmt


@pytest.mark.parametrize("name,fmt", sorted(EXPECTED.items()))
@pytest.mark.parametrize("wrong", ["export.txt", "data.md", "notes.csv", "noext"])
def test_detected_under_a_wrong_name(tmp_path, name, fmt, wrong):
    copy = tmp_path / wrong
    shutil.copyfile(INPUTS / name, copy)
    assert detect(copy).FORMAT == fmt


def test_adapter_contract():
    for adapter in ADAPTERS:
        assert adapter.KIND in {"exams", "hours", "notes"}
        assert isinstance(adapter.FORMAT, str) and callable(adapter.detect) and callable(adapter.parse)
    assert len({a.FORMAT for a in ADAPTERS}) == len(ADAPTERS)


def test_unknown_csv_is_not_detected_and_fails_clearly(tmp_path):
    path = tmp_path / "bank.csv"
    path.write_text("IBAN,Amount,Booked\nDE001,12.00,2026-01-01\n", encoding="utf-8")
    assert detect(path) is None
    with pytest.raises(FormatError) as err:
        parse_file(path)
    message = str(err.value)
    assert "bank.csv:1" in message and "unknown file format" in message
    for adapter in ADAPTERS:
        assert adapter.FORMAT in message


@pytest.mark.parametrize("name, text, note_advice", [
    ("glue.txt", "Glue crawlers infer schemas.\nAthena queries S3.\n", True),  # prose saved as text
    ("glue.TXT", "Glue crawlers infer schemas.\n", True),
    ("results.txt", "Question\tDomain\tScore\nq1\tD1\t1\n", False),  # near a CSV format: its advice
    ("glue.csv", "Glue crawlers infer schemas.\nAthena queries S3.\n", False),
    ("bank.txt", "IBAN,Amount,Booked\nDE001,12.00,2026-01-01\n", False),  # columns, not prose: a CSV's advice
    ("glue2.txt", "Glue, Athena and S3 work together in a lake house.\n", True),
])
def test_a_text_file_no_format_reads_is_told_how_to_make_it_a_note(tmp_path, name, text, note_advice):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as err:
        parse_file(path)
    message = str(err.value)
    assert f"{name}:1" in message and "unknown file format" in message
    assert ("name it .md or start it with a # heading" in message) == note_advice, message


def test_binary_file_is_unknown(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    assert detect(path) is None


def test_empty_file_says_so(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(FormatError, match="the file is empty"):
        parse_file(path)


def test_header_only_csv_parses_to_no_rows(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("attempt_id,taken_at,provider,question_id,domain,task,correct,seconds,confidence\n")
    adapter, tables = parse_file(path)
    assert adapter.FORMAT == "per_question_csv" and len(tables["answers"]) == 0


TITLED = Path(__file__).parent / "fixtures" / "titled"


@pytest.mark.parametrize("name,fmt", [("td_results_with_title.csv", "domain_summary_csv"),
                                      ("td_review_with_title.csv", "per_question_csv")])
@pytest.mark.parametrize("wrong", ["results.csv", "noext"])
def test_header_below_title_lines_is_detected(tmp_path, name, fmt, wrong):
    copy = tmp_path / wrong
    shutil.copyfile(TITLED / name, copy)
    assert detect(copy).FORMAT == fmt


def test_title_above_an_unknown_header_is_still_unknown(tmp_path):
    path = tmp_path / "bank.csv"
    path.write_text("My bank, statement, January\n\nIBAN,Amount,Booked\nDE001,12.00,2026-01-01\n",
                    encoding="utf-8")
    assert detect(path) is None
    with pytest.raises(FormatError, match="unknown file format"):
        parse_file(path)


def test_a_note_claimed_as_it_is_is_not_searched_for_a_header(tmp_path):
    """Title lines are looked for only when no format recognises the file: a note stays a note."""
    for text in ["# Mock results\n\nquestion,domain,correct\n1,D1,true\n",
                 "Results of set 3:\n```\nquestion,domain,correct\n1,D1,true\n```\n"]:
        path = tmp_path / "note.md"
        path.write_text(text, encoding="utf-8")
        assert detect(path).FORMAT == "markdown_notes"


@pytest.mark.parametrize("name", ["results.csv", "results.txt", "results"])
def test_hash_title_lines_above_a_csv_header_are_title_lines_not_a_note(tmp_path, name):
    """`# Exported …` above the header of a file not named as Markdown: its rows are the export's, not a note's text."""
    path = tmp_path / name
    path.write_text("# Tutorials Dojo results\n# Exported on 2026-02-10\n\nquestion,domain,correct\n1,D1,true\n"
                    "2,D2,false\n", encoding="utf-8")
    adapter, tables = parse_file(path)
    assert adapter.FORMAT == "per_question_csv"
    answers = tables["answers"]
    assert answers["line"].tolist() == [5, 6] and answers["correct"].tolist() == [True, False]
    assert {str(t.date()) for t in answers["taken_at"]} == {"2026-02-10"}


HASH_LINE_BETWEEN_ROWS = {
    "a page line": ("question,domain,correct\n1,D1,true\n# page 2\n2,D2,false\n", [2, 4], 3),
    "with delimiters after it": ("question,domain,correct\n1,D1,true\n# page 2,\n2,D2,false\n", [2, 4], 3),
    "below title lines": ("# Tutorials Dojo results\nquestion,domain,correct\n1,D1,true\n\n#--- page 2 ---\n"
                          "2,D2,false\n", [3, 6], 5),
    "semicolons": ("question;domain;correct\n1;D1;true\n# Seite 2\n2;D2;false\n", [2, 4], 3),
}


@pytest.mark.parametrize("text, rows, stray", HASH_LINE_BETWEEN_ROWS.values(), ids=HASH_LINE_BETWEEN_ROWS.keys())
def test_a_hash_line_between_an_exports_rows_is_held_back_as_no_row(tmp_path, text, rows, stray):
    """`# page 2` between the rows of an export not named as Markdown: the rows are read, the line is held back
    as no row of it. The file was rejected as 'ambiguous format: looks like per_question_csv and markdown_notes —
    rename the columns as in docs/formats.md'."""
    path = tmp_path / "results.csv"
    path.write_text(text, encoding="utf-8")
    adapter, tables = parse_file(path)
    assert adapter.FORMAT == "per_question_csv"
    answers = tables["answers"]
    assert answers["line"][answers["cells"].isna()].tolist() == rows
    assert answers["cells"][answers["line"] == stray].tolist() == [
        "not a row of this export: a '#' line between its rows (a page break, a comment?); the rows before and "
        "after it are read"]


def test_a_hash_line_between_an_exports_rows_names_no_learner(tmp_path):
    """As a row repeating the header: its first cell, in the learner column, is no person ('its learner column
    names # page 2, alex@example.com' was said of it)."""
    from sources.learners import HEADER_LINES

    path = tmp_path / "results.csv"
    path.write_text("email,question,domain,correct\nalex@example.com,1,D1,true\n# page 2\n"
                    "alex@example.com,2,D2,false\n", encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers.attrs[HEADER_LINES] == {3}
    assert answers["learner_id"].tolist() == ["alex@example.com", None, "alex@example.com"]


BROKEN_HEADER_CELLS = {
    "a line break": ('"Question\nID",domain,correct\n1,D1,true\n2,D2,false\n', [3, 4]),
    "CRLF": ('"Question\r\nID",domain,correct\r\n1,D1,true\r\n2,D2,false\r\n', [3, 4]),
    "two, semicolons": ('question;"Domain\nname";"Correct\n?"\n1;D1;true\n2;D2;false\n', [4, 5]),
    "below a title": ('Practice Test 3\nquestion,domain,"Answered\ncorrectly"\n1,D1,true\n2,D2,false\n', [4, 5]),
}


@pytest.mark.parametrize("text, lines", BROKEN_HEADER_CELLS.values(), ids=BROKEN_HEADER_CELLS.keys())
def test_a_header_cell_with_a_line_break_is_read_as_with_a_space(tmp_path, text, lines):
    """Excel's wrapped header text ('"Question\nID"') is the name with a space: the file is its format. It was
    'results.csv:1: unknown file format — closest formats: per_question_csv needs a question, …'."""
    path = tmp_path / "results.csv"
    path.write_bytes(text.encode("utf-8"))
    adapter, tables = parse_file(path)
    assert adapter.FORMAT == "per_question_csv"
    answers = tables["answers"]
    assert answers["line"].tolist() == lines and answers["cells"].isna().all()
    assert answers["question_id"].tolist() == ["1", "2"] and answers["correct"].tolist() == [True, False]


def test_a_header_with_a_line_break_repeated_between_rows_is_the_header_again(tmp_path):
    from sources.csvread import read_csv

    header = '"Question\nID",domain,correct\n'
    path = tmp_path / "results.csv"
    path.write_text(header + "1,D1,true\n" + header + "2,D2,false\n", encoding="utf-8")
    frame = read_csv(path)
    assert list(frame.columns) == ["Question ID", "domain", "correct", "line"]
    assert frame["line"].tolist() == [3, 4, 6]
    assert frame.attrs["row_problems"][4].startswith("the row repeats the header (line 1)")


NUL_REASON = "holds a NUL byte (binary data in a text export: a corrupted file?)"


def _with_nul(lines: list[str], line: int, newline: str = "\n") -> bytes:
    """The lines joined, with a NUL byte in the middle of 1-based `line`."""
    lines = list(lines)
    lines[line - 1] = lines[line - 1][:10] + "\x00" + lines[line - 1][10:]
    return (newline.join(lines) + newline).encode("utf-8")


@pytest.mark.parametrize("line, newline, prefix", [
    (8, "\n", b""), (8, "\r\n", b""), (2, "\n", b""), (1, "\n", b""), (11, "\n", b""),
    (8, "\n", b"\xef\xbb\xbf"),  # a UTF-8 BOM
    (1500, "\n", b""),  # beyond the head the registry reads: the CSV reader finds it
])
def test_a_nul_byte_in_a_csv_export_is_rejected_naming_its_line(tmp_path, line, newline, prefix):
    lines = (INPUTS / "td_per_question.csv").read_text(encoding="utf-8").splitlines()
    lines += [lines[-1]] * max(0, line - len(lines))
    path = tmp_path / "results.csv"
    path.write_bytes(prefix + _with_nul(lines, line, newline))
    with pytest.raises(FormatError) as err:
        parse_file(path)
    assert str(err.value) == (f"{path}:{line}: {NUL_REASON} — export it again from the tool; "
                              "a CSV export holds no NUL bytes")


def test_a_file_of_nul_bytes_after_its_rows_names_the_first_one(tmp_path):
    """A download or disk error leaves zeros where the end of the file was."""
    text = (INPUTS / "td_per_question.csv").read_bytes()
    path = tmp_path / "results.csv"
    path.write_bytes(text[:600] + b"\x00" * 4096)
    line = text[:600].count(b"\n") + 1
    with pytest.raises(FormatError, match=f"results.csv:{line}: holds a NUL byte"):
        parse_file(path)


@pytest.mark.parametrize("content, said", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "unknown file format"),
    (b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)) * 4, "a zip archive, not a text export"),  # by its first bytes
    (b"IBAN,Amount\nDE\x0001,12.00\n", "unknown file format")])
def test_binary_files_and_unknown_text_with_nul_bytes_stay_unknown(tmp_path, content, said):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=rf"file.csv:1: {said}"):
        parse_file(path)
