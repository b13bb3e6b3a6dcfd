"""Large plain CSV files read by DuckDB: the cells `csvread.read_csv` gives, without a Python loop.

Used for files of FAST_MIN_BYTES or more by `csvread.read_csv` (Toggl/Clockify team exports)
and by the warehouse's bulk path (`warehouse/bulk_read.py`). A file DuckDB would read
differently from Python's csv module — not UTF-8, an Excel `sep=` line or title lines above
the header, blank lines, line breaks inside cells, ragged rows, NUL bytes — raises NotPlain, and the caller
reads it the Python way.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from sources.csv_columns import unique_names
from sources.csv_layout import header_record, layout
from sources.ragged_rows import PAGE_MARK
from sources.text_decode import decode

FAST_MIN_BYTES = 1 << 20
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # what str.strip() strips
BLANKS = "'" + SPACES + "'"  # the same, as a SQL literal for trim()
ASCII_SPACES = [c.encode() for c in SPACES if c.isascii() and c not in " \n\r"]
UNICODE_SPACES = [c.encode() for c in SPACES if not c.isascii()]
EXTRA, RAGGED, DOS_LINE, NO_DATA = "__cell_past_the_header", "__ragged", "__dos_end", "__no_data"  # `load` adds
NOT_A_CELL = "\x01"  # DuckDB's nullstr: NULL then means a cell the row does not have
DOS_END = re.compile(rb"\x1a[\x1a\r\n]*\Z")  # text_decode.DOS_END in bytes: a Ctrl-Z ending the file is no line


class NotPlain(Exception):
    """This file needs Python's csv reader; not an error in the file."""


def _newlines(chunk) -> int:
    """How many b"\\n" the chunk holds (numpy: 0.013 s per 100 MB against 0.048 for bytes.count)."""
    return int(np.count_nonzero(np.frombuffer(chunk, dtype=np.uint8) == 10))


def scan_bytes(path: Path) -> tuple[int, bool, int]:
    """(lines up to the last non-blank one, whether a cell may end in whitespace other than spaces, how many lines
    of a DOS end-of-file mark end the file: `DOS_END`, not counted among the lines).

    DuckDB's trim() strips spaces only, str.strip() all whitespace; trimming a set of
    characters in DuckDB is 3x slower, so it is used only when the bytes hold one anywhere.
    A NUL byte raises NotPlain: `csvread.read_csv` rejects the file naming its line.
    """
    count, tail, odd = 0, b"", False
    buffer = bytearray(1 << 23)  # reused: a fresh 8 MiB chunk each time cost half the scan in page faults
    with open(path, "rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            chunk = buffer if size == len(buffer) else buffer[:size]
            if b"\x00" in chunk:
                raise NotPlain("the file holds a NUL byte")
            count, tail = count + _newlines(chunk), (tail + chunk[-4096:])[-4096:]
            odd = odd or any(c in chunk for c in ASCII_SPACES) \
                or (b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n")) \
                or (not chunk.isascii() and any(w in chunk for w in UNICODE_SPACES))
    if dos_end := DOS_END.search(tail):  # DuckDB reads its line as a row (or glued to the last cell, as its end)
        if not tail[:dos_end.start()].endswith((b"\n", b"\r")):
            raise NotPlain("the file ends in a DOS end-of-file mark (Ctrl-Z) right after its last cell")
        count, tail = count - tail[dos_end.start():].count(b"\n"), tail[:dos_end.start()]
    marks = sum(1 for line in dos_end.group().split(b"\n") if line.strip(b"\r")) if dos_end else 0
    trailing = tail[len(tail.rstrip(b"\r\n")):].count(b"\n")  # the last row's newline and blank lines after it
    return count - trailing + 1, odd, marks


def _header(path: Path) -> tuple[list[str], str]:
    """(column names as csvread names them, delimiter) of a UTF-8 file whose first line is the header."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16).removeprefix(b"\xef\xbb\xbf")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the head
            raise NotPlain("the file is not UTF-8") from exc
    lines = [ln for ln in decode(head).splitlines() if ln.strip()]
    delimiter, skip = layout(lines, find_header=True)
    if skip or not lines:
        raise NotPlain("a sep= line or title lines above the header" if skip else "no header")
    if header_record(lines, 0, delimiter) != lines[0]:
        raise NotPlain("a header cell with a line break")  # DuckDB would number the rows from line 2
    return unique_names([c.strip() for c in next(csv.reader([lines[0]], delimiter=delimiter))]), delimiter


def load(con, path: Path, table: str, select=lambda names, odd: "*") -> tuple[list[str], bool]:
    """Table `table`: `select(names, odd)` of the file's text cells, in file order; (column names, odd spaces)."""
    lines, odd, marks = scan_bytes(path)
    names, delimiter = _header(path)
    # One column past the header and padding with NULL (blank cells read as ''): a row with cells missing
    # has a NULL last column, one with cells too many a non-NULL extra one. DuckDB alone would accept a
    # row with a blank cell too many in some files and not in others; csvread judges those rows.
    ragged = f'("{names[-1]}" IS NULL OR "{EXTRA}" IS NOT NULL) AS {RAGGED}'
    # the DOS end's lines (a cell of Ctrl-Z alone), deleted below when they are the last rows
    mark = " AND ".join([f"\"{names[0]}\" <> '' AND ltrim(\"{names[0]}\", chr(26)) = ''",
                         *(f'"{n}" IS NULL' for n in [*names[1:], EXTRA])])
    ragged += f", coalesce({mark}, false) AS {DOS_LINE}" if marks else ""
    ragged += f", {_no_data(names, odd)} AS {NO_DATA}" if len(names) > 1 else f", false AS {NO_DATA}"
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {select(names, odd)}, {ragged} FROM read_csv(?, "
                    "delim = ?, quote = '\"', escape = '\"', header = true, all_varchar = true, encoding = 'utf-8', "
                    "names = ?, null_padding = true, nullstr = ?, comment = '')",  # no '#' line is a comment
                    [str(path), delimiter, [*names, EXTRA], NOT_A_CELL])
    except duckdb.Error as exc:  # invalid UTF-8 further down, …
        raise NotPlain(f"DuckDB reads it differently ({_duckdb_reason(exc)})") from exc
    if marks:  # a Ctrl-Z line before them is a row: Python's reader holds it, as it is ragged here
        con.execute(f"DELETE FROM {table} WHERE {DOS_LINE} AND rowid >= (SELECT count(*) FROM {table}) - {marks}")
    rows, ragged_rows, no_data = con.execute(f"SELECT count(*), count(*) FILTER ({RAGGED}), count(*) FILTER "
                                             f"({NO_DATA}) FROM {table}").fetchall()[0]
    if ragged_rows or no_data or rows + 1 != lines:
        con.execute(f"DROP TABLE {table}")
        raise NotPlain("rows with cells missing or too many" if ragged_rows else
                       "a '#' or page line between its rows" if no_data else
                       "some rows span several lines, or lines are blank")  # line numbers would be wrong
    return names, odd


def _duckdb_reason(exc: duckdb.Error) -> str:
    """What DuckDB's error says of the file, with its line, but not the line's cells (a secret may be among them):
    'line 25001: Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.'"""
    head, *rest = str(exc).splitlines() or [""]
    line = re.search(r"CSV Error on Line: (\d+)", head)
    said = next((text.strip() for text in rest if text.strip() and not text.startswith("Original Line")), None)
    if not line or said is None:
        return type(exc).__name__
    return f"line {line.group(1)}: {said}"[:200]


def _no_data(names: list[str], odd: bool) -> str:
    """SQL for a row whose only cell written is the first, a '#' line or a page mark (ragged_rows.not_a_row: the
    row reader holds it back)."""
    first = f'trim("{names[0]}")'
    blank = [f"coalesce({stripped(n, odd)}, '') = ''" for n in names[1:]]  # NULL: a cell the row lacks
    # nested: one test on most rows, the last cell (an AND of all cells took 0.2 CPU-s a 1.3M-row file)
    return (f"CASE WHEN {blank[-1]} THEN CASE WHEN {' AND '.join(blank[:-1]) or 'true'} THEN prefix({first}, '#') "
            f"OR regexp_full_match({first}, '{PAGE_MARK.pattern}', 'i') ELSE false END ELSE false END")


def stripped(column: str, odd: bool) -> str:
    """SQL for a cell as str.strip() leaves it, NULL when blank."""
    cell = f'"{column}"'
    if odd:
        return f"NULLIF(trim({cell}, {BLANKS}), '')"
    # trim() copies every string; most have no space at either end (a whole read: 0.54 s -> 0.48 s)
    return f"NULLIF(CASE WHEN prefix({cell}, ' ') OR suffix({cell}, ' ') THEN trim({cell}) ELSE {cell} END, '')"


def not_blank(names: list[str], odd: bool) -> str:
    """SQL condition for a row with a non-blank cell (csv readers skip the others, like blank lines)."""
    return f"coalesce({', '.join(stripped(n, odd) for n in names)}) IS NOT NULL"


def read_frame(path: Path) -> pd.DataFrame:
    """What `csvread.read_csv` returns for the file: stripped text cells ('' when blank) and `line`."""
    with duckdb.connect() as con:
        names, odd = load(con, path, "cells")
        cells = ", ".join(f"coalesce({stripped(n, odd)}, '') AS \"{n}\"" for n in names)
        frame = con.execute(f"SELECT {cells}, rowid + 2 AS line FROM cells WHERE {not_blank(names, odd)} "
                            "ORDER BY rowid").df()  # line 1 is the header
    text = frame.columns[:-1]
    frame[text] = frame[text].astype(object)
    frame["line"] = frame["line"].astype("int64")
    return frame
