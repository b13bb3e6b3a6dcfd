"""Columns a CSV header names twice (`correct,correct`): found as header names are matched, and
compared row by row (copies that agree are read as one; copies that disagree reject the file)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.canonical import FormatError
from sources.csv_columns import name_as_written, norm
from sources.distinct_values import map_distinct


def line_list(lines) -> str:
    """'2, 5, 9': the first 10 lines, then '…'."""
    lines = sorted(int(n) for n in lines)
    return ", ".join(map(str, lines[:10])) + (", …" if len(lines) > 10 else "")


def copies(columns, column_name: str) -> list[str]:
    """The other columns of the header with the same name as `column_name` (matched as header names
    are: case and punctuation ignored), in header order."""
    names = set(map(str, columns))
    key = norm(name_as_written(column_name, names))
    return [c for c in map(str, columns) if c != column_name and c != "line" and norm(name_as_written(c, names)) == key]


def repeated_names(columns, aliases: dict[str, str]) -> list[str]:
    """Header names of a column the adapter reads (an alias) that the header has more than once."""
    names = set(map(str, columns))
    keys = [norm(name_as_written(c, names)) for c in map(str, columns) if c != "line"]
    return sorted({k for k in keys if k in aliases and keys.count(k) > 1})


def check_copies(path: Path, frame: pd.DataFrame, found: dict[str, str], readers: dict) -> list[str]:
    """A column the header names twice (`correct,correct`): its copies must agree.

    For each column read (`found`), its copies are compared row by row: two cells agree when they
    are written alike or read alike (`readers`: canonical name -> the adapter's reader, `TRUE` and
    `true`). A copy blank in every row carries nothing. Copies that agree are read as one, with a
    warning (returned); copies that disagree reject the file (FormatError naming the column, its
    positions and the lines): which copy holds the right values is not guessed.
    """
    warnings = []
    position = {str(c): i + 1 for i, c in enumerate(frame.columns)}
    for canonical, name in found.items():
        others = [c for c in copies(frame.columns, name) if frame[c].astype(str).str.strip().ne("").any()]
        for other in others:
            read = readers.get(canonical, lambda v: v or None)
            mine, theirs = frame[name].astype(str), frame[other].astype(str)
            values = map_distinct(mine.replace("", None), read), map_distinct(theirs.replace("", None), read)
            agree = [a == b or (x is not None and x == x and x == y) for a, b, x, y in zip(mine, theirs, *values)]
            differ = frame["line"][[not a for a in agree]]
            where = f"columns {position[name]} and {position[other]}"
            if len(differ):
                rows = "1 row (line" if len(differ) == 1 else f"{len(differ)} rows (lines"
                raise FormatError(path, f"{where} are both named '{name_as_written(name, set(position))}' and disagree on "
                                  f"{rows} {line_list(differ)})", line=int(differ.iloc[0]),
                                  hint="delete or rename the copy that is wrong: which one counts is not guessed")
            warnings.append(f"{where} are both named '{name_as_written(name, set(position))}'; they agree on every row, "
                            "read as one")
    return warnings
