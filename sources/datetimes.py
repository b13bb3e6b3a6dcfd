"""Dates and clock times as people's tools write them, read as tz-naive local Timestamps.

A time written with its offset or Z (an instant, `2026-11-30T02:15:00Z`) is read as the wall clock
of the learner's time zone (`zone`), as Anki's epoch times are; one without is kept as written.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from sources.cell_numbers import ascii_minus
from sources.csv_columns import column
from sources.zones import zone_or_local

NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})\b")
DOTTED_DATE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b")  # 03.02.2026: day-first wherever it is written
ISO_DAY = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
ISO_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ISO_TIME_ONLY = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?")
ISO_LOCAL = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$"  # no zone: wall clock as is
ISO_ZONED = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$"  # an instant


MOMENT_WORDS = frozenset({"now", "today"})  # pandas reads them as the moment they are read: no date of the file's
# A clock time with no day ('19:00', '7:05 PM', '7pm', 'T19:00Z', '19:00 UTC'): pandas gives it the day it is read
TIME_ALONE = re.compile(r"^\s*T?\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?)"
                        r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$", re.IGNORECASE)


def _one(value: str, dayfirst: bool, zone):
    """One value as a tz-naive Timestamp (a written offset converted to `zone`'s wall clock), NaT when unreadable
    (`now`, `today` and a clock time alone too: pandas gives them the day they are read, which moved each time the
    file was read again)."""
    if value.strip().lower() in MOMENT_WORDS or TIME_ALONE.match(value):
        return pd.NaT
    try:
        stamp = pd.Timestamp(pd.to_datetime(value, dayfirst=dayfirst))
        return (stamp.tz_convert(zone).tz_localize(None) if stamp.tzinfo else stamp).as_unit("ns")
    except (ValueError, TypeError, OverflowError):  # OutOfBoundsDatetime is a ValueError: '5 Mar' is year 1
        return pd.NaT


def _nanoseconds(stamps: pd.Series) -> pd.Series:
    """Timestamps as datetime64[ns], NaT where one falls outside its years (1677 to 2262): pandas reads a date
    without a year ('5 Mar') as year 1, and keeps a typo ('0226-03-05') or a far date ('2300-01-01') in another
    unit, which the cast to nanoseconds rejected along with the whole file."""
    inside = stamps.between(pd.Timestamp.min, pd.Timestamp.max)
    return stamps.where(inside).astype("datetime64[ns]")


def _iso_zoned(values: pd.Series, zone) -> pd.Series:
    """ISO times with an offset or Z as `zone`'s wall clock, in one vectorised call (offsets may differ per row)."""
    instants = pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")
    return _nanoseconds(instants.dt.tz_convert(zone).dt.tz_localize(None))


def _parse_distinct(distinct: pd.Series, dayfirst: bool, zone) -> pd.Series:
    """Each distinct stripped value as datetime64[ns]; NaT where unreadable or outside the years 1677 to 2262."""
    iso = distinct.str.match(ISO_LOCAL).astype(bool)
    zoned = pd.Series(False, index=distinct.index)
    zoned[~iso] = distinct[~iso].str.match(ISO_ZONED).astype(bool)
    others = ~iso & ~zoned
    stamps = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")
    stamps[iso] = _nanoseconds(pd.to_datetime(distinct[iso], format="ISO8601", errors="coerce"))
    if zoned.any():
        stamps[zoned] = _iso_zoned(distinct[zoned], zone).to_numpy()
    read = pd.Series([_one(v, dayfirst, zone) if v else pd.NaT for v in distinct[others]], dtype=object)
    stamps[others] = pd.to_datetime(read, errors="coerce").astype("datetime64[ns]").to_numpy()
    return stamps


def parse_as(values: pd.Series, dayfirst: bool, zone: str | None = None) -> pd.Series:
    """Parse each distinct value once; blanks become NaT; a time with an offset or Z as the wall
    clock of `zone` (the learner's time zone name; default: this machine's).

    ISO dates (2026-03-05 10:00) are read as ISO in one vectorised call: pandas would read them
    as 3 May under dayfirst=True, and one by one they cost ~1 ms each.
    """
    text = values.fillna("").astype(str).str.strip()
    codes, uniques = pd.factorize(text)
    distinct = pd.Series(uniques, dtype=object)
    stamps = _parse_distinct(distinct, dayfirst, zone_or_local(zone)).to_numpy()
    return pd.Series(stamps[codes], index=values.index, dtype="datetime64[ns]")


def _monotonic(stamps: pd.Series) -> bool:
    """The dates rise or fall down the rows: an export may list its rows oldest or newest first (Clockify's
    tests/fixtures/inputs/clockify_us.csv is newest first)."""
    clean = stamps.dropna()
    return clean.is_monotonic_increasing or clean.is_monotonic_decreasing


def _reading_in_date_order(values: pd.Series, zone: str | None) -> bool | None:
    """Whether day-first is the one reading that keeps the rows in date order; None when both or neither do."""
    ordered = {df: _monotonic(parse_as(values, df, zone)) for df in (True, False)}
    return ordered[True] if ordered[True] != ordered[False] else None


def _twelve_hour_clock(numeric: pd.Series) -> bool:
    """A numeric date's cell has an AM/PM clock. Cells naming their month ('1 December 2026, 9:05 PM', Moodle's own
    way) say nothing of how the numeric ones were written."""
    return bool(numeric.str.contains(r"\b[AP]M\b", case=False).any())


def day_first(values: pd.Series, zone: str | None = None, ordered_by_time: bool = True) -> tuple[bool, str | None]:
    """Whether numeric dates like 09/02/2026 are day-first, decided from the whole column.

    A part above 12 decides; otherwise dates written with dots (03.02.2026: German, Russian, …
    exports; the month-first locales write slashes) are day-first; otherwise the reading under which the file's
    rows stay in date order wins (only when `ordered_by_time`: a file listing its rows by name, as Moodle's Grades
    export does, says nothing by its order); otherwise day-first, unless the numeric dates' clock times are 12-hour
    (AM/PM), then month-first. The second value explains the choice when the values alone could not settle it.
    """
    distinct = pd.Series(values.dropna().astype(str).unique(), dtype=object)  # dates repeat
    numeric = distinct[distinct.map(lambda v: bool(NUMERIC_DATE.match(v)))]
    parts = [NUMERIC_DATE.match(v).groups()[:2] for v in numeric]
    if not parts:
        return False, None
    if any(int(a) > 12 for a, _ in parts):
        return True, None
    if any(int(b) > 12 for _, b in parts):
        return False, None
    if all(DOTTED_DATE.match(v) for v in numeric):
        return True, ("ambiguous dates read as day-first (DD.MM.YYYY): dates written with dots are day-first in "
                      "the locales that write them (German, Russian, …); month-first locales write slashes")
    by_order = _reading_in_date_order(values, zone) if ordered_by_time else None
    if by_order is not None:
        choice, why = by_order, "only that reading keeps the rows in date order"
    else:
        choice = not _twelve_hour_clock(numeric)
        why = ("no day above 12 and the row order does not tell; " if ordered_by_time
               else "no day above 12 and the rows are not listed by time; ") + (
            "assumed day-first" if choice else "12-hour clock suggests a US locale")
    style = "day-first (DD/MM/YYYY)" if choice else "month-first (MM/DD/YYYY)"
    return choice, f"ambiguous dates read as {style}: {why}"


def parse_datetimes(values: pd.Series, zone: str | None = None,
                    ordered_by_time: bool = True) -> tuple[pd.Series, str | None]:
    """A text column as Timestamps (`parse_as`), plus a note when day/month order had to be assumed;
    `ordered_by_time=False` for a file whose rows are not listed by time (`day_first`)."""
    dayfirst, note = day_first(values, zone, ordered_by_time)
    return parse_as(values, dayfirst, zone), note


def iso_parts(values: pd.Series, pattern: re.Pattern, prefix: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(codes, datetime64[ns] of prefix + each distinct value) when every cell fully matches pattern."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    if (codes < 0).any() or not all(isinstance(v, str) and pattern.fullmatch(v) for v in uniques):
        return None
    stamps = pd.to_datetime(prefix + pd.Series(uniques, dtype=object), format="ISO8601", errors="coerce")
    clean = stamps.dropna()
    if len(clean) and not (pd.Timestamp("1700-01-01") <= clean.min() and clean.max() < pd.Timestamp("2262-01-01")):
        return None  # near the ends of datetime64[ns]: the whole text decides how pandas fails
    return codes, stamps.astype("datetime64[ns]").to_numpy()


def parse_date_time(dates: pd.Series, times: pd.Series, zone: str | None = None) -> tuple[pd.Series, str | None]:
    """parse_datetimes(dates + " " + times): each distinct ISO date and clock time read once.

    A team export has ~30,000 distinct date-and-time texts but a few hundred dates and ~1,440
    times; anything but ISO dates and 24-hour times in every row is read as the joined text.
    """
    day = iso_parts(dates, ISO_DATE_ONLY, "")
    clock = iso_parts(times, ISO_TIME_ONLY, "1970-01-01 ") if day else None
    if day is None or clock is None:
        return parse_datetimes(dates + " " + times, zone)
    offsets = clock[1] - np.datetime64(0, "ns")
    return pd.Series(day[1][day[0]] + offsets[clock[0]], index=dates.index, dtype="datetime64[ns]"), None


def hms_minutes(value) -> float | None:
    """'01:30:15' or '1:30' (hours:minutes[:seconds], hours may pass 24) -> minutes.

    A sign in front is the whole duration's: '-00:10:00' in a Toggl or Clockify export is -10 (not +10:
    '-00' is 0), which validation holds back (so is '−00:10:00', with the Unicode minus); a sign inside
    ('01:-10:00') is unreadable (None)."""
    text = ascii_minus(str(value or "").strip())
    sign = -1 if text.startswith("-") else 1
    parts = (text[1:] if text.startswith(("-", "+")) else text).split(":")
    if any(p.strip().startswith(("-", "+")) for p in parts):
        return None
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) not in (2, 3):
        return None
    total = numbers[0] * 60 + numbers[1] + (numbers[2] / 60 if len(numbers) == 3 else 0)
    return -total if sign < 0 and total else total


def duration_minutes(value) -> float | None:
    """A duration as minutes: 'HH:MM:SS' / 'H:MM', or decimal hours ('1.25', '1,25'); negative with a minus
    in front ('-00:10:00', '-0.50', or the Unicode minus), so validation holds it back instead of counting it."""
    text = ascii_minus(str(value or "").strip())
    if not text:
        return None
    if ":" in text:
        return hms_minutes(text)
    try:
        return float(text.replace(",", ".").rstrip("h").strip()) * 60
    except ValueError:
        return None


_NAMED_DAY = re.compile(r"(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)")


def named_day(stem: str) -> date | None:
    """The date a file name begins with, `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYY.MM.DD` then no further digit; None if
    none or no such day (2026-02-30)."""
    if not (found := _NAMED_DAY.match(stem)):
        return None
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        return None


def modified_day(path, zone: str | None = None) -> date:
    """The day a file was last modified, in `zone` (the learner's; default: this machine's): a file saved at 00:30 in
    Auckland is of that day, though the machine's UTC day is the one before."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime, tz=zone_or_local(zone)).date()


def file_date(path, title: list[str], zone: str | None = None) -> tuple[pd.Timestamp, str]:
    """The date of a file without a date column: an ISO date in its title lines, else its modification day in
    `zone`."""
    for line in title:
        match = ISO_DAY.search(line)
        stamp = pd.to_datetime(match.group(1), errors="coerce") if match else pd.NaT
        if not pd.isna(stamp) and pd.Timestamp.min <= stamp <= pd.Timestamp.max:
            return stamp, f"no date column: dated {match.group(1)} from the title line '{line[:60]}'"
    day = pd.Timestamp(modified_day(path, zone))
    return day, f"no date column: dated {day.date()}, the file's modification date"


def taken_at_column(path, frame: pd.DataFrame, found: dict[str, str],
                    zone: str | None = None) -> tuple[pd.Series, str | None]:
    """A results file's dates: its `taken_at` column parsed (`zone`), or (no such column) `file_date` in every row."""
    if "taken_at" in found:
        return parse_datetimes(column(frame, found, "taken_at"), zone)
    day, note = file_date(path, frame.attrs.get("title", []), zone)
    return pd.Series(day, index=frame.index, dtype="datetime64[ns]"), note
