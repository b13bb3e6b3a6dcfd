"""A new version of a file replaces its old load whole: say which attempts of the old one it no longer holds
(a retake saved over the first sitting's export, under the same name), so none stops counting unsaid."""
from __future__ import annotations

import pandas as pd

from warehouse.ledger import READING_RULES, latest_load

_OLD_SITTINGS = """SELECT learner_id, attempt_id, min(taken_at)::DATE AS day, count(*) AS rows FROM (
    SELECT learner_id, attempt_id, taken_at FROM raw.answers WHERE load_id = $load
    UNION ALL SELECT learner_id, attempt_id, taken_at FROM raw.domain_scores WHERE load_id = $load)
    WHERE attempt_id IS NOT NULL GROUP BY ALL ORDER BY day, attempt_id"""
SHOWN = 3  # attempts named in the line; the rest are counted


def new_sittings(prepared: dict, learner_id: str) -> set[tuple[str, str, object]]:
    """(learner, attempt, first day) of a parsed file's attempts; rows without a learner are the workspace's."""
    frames = [prepared[t][0] for t in ("answers", "domain_scores") if t in prepared]
    found = set()
    for frame in frames:
        rows = pd.DataFrame({"learner": frame["learner_id"] if "learner_id" in frame else None,
                             "attempt": frame["attempt_id"], "day": pd.to_datetime(frame["taken_at"]).dt.date})
        rows["learner"] = [lid if isinstance(lid, str) and lid else learner_id for lid in rows["learner"]]
        firsts = rows.dropna(subset=["attempt"]).groupby(["learner", "attempt"])["day"].min()
        found |= {(lid, str(a), day) for (lid, a), day in firsts.items()}
    return found


def dropped_sittings(con, learner_id: str, path: str, prepared: dict) -> list[tuple]:
    """(attempt, first day, rows) of the path's version that counts that the new version does not hold:
    an attempt id it lacks, or has with another first day."""
    latest = latest_load(con, learner_id, path)
    if latest is None or latest[1] not in ("loaded", "replaced") or _rules(con, latest[2]) < READING_RULES:
        return []  # older rules may have given other ids: `run` says it reads the file again
    new = {(lid, a, day if not pd.isna(day) else None) for lid, a, day in new_sittings(prepared, learner_id)}
    old = con.execute(_OLD_SITTINGS, {"load": latest[2]}).fetchall()
    return [(a, day, rows) for lid, a, day, rows in old if (lid, a, day) not in new]


def _rules(con, load_id: str) -> int:
    """The reading rules a load was read with (0: before the ledger kept them)."""
    return con.execute("SELECT coalesce(max(rules), 0) FROM raw.file_events WHERE load_id = ?", [load_id]).fetchone()[0]


def dropped_notice(path: str, dropped: list[tuple]) -> str | None:
    """The stderr line for attempts a new version of `path` no longer holds, or None."""
    if not dropped:
        return None
    named = ", ".join(f"'{a}'" + (f" of {day}" if day else "") + f" ({rows} rows)" for a, day, rows in dropped[:SHOWN])
    more = f" and {len(dropped) - SHOWN} more" if len(dropped) > SHOWN else ""
    one = len(dropped) == 1
    return (f"examready: {path}: this version replaces the one loaded before, whose attempt{'' if one else 's'} "
            f"{named}{more} it no longer holds: {'that attempt no longer counts' if one else 'they no longer count'}. "
            "A retake exported over the earlier file? Put the earlier export back under another name to count both")
