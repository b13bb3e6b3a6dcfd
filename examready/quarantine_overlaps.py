"""Study entries `examready quarantine` lists as counted less: other files' entries hold the same time."""
from __future__ import annotations

KEYS = ["path", "line", "started_at", "minutes", "counted_minutes", "overlaps_path", "overlaps_line"]


def overlapping_entries(con, learner_id: str) -> list[dict]:
    """Study entries counting less than their minutes (`counted_minutes`, 0 if not at all) because entries of
    files loaded later cover (part of) the same time, or repeat a date-only entry (its started_at is the day
    alone: it has no time of day); of every learner, those of another than `learner_id` (the workspace's: a
    class export's people) with `learner`."""
    from warehouse.catalog import has_column

    if not has_column(con, "staging", "study_entries", "overlaps_path"):
        return []  # a warehouse whose staging step has not run since this table came
    day = "date_only" if has_column(con, "staging", "study_entries", "date_only") else "false"
    rows = con.execute(f"""
        SELECT path, line, CASE WHEN {day} THEN strftime(started_at, '%Y-%m-%d')
                                ELSE strftime(started_at, '%Y-%m-%d %H:%M') END,
               minutes, counted_minutes, overlaps_path, overlaps_line, learner_id
        FROM staging.study_entries WHERE overlaps_path IS NOT NULL  -- taken-out learners are not in it
        ORDER BY path, line""").fetchall()
    return [dict(zip(KEYS, r)) | ({"learner": r[-1]} if r[-1] != learner_id else {}) for r in rows]


def overlap_line(e: dict) -> str:
    """One entry's line in `quarantine`'s text."""
    where, later = f"{e['path']}:{e['line']}", f"{e['overlaps_path']}:{e['overlaps_line']}, loaded later"
    where += f" ({e['learner']})" if "learner" in e else ""  # another learner's than the workspace's
    if e["counted_minutes"]:
        return (f"  counted in part {where}: counted {e['counted_minutes']:g} of {e['minutes']:g} min from "
                f"{e['started_at']}; the rest overlaps {later} (the same time logged twice?)")
    if len(e["started_at"]) == len("2026-11-05"):  # a date-only entry: no time of day to overlap
        return (f"  not counted {where}: {e['minutes']:g} min on {e['started_at']}: the same day, minutes and "
                f"description are in {later} (the same entry logged twice?)")
    return (f"  not counted {where}: {e['minutes']:g} min from {e['started_at']} overlap {later} "
            "(the same time logged twice?)")
