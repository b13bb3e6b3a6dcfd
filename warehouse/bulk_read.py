"""A large CSV read by DuckDB as text, and per-distinct-value lookup tables built in Python.

A bootcamp's export holds millions of rows but few distinct values per column (a dozen domain
labels, two spellings of correct, a few thousand dates). Each distinct value goes once through
the same Python readers the pandas adapters use; a join applies the result to every row.
A file DuckDB would read differently from `sources.csvread` (another encoding, a `sep=` line,
blank lines, line breaks inside cells, ragged rows) raises NotBulk: it takes the pandas path.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from sources.csvread import decode, layout, norm

SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # what str.strip() strips
BLANKS = "'" + SPACES + "'"  # the same, as a SQL literal for trim()
ASCII_SPACES = [c.encode() for c in SPACES if c.isascii() and c not in " \n\r"]
UNICODE_SPACES = [c.encode() for c in SPACES if not c.isascii()]


class NotBulk(Exception):
    """This file needs the pandas reader; not an error in the file."""


def scan_bytes(path: Path) -> tuple[int, bool]:
    """(lines in the file, whether a cell may end in whitespace other than spaces).

    DuckDB's trim() strips spaces only; Python's strip() (the pandas reader) strips all
    whitespace. Trimming a set of characters in DuckDB is 3x slower, so it is used only
    when the bytes hold such a character anywhere.
    """
    count, last, odd = 0, b"\n", False
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 23):
            count, last = count + chunk.count(b"\n"), chunk[-1:]
            odd = odd or any(c in chunk for c in ASCII_SPACES) \
                or (b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n")) \
                or (not chunk.isascii() and any(w in chunk for w in UNICODE_SPACES))
    return count + (last != b"\n"), odd


def _delimiter(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(1 << 16).removeprefix(b"\xef\xbb\xbf")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the head
            raise NotBulk("the file is not UTF-8") from exc
    delimiter, skip = layout([ln for ln in decode(head).splitlines() if ln.strip()])
    if skip:
        raise NotBulk("the file starts with a sep= line")
    return delimiter


def read_text(con, path: Path, aliases: dict[str, str]) -> dict[str, str]:
    """Temp view bulk_text: `line` plus each aliased column as stripped text (blank -> NULL).

    Returns canonical name -> column of the file for the columns the header has.
    """
    lines, odd_spaces = scan_bytes(path)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE bulk_text_raw AS SELECT * FROM read_csv(?, delim = ?, "
                    "quote = '\"', escape = '\"', header = true, all_varchar = true, encoding = 'utf-8')",
                    [str(path), _delimiter(path)])
    except duckdb.Error as exc:  # ragged rows, invalid UTF-8 further down, …
        raise NotBulk(f"DuckDB reads it differently ({type(exc).__name__})") from exc
    rows = con.execute("SELECT count(*) FROM bulk_text_raw").fetchone()[0]
    if rows + 1 != lines:  # a row per line after the header, or line numbers would be wrong
        raise NotBulk("some rows span several lines, or lines are blank")
    found: dict[str, str] = {}
    for (name,) in con.execute("SELECT column_name FROM (DESCRIBE bulk_text_raw)").fetchall():
        canonical = aliases.get(norm(name))
        if canonical and canonical not in found:
            found[canonical] = name
    strip = f"trim({{}}, {BLANKS})" if odd_spaces else "trim({})"
    columns = ", ".join(f"NULLIF({strip.format(chr(34) + column + chr(34))}, '') AS \"{canonical}\""
                        for canonical, column in found.items())
    # rowid: the row's place in the file (DuckDB keeps insertion order); line 1 is the header
    con.execute(f"CREATE OR REPLACE TEMP VIEW bulk_text AS SELECT rowid + 2 AS line, {columns} FROM bulk_text_raw")
    return found


def distinct(con, column: str) -> list[str]:
    """The distinct non-blank values of a bulk_text column, in order of first appearance."""
    return [r[0] for r in con.execute(f'SELECT "{column}" FROM bulk_text WHERE "{column}" IS NOT NULL '
                                      f'GROUP BY ALL ORDER BY min(line)').fetchall()]


def lookup(con, name: str, keys: dict[str, list], values: dict[str, pd.Series]) -> None:
    """Register a lookup table `name` (key columns + value columns) for joins."""
    frame = pd.DataFrame({**{k: pd.Series(v, dtype=object) for k, v in keys.items()}, **values})
    con.register(name, frame)
