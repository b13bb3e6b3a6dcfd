"""Reading the CSV files people export: BOMs, UTF-16, Latin-1, `;` with decimal commas."""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from sources.canonical import FormatError
from sources.text_decode import decode, utf16_without_bom
from sources.unclosed_quote import unclosed_quote, unclosed_quote_line

DELIMITERS = ",;\t"
# A quote never closed makes the rest of the file one cell: read it (sources/unclosed_quote.py names the
# quote) rather than reject the file at the csv module's 128 KB limit for a cell.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
HEADER_LINES = 10  # the header is one of the first 10 non-blank lines (after a `sep=` line)


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def norm(name: str) -> str:
    """A header name reduced to lowercase words, keeping % and # ('Score %' -> 'score %')."""
    return re.sub(r"[^a-z0-9%#]+", " ", str(name).lower()).strip()


def header_of(head: bytes) -> list[str]:
    """Normalised header names of a CSV file's first line (empty when not CSV-like text)."""
    lines = text_lines(head)
    if lines is None:
        return []
    delimiter, start = layout(lines)
    first = lines[start] if start < len(lines) else ""
    if not first or first.lstrip().startswith(("#", "---", "<")):
        return []
    return [norm(f) for f in next(csv.reader([first], delimiter=delimiter))]


def header_names(head: bytes) -> list[str]:
    """`header_of` without the blank names at its end: a delimiter ending every line (`read_csv` reads
    such files as without them)."""
    names = header_of(head)
    while names and not names[-1]:
        names.pop()
    return names


def text_lines(head: bytes) -> list[str] | None:
    """The non-blank lines of a file's head, None when it is not text (NUL bytes, not UTF-16)."""
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and not utf16_without_bom(head):
        return None
    return [ln for ln in decode(head).lstrip("\ufeff").splitlines() if ln.strip()]


def sep_line(lines: list[str]) -> str | None:
    """The delimiter of an Excel `sep=;` first line, else None."""
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        return lines[0].strip()[4]
    return None


def layout(lines: list[str], find_header: bool = False) -> tuple[str, int]:
    """(delimiter, index of the header among non-blank lines); honours Excel's `sep=;` line.

    The header is the first line (after a `sep=` line). With find_header, when that line is not
    a header any CSV format recognises, the first of the next lines — up to HEADER_LINES non-blank
    lines in all — that is one becomes the header instead: the lines above it are a title
    (a results page copied with "Practice Test 3", "Exported on …" above the table). When none
    is, the first line stays the header. Each line's delimiter is sniffed from that line.
    """
    sep = sep_line(lines)
    start = 1 if sep else 0
    delimiter = sep or (sniff_delimiter(lines[0]) if lines else ",")
    if find_header and len(lines) > start + 1:
        from sources.registry import is_header  # here: the registry imports the formats, which import csvread

        if not is_header(lines[start], delimiter):
            for index in range(start + 1, min(len(lines), start + HEADER_LINES)):
                below = sep or sniff_delimiter(lines[index])
                if is_header(lines[index], below):
                    return below, index
    return delimiter, start


def header_head(line: str, delimiter: str) -> bytes:
    """A file head holding only this header line read with this delimiter (for `detect`)."""
    sep = "" if delimiter == "\t" else f"sep={delimiter}\n"  # a tab comes from sniffing the line itself
    return (sep + line + "\n").encode("utf-8", errors="replace")


def header_below_title(head: bytes) -> bytes | None:
    """`header_head` of the header found below title lines (`layout(find_header=True)`), else None."""
    lines = text_lines(head)
    if not lines:
        return None
    delimiter, index = layout(lines, find_header=True)
    return header_head(lines[index], delimiter) if index > (1 if sep_line(lines) else 0) else None


NUL_REASON = "holds a NUL byte (binary data in a text export: a corrupted file?)"
NUL_HINT = "export it again from the tool; a CSV export holds no NUL bytes"


def nul_line(text: str) -> int | None:
    """The 1-based line of the first NUL character of a file's text, None when it has none."""
    at = text.find("\x00")
    return None if at < 0 else len(io.StringIO(text[:at] + "x", newline="").readlines())


def short_row(cells: int, width: int) -> str:
    return f"the row has {cells} of {width} cells (cut short, or a delimiter missing)"


def long_row(cells: int, width: int) -> str:
    return f"the row has {cells} cells where the header has {width} (a delimiter too many, or a value with " \
        "an unquoted delimiter)"


def read_csv(path: Path) -> pd.DataFrame:
    """All cells as stripped strings, columns as in the header, plus the 1-based `line`.

    Large plain UTF-8 files are read by DuckDB with the same result (`sources/csvfast.py`).
    A row with fewer cells than the header (trailing blank header names not counted), or with
    non-blank cells beyond it, or with blank cells beyond it where most rows have none (an unquoted
    delimiter would shift its values), is kept (padded with blanks, cut to the header); its reason is in
    `attrs["row_problems"]` (line -> reason) and its extra cells in `attrs["extra_cells"]`
    (see `cell_columns`). A NUL character anywhere raises FormatError naming its line.
    """
    from sources import csvfast

    if Path(path).stat().st_size >= csvfast.FAST_MIN_BYTES:
        try:
            return csvfast.read_frame(path)
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
    header, rows, numbers, previous, last = None, [], [], offset, []
    problems, extras, width, sound = {}, {}, 0, {}
    for record in reader:
        start, previous = previous + 1, reader.line_num + offset
        if not any(cell.strip() for cell in record):
            continue
        if skip:
            skip -= 1
            continue
        if header is None:
            header = [cell.strip() for cell in record]
            width = max(i + 1 for i, name in enumerate(header) if name)  # trailing blank names: a trailing delimiter
            continue
        cells = [cell.strip() for cell in record]
        if len(cells) < width:
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
    frame = pd.DataFrame(rows, columns=_unique(header), dtype=object)
    frame["line"] = pd.Series(numbers, dtype="int64")
    frame.attrs["title"] = [ln.strip() for ln in title]  # e.g. "Exported on 2026-02-10" above the table
    frame.attrs["row_problems"], frame.attrs["extra_cells"] = problems, extras
    return frame


def _by_line(frame: pd.DataFrame, values: dict) -> pd.Series:
    if not values:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return pd.Series([values.get(line) for line in frame["line"]], index=frame.index, dtype=object)


CELL_COLUMNS = ["cells", "extra_cells"]


def cell_columns(frame: pd.DataFrame, rows: pd.DataFrame | None = None) -> dict[str, pd.Series]:
    """What every CSV adapter adds to its rows, per row of `read_csv`'s frame (or of `rows`, a part of it):
    `cells`, why its cells do not match the header ('the row has 5 of 9 cells …', else None; the row
    is quarantined for it), and `extra_cells`, its cells beyond the header when one is not blank (a
    list, kept in quarantine's row_json), else None."""
    rows = frame if rows is None else rows
    return {"cells": _by_line(rows, frame.attrs.get("row_problems", {})),
            "extra_cells": _by_line(rows, frame.attrs.get("extra_cells", {}))}


def _unique(names: list[str]) -> list[str]:
    """Header names made unique so that repeated columns survive ('Tags', 'Tags.1')."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        out.append(f"{name}.{seen[name]}" if name in seen else name)
        seen[name] = seen.get(name, 0) + 1
    return out


def pick(frame: pd.DataFrame, aliases: dict[str, str]) -> dict[str, str]:
    """Canonical name -> the frame's column, first alias match wins for each canonical name."""
    found: dict[str, str] = {}
    for column in frame.columns:
        canonical = aliases.get(norm(column))
        if canonical and canonical not in found:
            found[canonical] = column
    return found


def to_number(value) -> float | None:
    """'72', '72,5', '1.234,5', '1,234.5', '72%' -> float; blank or junk -> None."""
    text = str(value or "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
            else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


_CLOCK = re.compile(r"(?:(\d+):)??(\d+):(\d\d)(?:[.,](\d+))?")  # m:ss or h:mm:ss, seconds may have decimals
_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\.?(?![a-z])")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


def to_seconds(value) -> float | None:
    """Time spent on a question in seconds: a number ('72', '64,5'), a clock ('1:12' is m:ss,
    '00:01:05' h:mm:ss) or units ('35 sec', '1m 12s', '2 min', '1 h 2 min', '26 mins 3 secs');
    blank or anything else -> None."""
    number = to_number(value)
    if number is not None:
        return number
    text = str(value or "").strip().lower()
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds, fraction = clock.groups()
        if (hours is not None and int(minutes) > 59) or int(seconds) > 59:
            return None
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + float("0." + (fraction or "0"))
    total, at, units = 0.0, 0, []
    for match in _UNIT.finditer(text):
        if text[at:match.start()].strip(" ,") not in ("", "and"):
            return None
        unit = match.group(2)[0]
        if units and "hms".index(unit) <= "hms".index(units[-1]):  # each unit once, largest first
            return None
        units.append(unit)
        total, at = total + float(match.group(1).replace(",", ".")) * _UNIT_SECONDS[unit], match.end()
    return total if units and not text[at:].strip() else None


def map_distinct(values: pd.Series, fn) -> pd.Series:
    """fn(value) computed once per distinct value (exports repeat values), one result per row."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    for i, v in enumerate(uniques):  # element by element: numpy would unpack tuple results
        results[i] = fn(None if v is None or v != v else v)
    return pd.Series(results[codes], index=values.index, dtype=object)


def row_groups(columns: list) -> np.ndarray:
    """Per row, the number of its distinct combination of values across `columns`, in order of first appearance."""
    codes = np.zeros(len(columns[0]), dtype="int64")
    for values in columns:
        column_codes, uniques = pd.factorize(values)
        codes = pd.factorize(codes * len(uniques) + column_codes)[0]  # renumbered: stays below the row count
    return codes


def column(frame: pd.DataFrame, found: dict[str, str], name: str) -> pd.Series:
    """The column chosen for a canonical name, or an all-None column."""
    if name in found:
        return frame[found[name]].replace("", None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)
