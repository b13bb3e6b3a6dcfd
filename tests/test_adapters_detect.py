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
