"""The UTC offsets a wall-clock time written without one can have in the learner's zone (the overlap of
two study entries that is sure whichever of them it has: sources/sure_overlap.py).

In the autumn's repeated hour (Europe/Berlin 2026-10-25 02:00-03:00 comes twice) a time has two
offsets, +02:00 on the first pass and +01:00 on the second; in the spring's skipped hour (02:30 on
2026-03-29 never shows on a Berlin clock) it has the offsets on either side of the gap. Elsewhere it
has one. docs/formats.md ("Times in the repeated hour").
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd

from sources.zones import zone_or_local

OFFSET_COLUMNS = ("utc_offset_min", "utc_offset_max")  # `with_offsets`' (raw.study_sessions')


def _offsets(stamp: pd.Timestamp, where) -> tuple[int, int]:
    """(smallest, largest) UTC offset in minutes of one wall-clock time in zone `where`."""
    wall = datetime(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    found = [wall.replace(tzinfo=where, fold=fold).utcoffset().total_seconds() // 60 for fold in (0, 1)]
    return int(min(found)), int(max(found))


def _steady(day: pd.Timestamp, where) -> tuple[int, int] | None:
    """The day's one offset, (o, o), when its first and last second have it on either reading; else None."""
    first, last = _offsets(day, where), _offsets(day + pd.Timedelta(hours=23, minutes=59, seconds=59), where)
    return first if first == last and first[0] == first[1] else None


def utc_offsets(stamps: pd.Series, zone: str | None) -> pd.DataFrame:
    """Per wall-clock time (tz-naive), `offset_min` and `offset_max` in minutes east of UTC in `zone`
    (default: this machine's); NA for NaT. Worked out per distinct day, and per distinct time only on
    a day the clocks change (400,000 times one by one took seconds)."""
    where = zone_or_local(zone)
    stamps = pd.Series(stamps).astype("datetime64[ns]")
    codes, days = pd.factorize(stamps.dt.normalize())
    steady = [_steady(pd.Timestamp(day), where) or (np.nan, np.nan) for day in days]
    by_day = np.array(steady + [(np.nan, np.nan)], dtype="float64").reshape(-1, 2)  # code -1 (NaT): the last
    found = by_day[codes]
    changing = (codes >= 0) & np.isnan(found[:, 0])
    times, uniques = pd.factorize(stamps[changing])
    found[changing] = np.array([_offsets(pd.Timestamp(u), where) for u in uniques] or [(0, 0)])[times]
    return pd.DataFrame({"offset_min": pd.array(found[:, 0]).astype("Int64"),
                         "offset_max": pd.array(found[:, 1]).astype("Int64")}, index=stamps.index)


def wall_clock_end(start_us: int, length_us: float, zone: str | None) -> pd.Timestamp:
    """Where the clock on the wall in `zone` stands `length_us` after the wall-clock time `start_us` (µs since
    the epoch as written): across a change of the clocks that is not start + length (01:30 CEST + 3 h is 03:30
    CET). A start in a repeated hour is read on its first pass, one in a skipped hour at the offset before."""
    where = zone_or_local(zone)
    wall = (datetime(1970, 1, 1) + timedelta(microseconds=int(start_us))).replace(tzinfo=where)
    end = wall.astimezone(timezone.utc) + timedelta(microseconds=int(length_us))
    return pd.Timestamp(end.astimezone(where).replace(tzinfo=None))


def with_offsets(frame: pd.DataFrame, zone: str | None) -> pd.DataFrame:
    """Study entries with `utc_offset_min` and `utc_offset_max` of their `started_at` (raw.study_sessions')."""
    found = utc_offsets(frame["started_at"], zone)
    return frame.assign(utc_offset_min=found["offset_min"], utc_offset_max=found["offset_max"])


def without_offsets(frame: pd.DataFrame) -> pd.DataFrame:
    """The entries as read, without the offsets `with_offsets` worked out (a quarantine row's JSON)."""
    return frame.drop(columns=list(OFFSET_COLUMNS), errors="ignore")
