"""A CSV file's last row whose quote is never closed: the quoted cell swallowed every line after it."""
from __future__ import annotations

import csv
import io


def unclosed_quote(line: int) -> str:
    """The reason a row with an unclosed quote is held back (instead of its cell count)."""
    return f'an unclosed quote (") on line {line} swallows the lines after it (close or remove the quote)'


def _strict_cells(text: str, delimiter: str) -> list[list[str]] | None:
    """The records of text read strictly (None where the csv module cannot: e.g. end of data inside a quote)."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None


def unclosed_quote_line(text: str, start: int, record: list[str], delimiter: str) -> int | None:
    """The 1-based line (of text) where the last record's unclosed quote opens, or None.

    `record` is the file's last record, read (not strictly) from line `start` of `text` on. Its quote is
    unclosed when its last cell holds lines of the file (an unclosed quote on the last line swallows
    nothing: a row cut short) and the record reads strictly only once a quote is added at the end.
    """
    if not record or not any(c in record[-1].strip() for c in "\r\n"):
        return None
    rest = "".join(io.StringIO(text, newline="").readlines()[start - 1:])
    if _strict_cells(rest, delimiter) is not None or _strict_cells(rest + '"', delimiter) is None:
        return None
    # the last cell opens on the record's first line, unless cells before it hold line breaks
    return start + sum(cell.count("\n") + cell.replace("\r\n", "").count("\r") for cell in record[:-1])
