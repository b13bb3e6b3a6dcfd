"""The commands that read the marts (readiness, gaps, learners, export) and `open` say which inbox files
could not be read: while
`examready ui` runs, the inbox sensor's run rejects a bad export and succeeds, and its warning is in
the run's logs alone, so the learner would see figures without the mock exam they just dropped. They also
say when examready.yaml's learner_id changed since the last run: until a run takes the earlier id's rows
over, the new id has none, and readiness said 'no practice evidence, drop a mock exam export'."""
from __future__ import annotations

import sys

from examready.quarantine_rejected import current_rejections
from examready.suggested import command
from warehouse.own_learner_renamed import earlier_ids, quoted_ids

SHOWN = 5  # files named on the line; the rest counted


def rejected_line(rejected: list[dict], workspace_root) -> str | None:
    """One line naming the inbox files whose current bytes were rejected, and where to read why."""
    if not rejected:
        return None
    nothing = [r["path"] for r in rejected if not r["still_counts"]]
    before = [r["path"] for r in rejected if r["still_counts"]]
    parts = []
    if nothing:
        parts.append(f"{_named(nothing)} {'counts' if len(nothing) == 1 else 'count'} for nothing")
    if before:
        versions = "version loaded before still counts" if len(before) == 1 else "versions loaded before still count"
        parts.append(f"{_named(before)}: the {versions}")
    return (f"examready: {len(rejected)} inbox file(s) could not be read: {'; '.join(parts)}; "
            f"`{command('quarantine', '-w', workspace_root)}` says why and what to fix")


def _named(paths: list[str]) -> str:
    """The first SHOWN paths, the rest counted."""
    more = f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else ""
    return f"{', '.join(paths[:SHOWN])}{more}"


def say_rejected_files(con, ws, err=None) -> None:
    """On stderr, the line on inbox files rejected (by `examready run` or a background run), if any, and the line on
    examready.yaml's learner_id changed since the last run (`renamed_line`)."""
    if line := rejected_line(current_rejections(con, ws.config.learner_id, ws.inbox), ws.root):
        print(line, file=err or sys.stderr, flush=True)
    if line := renamed_line(earlier_ids(con, ws.config.learner_id), ws):
        print(line, file=err or sys.stderr, flush=True)


def renamed_line(earlier: list[str], ws) -> str | None:
    """The line on examready.yaml's learner_id changed since the last run (`earlier`: the ids loads were for)."""
    if not earlier:
        return None
    quoted = quoted_ids(earlier)
    return (f"examready: examready.yaml's learner_id is now '{ws.config.learner_id}', and what was loaded is "
            f"still for {quoted}: the next `{command('run', '-w', ws.root)}` gives it to '{ws.config.learner_id}'")


def say_rejected_files_if_free(ws, err=None) -> None:
    """say_rejected_files for `open`, which reads the pages, not the warehouse: nothing is said while another
    process holds the warehouse (a run, whose pages come next) or before it exists, and `open` goes on."""
    from warehouse.connection import WarehouseLocked, WarehouseUnreadable, open_warehouse

    try:
        with open_warehouse(ws.db_path, read_only=True, wait_seconds=0) as con:
            say_rejected_files(con, ws, err)
    except (WarehouseLocked, WarehouseUnreadable, FileNotFoundError):
        return
