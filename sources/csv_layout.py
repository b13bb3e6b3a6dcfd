"""Where a CSV file's header is and what splits it: Excel's `sep=` line, sniffed delimiters, title lines above the table."""
from __future__ import annotations

import codecs
import csv
import io

from sources.csv_columns import norm
from sources.text_decode import decode, utf16_without_bom

DELIMITERS = ",;\t"
# A quote never closed makes the rest of the file one cell: `read_csv` reads it (sources/unclosed_quote.py
# names the quote) rather than reject the file at the csv module's 128 KB limit for a cell. Raised here:
# every module that splits CSV text (csvread, csvfast, the formats' header checks) imports this one.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
HEADER_LINES = 10  # the header is one of the first 10 non-blank lines (after a `sep=` line)


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def header_of(head: bytes) -> list[str]:
    """Normalised header names of a CSV file's first line (empty when not CSV-like text)."""
    lines = text_lines(head)
    if lines is None:
        return []
    delimiter, start = layout(lines)
    first = header_record(lines, start, delimiter) if start < len(lines) else ""
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
        # imported here: the registry imports the formats, which import csv_layout
        from sources.registry import is_header

        if not is_header(header_record(lines, start, delimiter), delimiter):
            for index in range(start + 1, min(len(lines), start + HEADER_LINES)):
                below = sep or sniff_delimiter(lines[index])
                if is_header(header_record(lines, index, below), below):
                    return below, index
    return delimiter, start


def header_record(lines: list[str], index: int, delimiter: str) -> str:
    """Non-blank line `index` and the lines a quoted cell opened on it spans ('"Question' and 'ID"': Excel's
    wrapped header text), joined by a line break: the header row as the csv module reads it. The line alone
    when its quote is not closed within HEADER_LINES lines (a stray quote, not a cell)."""
    span = lines[index:index + HEADER_LINES]
    reader = csv.reader(io.StringIO("\n".join(span)), delimiter=delimiter, strict=True)
    try:
        next(reader, None)
    except csv.Error:  # the quote is not closed in the span
        return lines[index]
    return "\n".join(span[:reader.line_num])


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
    return header_head(header_record(lines, index, delimiter), delimiter) if index > (1 if sep_line(lines) else 0) \
        else None
