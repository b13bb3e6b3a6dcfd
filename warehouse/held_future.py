"""Rows held back only because their time was in the future: nothing in the file is wrong, so the
file is read again by the first run after that time (its new load replaces the old, in the old one's
place in the order of loads: `ledger.recorded_at`, so a re-export of the same attempt loaded since still
counts) and the rows count then; a file no longer in the inbox counts them from raw (`held_recount`).
The no-op fast path remembers the earliest such time (`examready.last_run`), so a run after it is
never skipped."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sources.summary_rows import is_summary_label
from warehouse.connection import read_sql
from warehouse.ledger import LATEST_BY_PATH


class Held(NamedTuple):
    """A path's rows held back as in the future: the earliest time, how many are due now and count, and
    how many due now are summary rows ("Overall", kept on purpose: they count for no domain, also due)."""
    earliest: datetime
    due: int
    summary: int = 0


def held_in_future(con, learner_id: str, now: datetime) -> dict[str, Held]:
    """{path: Held} of the versions that count."""
    sql = f"WITH current_load AS ({LATEST_BY_PATH}),\n{read_sql('held_in_future.sql')}"
    held: dict[str, Held] = {}
    for path, label, earliest, due in con.execute(sql, {"learner": learner_id, "now": now}).fetchall():
        was = held.get(path, Held(earliest, 0))
        summary = is_summary_label(label)
        held[path] = Held(min(was.earliest, earliest), was.due + (0 if summary else due),
                          was.summary + (due if summary else 0))
    return held


def due_paths(held: dict[str, Held]) -> dict[str, Held]:
    """Of `held`, the paths with a row whose time has now passed (a summary row too, so that its entry "in
    the future" goes): to be read again."""
    return {path: h for path, h in held.items() if h.due or h.summary}


def held_until(held: dict[str, Held]) -> datetime | None:
    """The earliest time a row is held back for: from then on a run has something to do (it reads the
    file again, or counts the rows from raw if the file is no longer in the inbox: `held_recount`)."""
    return min((h.earliest for h in held.values()), default=None)


def due_text(h: Held, count: str = "") -> str:
    """'N row(s) held back as in the future (from …) are due now' + `count`, the summary rows due said
    apart: they count for no domain."""
    since = f"(from {h.earliest:%Y-%m-%d %H:%M})"
    if not h.due:
        return (f"{h.summary} summary row(s) held back as in the future {since} are due now; they count for "
                "no domain (kept on purpose)")
    text = f"{h.due} row(s) held back as in the future {since} are due now{count}"
    return text + (f" (and {h.summary} summary row(s), which count for no domain)" if h.summary else "")


def read_again_notice(path: str, h: Held) -> str:
    """What the run says about a file it reads again for rows no longer in the future."""
    return f"examready: {path}: read again: {due_text(h)}; its new rows replace the old"
