"""What `examready run` says on stderr about study entries another file's entries make count less: one
line per file with entries not counted or counted in part (staging.study_entries), on every run while
it holds; per learner in a file of several (a class export), each naming its learner but the workspace's
own. `examready quarantine` lists each entry.

As examready/learner_warnings.py does, the lines are kept in `.dagster/overlap-notices-by-learner.json` with the
size and mtime of the warehouse and its WAL, and read from the warehouse again only when one changed: a
run with nothing new does not open it.
"""
from __future__ import annotations

from examready.kept_answer import kept_lines, warehouse_stamp
from warehouse.catalog import has_column

KEPT_NAME = "overlap-notices-by-learner.json"  # in .dagster (a new name: the old file held the own learner's only)
ENTRIES = """
    SELECT path, count(*) FILTER (counted_minutes = 0) AS dropped, count(*) FILTER (counted_minutes > 0) AS part,
           list_sort(list(DISTINCT overlaps_path)) AS others, bool_and(date_only) AS all_days,
           bool_or(date_only) AS any_day, learner_id
    FROM staging.study_entries WHERE overlaps_path IS NOT NULL  -- every learner's (taken-out ones are not in it)
    GROUP BY path, learner_id ORDER BY path, learner_id"""


def entries(count: int) -> str:
    return f"{count} study {'entry' if count == 1 else 'entries'}"


def notice(path: str, dropped: int, part: int, others: list[str], all_days: bool, any_day: bool,
           whose: str | None = None) -> str:
    """One file's line: how many of its entries (of learner `whose`, if named) count not at all or in part,
    and the files they share with."""
    counts = " and ".join(filter(None, [f"{entries(dropped)} not counted" if dropped else "",
                                        (f"{part} counted in part" if dropped else f"{entries(part)} counted in part")
                                        if part else ""]))
    what = "the same entry (day, minutes and description)" if all_days else \
        "the same time or entry" if any_day else "the same time"
    where = ", ".join(others[:-1]) + f" and {others[-1]}" if len(others) > 1 else others[0]
    path = f"{path} ({whose})" if whose else path
    return f"{path}: {counts}: {what} is in {where}, loaded later (see `examready quarantine`)"


def lines_in(con, learner_id: str) -> list[str]:
    """The lines, from an open warehouse (none before its staging step has built study_entries.date_only);
    those of learners other than `learner_id` (the workspace's) name their learner."""
    found = has_column(con, "staging", "study_entries", "date_only")
    rows = con.execute(ENTRIES).fetchall() if found else []
    return [notice(*row[:-1], whose=None if row[-1] == learner_id else row[-1]) for row in rows]


def overlap_notices(ws) -> list[str]:
    """The lines on the warehouse as it is now, kept while it does not change."""
    return kept_lines(ws, KEPT_NAME, warehouse_stamp(ws), lambda con: lines_in(con, ws.config.learner_id))
