"""Start times of a time-tracker export on the bulk path: `parse_date_time`'s result, per distinct value.

A team export has a few hundred dates and ~1,440 clock times but ~30,000 distinct pairs of them.
When `parse_date_time` would read every date and clock time on its own (ISO dates, 24-hour
times), the lookups are per date and per time and DuckDB adds them; otherwise each distinct pair
is read as the adapter reads it (`bulk_sessions` joins them in).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources.datetimes import (DOTTED_DATE, ISO_DATE_ONLY, ISO_TIME_ONLY, NUMERIC_DATE, iso_parts,
                               parse_date_time)
from warehouse.bulk_read import NotBulk, lookup

START_LOOKUPS = ("map_day", "map_clock", "map_start")


def _whole_microseconds(stamps: np.ndarray) -> None:
    """Raw keeps microseconds, the pandas path checks nanoseconds: such files take the pandas path."""
    ticks = stamps[~np.isnat(stamps)].astype("int64")
    if (ticks % 1000).any():
        raise NotBulk("start times finer than a microsecond")


def _by_date_and_time(con, dates: list[str], times: list[str], date_sql: str, time_sql: str):
    """(SQL for started_at, joins) when parse_date_time reads dates and clock times apart, else None."""
    day = iso_parts(pd.Series(dates, dtype=object), ISO_DATE_ONLY, "")
    clock = iso_parts(pd.Series(times, dtype=object), ISO_TIME_ONLY, "1970-01-01 ") if day else None
    if day is None or clock is None:
        return None
    offsets = clock[1][clock[0]] - np.datetime64(0, "ns")
    _whole_microseconds(clock[1])
    lookup(con, "map_day", {"value": dates}, {"result": pd.Series(day[1][day[0]], dtype="datetime64[ns]")})
    lookup(con, "map_clock", {"value": times}, {"result": pd.Series(offsets, dtype="timedelta64[ns]")})
    return "sd.result + sc.result", (f"LEFT JOIN map_day sd ON sd.value = {date_sql} "
                                     f"LEFT JOIN map_clock sc ON sc.value = {time_sql}")


def _by_pair(con, date_sql: str, time_sql: str, zone: str | None):
    """(SQL for started_at, joins): each distinct (date, clock time) read as `parse_date_time` reads the column."""
    pairs = con.execute(f"SELECT DISTINCT {date_sql} AS d, {time_sql} AS t FROM bulk_text t").fetchnumpy()
    dates, times = pd.Series(pairs["d"], dtype=object), pd.Series(pairs["t"], dtype=object)
    numeric = [d for d in dates + " " + times if NUMERIC_DATE.match(d)]
    parts = [NUMERIC_DATE.match(d).groups()[:2] for d in numeric]
    if parts and all(int(a) <= 12 and int(b) <= 12 for a, b in parts) and not all(map(DOTTED_DATE.match, numeric)):
        raise NotBulk("whether dates are day-first depends on the order of the rows")
    try:
        started = parse_date_time(dates, times, zone)[0].to_numpy()
    except (ValueError, OverflowError) as exc:  # e.g. past 2262: the adapter reports it as it always has
        raise NotBulk(f"start times the adapter cannot read ({type(exc).__name__})") from exc
    _whole_microseconds(started)
    lookup(con, "map_start", {"d": list(dates), "t": list(times)}, {"result": pd.Series(started)})
    return "sp.result", f"LEFT JOIN map_start sp ON sp.d = {date_sql} AND sp.t = {time_sql}"


def start_lookups(con, dates: list[str], times: list[str], date_sql: str, time_sql: str,
                  zone: str | None = None) -> tuple[str, str]:
    """Lookups for started_at: (its SQL, the joins) over `bulk_text t`; the cells as `date_sql`, `time_sql`;
    a time with an offset as `zone`'s wall clock (`parse_date_time`: only the pairs' reading has offsets)."""
    return _by_date_and_time(con, dates, times, date_sql, time_sql) or _by_pair(con, date_sql, time_sql, zone)
