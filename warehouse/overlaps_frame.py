"""The overlap check of time entries on a pandas batch (a learner's own study logs): an entry starting before
an earlier one of the same learner ended is held back, naming it. Its SQL twin is `warehouse.overlaps_sql`."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources.wall_clock import wall_clock_end
from warehouse.validation import FAILURE_COLUMNS, show


def _sure_latest(earlier: list[tuple], entry: tuple) -> tuple | None:
    """Of the earlier entries (end, line, entry), the one reaching the latest end (the first such) among
    those `entry` overlaps whichever offset each start has (`sources.sure_overlap`); None if none."""
    from sources.sure_overlap import sure_overlap

    best = None
    for end, line, other in earlier:
        if sure_overlap(other, entry) > 0 and (best is None or end > best[0]):
            best = (end, line, other)
    return best


def _start_offsets(entries: pd.DataFrame, zone: str | None) -> tuple[list, list]:
    """(smallest, largest) UTC offsets of the entries' starts: the frame's columns, else worked out in `zone`."""
    from sources.wall_clock import OFFSET_COLUMNS, utc_offsets

    if set(OFFSET_COLUMNS) <= set(entries.columns):
        return tuple(entries[c].tolist() for c in OFFSET_COLUMNS)
    found = utc_offsets(entries["started_at"], zone)
    return found["offset_min"].tolist(), found["offset_max"].tolist()


def overlapping_sessions(frame: pd.DataFrame, skip: set[int], zone: str | None = None) -> pd.DataFrame:
    """Time entries that start before an earlier entry of the same learner in the file ended; entries
    with a date but no time of day (a plain log's `date_only`) are on no clock and overlap none. Near a
    change of the clocks in `zone` (a repeated or skipped hour) an overlap must hold however the wall-clock
    times are read (`sources.wall_clock`), else it is none: by the offsets of their starts the frame holds
    (`utc_offset_min`, `utc_offset_max`: `wall_clock.with_offsets`), else those they can have in `zone`."""
    timed = ~frame["date_only"].fillna(False).astype(bool) if "date_only" in frame.columns else True
    ok = frame[~frame["line"].isin(skip) & timed].dropna(subset=["started_at", "minutes"])
    ok = ok.sort_values(["learner_id", "started_at", "line"])
    # whole microseconds, rounded half away from zero as the SQL form does: 25/60 min in float
    # nanoseconds is 25.000000002 s, which made an entry ending at 10:00:25 overlap the next one
    micros = ok["minutes"].to_numpy(dtype="float64") * 60e6
    micros = np.trunc(micros + np.copysign(0.5, micros))
    ends = ok["started_at"] + pd.to_timedelta(micros, unit="us")
    lows, highs = _start_offsets(ok, zone)
    entries = zip((ok["started_at"].astype("int64") // 1000).tolist(), micros.tolist(), lows, highs)
    bad, reasons, latest, earlier, current = [], [], None, [], None
    for learner, line, line_row, start, end, entry in zip(ok["learner_id"], ok["line"], ok["line_row"],
                                                          ok["started_at"], ends, entries):
        if learner != current:  # another person's entries may overlap this one's
            latest, earlier, current = None, [], learner
        if latest is not None and start < latest[0]:
            same_clock = entry[2] == entry[3] == latest[2][2] == latest[2][3]  # one offset: the wall clock is real
            found = latest if same_clock else _sure_latest(earlier, entry)
            if found is not None:
                bad.append((line, line_row))
                until = wall_clock_end(found[2][0], found[2][1], zone)
                reasons.append(f"overlaps the entry on line {found[1]} (until {show(until)})")
        if latest is None or end > latest[0]:
            latest = (end, line, entry)
        earlier.append((end, line, entry))
    return pd.DataFrame({"line": [b[0] for b in bad], "line_row": [b[1] for b in bad], "column_name": "started_at",
                         "check_name": "no_overlap", "reason": reasons}, columns=FAILURE_COLUMNS)
