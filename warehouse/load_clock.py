"""The stamps that order the ledger's rows (raw.file_events, raw.learner_events): UTC, and never going down."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

STEP = timedelta(microseconds=1)


def next_stamp(con, table: str) -> datetime:
    """Now in UTC (naive, as the TIMESTAMP column holds it), or 1 µs after the table's latest stamp when
    that is later: the clock set back, or a warehouse stamped in local time (before 3 Dec 2026) east of
    UTC. So a row written later always sorts later, whatever the machine's zone was then and is now."""
    return stamp_after(con.execute(f"SELECT max(recorded_at) FROM {table}").fetchone()[0])


def stamp_after(latest: datetime | None) -> datetime:
    """Now in UTC (naive), or 1 µs after `latest` when that is later (`next_stamp`)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return max(now, latest + STEP) if latest is not None else now
