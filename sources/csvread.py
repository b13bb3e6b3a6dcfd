"""Reading the CSV files people export: BOMs, UTF-16, Latin-1, `;` with decimal commas."""
from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from sources.canonical import FormatError

DELIMITERS = ",;\t"


def decode(data: bytes) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM), UTF-16, else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data[1:200:2].count(0) > 20 and data[0:200:2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:  # a head cut inside a multi-byte character
            return data[:exc.start].decode("utf-8")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d))) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])


def norm(name: str) -> str:
    """A header name reduced to lowercase words, keeping % and # ('Score %' -> 'score %')."""
    return re.sub(r"[^a-z0-9%#]+", " ", str(name).lower()).strip()


def header_of(head: bytes) -> list[str]:
    """Normalised header names of a CSV file's first line (empty when not CSV-like text)."""
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
            and head[1:200:2].count(0) <= 20:
        return []
    lines = [ln for ln in decode(head).lstrip("\ufeff").splitlines() if ln.strip()]
    delimiter, start = layout(lines)
    first = lines[start] if start < len(lines) else ""
    if not first or first.lstrip().startswith(("#", "---", "<")):
        return []
    return [norm(f) for f in next(csv.reader([first], delimiter=delimiter))]


def layout(lines: list[str]) -> tuple[str, int]:
    """(delimiter, index of the header among non-blank lines); honours Excel's `sep=;` line."""
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        return lines[0].strip()[4], 1
    return (sniff_delimiter(lines[0]) if lines else ","), 0


def read_csv(path: Path) -> pd.DataFrame:
    """All cells as stripped strings, columns as in the header, plus the 1-based `line`.

    Large plain UTF-8 files are read by DuckDB with the same result (`sources/csvfast.py`).
    """
    from sources import csvfast

    if Path(path).stat().st_size >= csvfast.FAST_MIN_BYTES:
        try:
            return csvfast.read_frame(path)
        except csvfast.NotPlain:
            pass
    text = decode(Path(path).read_bytes()).lstrip("\ufeff")
    lines = text.splitlines()
    if not any(ln.strip() for ln in lines):
        raise FormatError(path, "the file is empty", hint="export it again from the tool")
    delimiter, skip = layout([ln for ln in lines if ln.strip()])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, rows, numbers, previous = None, [], [], 0
    for record in reader:
        start, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if skip:
            skip -= 1
            continue
        if header is None:
            header = [cell.strip() for cell in record]
            continue
        rows.append([cell.strip() for cell in record[:len(header)]] + [""] * (len(header) - len(record)))
        numbers.append(start)
    frame = pd.DataFrame(rows, columns=_unique(header), dtype=object)
    frame["line"] = pd.Series(numbers, dtype="int64")
    return frame


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


def map_distinct(values: pd.Series, fn) -> pd.Series:
    """fn(value) computed once per distinct value (exports repeat values), one result per row."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    for i, v in enumerate(uniques):  # element by element: numpy would unpack tuple results
        results[i] = fn(None if v is None or v != v else v)
    return pd.Series(results[codes], index=values.index, dtype=object)


def column(frame: pd.DataFrame, found: dict[str, str], name: str) -> pd.Series:
    """The column chosen for a canonical name, or an all-None column."""
    if name in found:
        return frame[found[name]].replace("", None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)
