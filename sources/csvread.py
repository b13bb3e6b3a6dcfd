"""Reading the CSV files people export row by row: BOMs, UTF-16, Latin-1, `;`, title lines, ragged rows.

Where the header is: `csv_layout.py`; why a row is ragged: `ragged_rows.py`; column look-up:
`csv_columns.py`; numbers and durations in cells: `cell_numbers.py`.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from sources.canonical import FormatError
from sources.csv_columns import unique_names
from sources.csv_layout import layout, sep_line
from sources.ragged_rows import WRAPPED_NAMES, long_row, not_a_row, short_row, with_repeated_header
from sources.text_decode import decode
from sources.unclosed_quote import unclosed_quote, unclosed_quote_line

NUL_REASON = "holds a NUL byte (binary data in a text export: a corrupted file?)"
NUL_HINT = "export it again from the tool; a CSV export holds no NUL bytes"


def nul_line(text: str) -> int | None:
    """The 1-based line of the first NUL character of a file's text, None when it has none."""
    at = text.find("\x00")
    return None if at < 0 else len(io.StringIO(text[:at] + "x", newline="").readlines())


def one_line(cell: str) -> str:
    """A header cell as a name: stripped, its line breaks (Excel's wrapped text, '"Question\\nID"') a space."""
    return re.sub(r"\s*[\r\n]+\s*", " ", cell.strip())


def read_csv(path: Path) -> pd.DataFrame:
    """All cells as stripped strings, columns as in the header, plus the 1-based `line`.

    Large plain UTF-8 files are read by DuckDB with the same result (`sources/csvfast.py`).
    A row with fewer cells than the header (trailing blank header names not counted), or with
    non-blank cells beyond it, or with blank cells beyond it where most rows have none (an unquoted
    delimiter would shift its values), is kept (padded with blanks, cut to the header); its reason is in
    `attrs["row_problems"]` (line -> reason) and its extra cells in `attrs["extra_cells"]`
    (see `cell_columns`); so is a row repeating the header (`ragged_rows.with_repeated_header`). A NUL
    character anywhere raises FormatError naming its line.
    """
    from sources import csvfast

    if Path(path).stat().st_size >= csvfast.FAST_MIN_BYTES:
        try:
            return with_repeated_header(csvfast.read_frame(path), 1)
        except csvfast.NotPlain:
            pass
    text = decode(Path(path).read_bytes()).lstrip("\ufeff")
    if (nul := nul_line(text)) is not None:
        raise FormatError(path, NUL_REASON, line=nul, hint=NUL_HINT)
    lines = text.splitlines()
    if not any(ln.strip() for ln in lines):
        raise FormatError(path, "the file is empty", hint="export it again from the tool")
    nonblank = [ln for ln in lines if ln.strip()]
    delimiter, skip = layout(nonblank, find_header=True)
    offset, title = 0, nonblank[(1 if sep_line(nonblank) else 0):skip]
    if title:  # title lines: read from the header's own line on
        at = re.search(r"(?<![^\r\n])" + re.escape(nonblank[skip]) + r"(?![^\r\n])", text)
        if at:  # (a title with an open quote must not swallow the header into one cell)
            offset = len(io.StringIO(text[:at.start()], newline="").readlines())
            text, skip = text[at.start():], 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, rows, numbers, previous, last, header_line = None, [], [], offset, [], 0
    problems, extras, width, sound, wrapped = {}, {}, 0, {}, {}
    for record in reader:
        start, previous = previous + 1, reader.line_num + offset
        if not any(cell.strip() for cell in record):
            continue
        if skip:
            skip -= 1
            continue
        if header is None:
            header, header_line = [one_line(cell) for cell in record], start
            wrapped = {name: cell.strip() for name, cell in zip(unique_names(header), record)
                       if one_line(cell) != cell.strip()}  # a repeated header holds them as written
            width = max(i + 1 for i, name in enumerate(header) if name)  # trailing blank names: a trailing delimiter
            continue
        cells = [cell.strip() for cell in record]
        if width > 1 and (reason := not_a_row(cells)):  # at full width too: Excel saves `Page 2,,,,`
            problems[start] = reason
        elif len(cells) < width:
            problems[start] = short_row(len(cells), width)
        elif any(cells[len(header):]):
            problems[start], extras[start] = long_row(len(cells), width), cells[len(header):]
        else:
            sound[start] = max(len(cells), len(header))
        rows.append(cells[:len(header)] + [""] * (len(header) - len(cells)))
        numbers.append(start)
        last = record
    # blank cells past the header are a trailing delimiter only where most rows have them;
    # in a row of its own they hide a value's unquoted delimiter that moved its values right
    lengths = Counter(sound.values())
    usual = max(lengths, key=lambda n: (lengths[n], n == len(header)), default=len(header))
    problems |= {line: long_row(count, width) for line, count in sound.items() if len(header) < count != usual}
    if numbers and (quote := unclosed_quote_line(text, numbers[-1] - offset, last, delimiter)):
        problems[numbers[-1]] = unclosed_quote(quote + offset)  # the cause of its cell count, whatever that is
        extras.pop(numbers[-1], None)
    frame = pd.DataFrame(rows, columns=unique_names(header), dtype=object)
    frame["line"] = pd.Series(numbers, dtype="int64")
    frame.attrs["title"] = [ln.strip() for ln in title]  # e.g. "Exported on 2026-02-10" above the table
    frame.attrs["row_problems"], frame.attrs["extra_cells"] = problems, extras
    frame.attrs[WRAPPED_NAMES] = wrapped
    return with_repeated_header(frame, header_line)
