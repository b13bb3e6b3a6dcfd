"""The failed-background-run notice for the commands that read the marts (readiness, gaps, learners,
open): a failed scheduled, sensor or UI run may have left them older than the inbox.

Asking Dagster costs ~3 s of imports, more than such a command itself, so the answer is kept in
`.dagster/background-check.json` with the size and mtime of Dagster's run storage files (the
workspace's dagster.yaml keeps the default SQLite storage, `history/runs.db`): Dagster is asked
again only when a run was recorded, started or ended since. `examready run` records the answer
after its own run. A workspace with no run storage has had no run to report.
"""
from __future__ import annotations

import sys

from examready.kept_answer import MISSING, keep, kept
from examready.suggested import command
from warehouse.inbox import file_stamp

CHECKED_NAME = "background-check.json"   # in the workspace's .dagster folder
READERS_THEN = "What this command shows may be from before it: `{command}` brings it up to date."


def _storage_stamp(home) -> list | None:
    """file_stamp of each of the run storage's files (the database and its journals), or None."""
    stamp = [s for path in sorted((home / "history").glob("runs.db*")) if (s := file_stamp(path))]
    return stamp or None


def remember(ws, instance) -> None:
    """Keep the answer for the run storage as it is now (after `examready run`'s own run)."""
    from pipelines.run_notices import background_failure

    stamp = _storage_stamp(ws.dagster_home)  # before asking: a run recorded meanwhile changes it
    keep(ws.dagster_home / CHECKED_NAME, stamp, background_failure(instance))


def _failure(ws) -> dict | None:
    """The last background run's failure, from the kept answer while the run storage is unchanged."""
    stamp = _storage_stamp(ws.dagster_home)
    if stamp is None:
        return None
    failure = kept(ws.dagster_home / CHECKED_NAME, stamp)
    if failure is not MISSING:
        return failure
    import dagster as dg

    from pipelines.run_notices import background_failure

    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        failure = background_failure(instance)
    keep(ws.dagster_home / CHECKED_NAME, stamp, failure)
    return failure


def say_if_background_run_failed(ws, err=None) -> None:
    """On stderr, `examready run`'s line on a failed background run, ending with what to do about it."""
    from pipelines.run_notices import failure_line

    try:
        failure = _failure(ws)
    except Exception:  # noqa: BLE001  (the notice is an aside: a storage it cannot read must not stop the command)
        return
    if failure:
        print(failure_line(failure, READERS_THEN.format(command=command('run', '-w', ws.root))), file=err or sys.stderr, flush=True)
