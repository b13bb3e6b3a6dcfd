"""DuckDB reads a large plain CSV into the very cells Python's csv module gives (sources/csvfast.py)."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sources import csvfast
from sources.csvread import read_csv

FIXTURES = Path(__file__).parent / "fixtures"


def python_read(path: Path, monkeypatch) -> pd.DataFrame:
    monkeypatch.setattr(csvfast, "FAST_MIN_BYTES", 1 << 60)
    return read_csv(path)


@pytest.mark.parametrize("fixture", ["inputs/toggl_detailed.csv", "inputs/clockify_detailed.csv",
                                     "inputs/td_per_question.csv", "inputs/udemy_per_question_semicolon.csv",
                                     "inputs/plain_hours.csv", "bad/exams/duplicated-columns.csv",
                                     "bad/exams/formula-injection.csv"])
def test_fixtures_read_the_same(fixture, monkeypatch):
    path = FIXTURES / fixture
    pd.testing.assert_frame_equal(csvfast.read_frame(path), python_read(path, monkeypatch))


@pytest.mark.parametrize("text", [
    'Name,Note,N\r\n"Smith, J","said ""hi""",1\r\n  padded  ,\t tab and nbsp\u00a0,2\r\n',
    "\ufeffDescription;Project;Duration\nKinesis;DEA;01:00:00\n;;\nIAM \u3000;DEA ;00:30:00\n",
    "a,b,a\n1,2,3\n4,,6\n",
])
def test_quotes_spaces_bom_and_repeated_names_read_the_same(tmp_path, monkeypatch, text):
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8", newline="")
    pd.testing.assert_frame_equal(csvfast.read_frame(path), python_read(path, monkeypatch))


@pytest.mark.parametrize("content, why", [
    (b"a,b\n1,2\n\n3,4\n", "blank line"),
    (b'a,b\n"1\n2",3\n', "line break in a cell"),
    (b"a,b\n1,2,3\n", "ragged row"),
    ("a,b\né,2\n".encode("latin-1"), "not UTF-8"),
    (b"sep=;\na;b\n1;2\n", "sep= line"),
    # the Python reader says what is wrong with such a row (or rejects the file for a NUL byte)
    (b"a,b,c\n1,2,3\n4,5\n", "a row cut short"),
    (b"a,b,c\n1,2,3\n4,5,6,7\n", "a row with a cell too many"),
    (b"a,b,c\n1,2,3\n4,5,6,x\n", "a cell beyond the header"),
    (b"a,b,c\n1,2,3\n4,5\x00,6\n", "a NUL byte"),
])
def test_files_duckdb_would_read_differently_are_left_to_python(tmp_path, content, why):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    with pytest.raises(csvfast.NotPlain):
        csvfast.read_frame(path)


def test_large_files_take_the_duckdb_reader_and_stay_identical(tmp_path, monkeypatch):
    rows = "".join(f"user{i % 7},Glue jobs {i % 13},DEA-C01,2026-03-{1 + i % 28:02d},0{i % 3}:15:00\n"
                   for i in range(60_000))
    path = tmp_path / "team.csv"
    path.write_text("User,Description,Project,Start date,Duration\n" + rows)
    assert path.stat().st_size >= csvfast.FAST_MIN_BYTES
    fast = read_csv(path)
    pd.testing.assert_frame_equal(fast, python_read(path, monkeypatch))
    assert len(fast) == 60_000 and fast["line"].iloc[-1] == 60_001


@pytest.mark.parametrize("body, problems", [
    ("1,2,3,\n4,5,6,\n", {}),  # on every row: the exporter's habit
    ("1,2,3\n4,5,,\n7,8,9\n", {3: "the row has 4 cells where the header has 3 (a delimiter too many, or a value "
                                    "with an unquoted delimiter)"}),  # on one row: DuckDB alone reads it as 3 cells
])
def test_blank_cells_past_the_header_are_left_to_python(tmp_path, monkeypatch, body, problems):
    """DuckDB accepts a blank cell too many in some files and not in others: csvread decides for every file."""
    path = tmp_path / "trailing.csv"
    path.write_bytes(b"a,b,c\n" + body.encode() * 2000)
    with pytest.raises(csvfast.NotPlain):
        csvfast.read_frame(path)
    python = python_read(path, monkeypatch)
    assert {line: reason for line, reason in python.attrs["row_problems"].items() if line < 5} == problems


def test_a_large_file_with_a_nul_byte_is_rejected_naming_its_line(tmp_path):
    from sources.canonical import FormatError

    rows = [f"user{i % 7},Glue jobs,DEA-C01,2026-03-01,01:15:00" for i in range(60_000)]
    rows[41_000] = rows[41_000].replace("Glue", "Gl\x00ue")
    path = tmp_path / "team.csv"
    path.write_text("User,Description,Project,Start date,Duration\n" + "\n".join(rows) + "\n")
    assert path.stat().st_size >= csvfast.FAST_MIN_BYTES
    with pytest.raises(FormatError) as err:
        read_csv(path)
    assert str(err.value).startswith(f"{path}:41002: holds a NUL byte (binary data in a text export: "
                                     "a corrupted file?)")


@pytest.mark.parametrize("data, text", [
    # UTF-8 rows with a Windows-1252 row pasted in (an Excel edit): each read as written
    ("Amazon DynamoDB – Schlüssel\n".encode() + "Kinesis – Größe\n".encode("cp1252"),
     "Amazon DynamoDB – Schlüssel\nKinesis – Größe\n"),
    ("Größe café\n".encode("cp1252"), "Größe café\n"),  # Windows-1252 alone
    ("Größe café\n".encode(), "Größe café\n"),  # UTF-8 alone
])
def test_decode_reads_each_encoding_as_written(data, text):
    from sources.text_decode import decode

    assert decode(data) == text


@pytest.mark.parametrize("data", [b"", b"a", b"a,b\n1,2\n", b"a,b\r\n1,2\r\n\r\n\n", b"h\n" + b"x,\xc3\xa9\n" * 9000,
                                  b"h\n" + b"x,1\n" * (3 << 20) + b"\n\n"])  # 12 MiB: two chunks
def test_scan_bytes_counts_lines_as_bytes_count_does(tmp_path, data):
    """The line count over chunks (numpy) is what counting b'\\n' in the whole file gives."""
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    trailing = len(data) - len(data.rstrip(b"\r\n"))
    expected = data.count(b"\n") - data[len(data) - trailing:].count(b"\n") + 1
    assert csvfast.scan_bytes(path)[0] == expected
    assert csvfast._newlines(bytearray(data)) == data.count(b"\n")


DOS_ENDS = {"after a CRLF": (b"a,b,c\r\n1,2,3\r\n4,5,6", b"\r\n\x1a"), "two": (b"a,b\n1,2\n", b"\x1a\x1a"),
            "then a line break": (b"a,b,c\r\n1,2,3\r\n", b"\x1a\r\n"), "one column": (b"a\n1\n2\n", b"\x1a")}


@pytest.mark.parametrize("body, end", DOS_ENDS.values(), ids=DOS_ENDS.keys())
def test_a_dos_end_of_file_mark_on_its_own_line_is_no_row(tmp_path, monkeypatch, body, end):
    """A Ctrl-Z ending the file after its last line (text_decode.DOS_END) is no row on DuckDB's path too: the file
    stays on it. It raised NotPlain ('rows with cells missing or too many'), and a file of one column read a row
    '\\x1a'."""
    path = tmp_path / "dos.csv"
    path.write_bytes(body + end)
    pd.testing.assert_frame_equal(csvfast.read_frame(path), python_read(path, monkeypatch))


@pytest.mark.parametrize("content, why", [
    (b"a,b,c\n1,2,3\n4,5,6\x1a", "the file ends in a DOS end-of-file mark (Ctrl-Z) right after its last cell"),
    (b"a,b\n1,2\n\x1a\n3,4\n\x1a", "rows with cells missing"),  # one not at the end is a row cut short
])
def test_a_dos_end_of_file_mark_duckdb_cannot_drop_is_left_to_python(tmp_path, content, why):
    """Glued to the last cell, DuckDB read it as that cell's end ('6\\x1a', where Python reads '6'), and the file
    stayed on DuckDB's path."""
    path = tmp_path / "dos.csv"
    path.write_bytes(content)
    with pytest.raises(csvfast.NotPlain, match=re.escape(why)):
        csvfast.read_frame(path)


def test_duckdbs_own_error_is_said_with_its_line_and_without_the_lines_cells(tmp_path):
    """Before 7 Dec 2026 the reason was 'DuckDB reads it differently (InvalidInputException)'."""
    rows = ["learner,question,correct"] + [f"ana,q{n},true" for n in range(6000)]
    rows[5000] = "ana,q\xe9-hunter2,true"  # Latin-1 past the first 64 KiB, which the header check reads
    path = tmp_path / "late-latin1.csv"
    path.write_bytes("\n".join(rows).encode("latin-1") + b"\n")
    with pytest.raises(csvfast.NotPlain) as raised:
        csvfast.load(duckdb.connect(), path, "t")
    assert str(raised.value) == ("DuckDB reads it differently (line 5001: Invalid unicode (byte sequence mismatch) "
                                 "detected. This file is not utf-8 encoded.)")
