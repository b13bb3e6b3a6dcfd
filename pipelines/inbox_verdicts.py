"""What the inbox sensor does with each stable file not handled in its current version: settle it,
ask a run for it, wait (a run pending, a back-off after a failed one), or give up on it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.inbox_cursor import HANDLED, KEY, SHA, STAMP
from pipelines.inbox_runs import run_for_key, succeeded_since
from warehouse.inbox import file_identity
from warehouse.inbox_names import inbox_path

SETTLED, READY, WAIT, GIVEN_UP = "settled", "ready", "wait", "given up"


@dataclass(frozen=True)
class RetryPolicy:
    """After a failed run: wait `base` seconds, doubling up to `most`; give up after `runs` failed runs."""
    base: float
    most: float
    runs: int

    def delay(self, attempt: int) -> float:
        """Seconds to wait after the failed run of attempt `attempt` (0 = the first request)."""
        return min(self.base * 2 ** attempt, self.most)


def sort_out(inbox: Path, todo: dict, seen: dict, asked: dict, ledger: dict, instance, now: float,
             policy: RetryPolicy) -> tuple[dict[str, list], dict[str, list]]:
    """({path: [*stamp, sha256, attempt]} to ask for, {verdict: [paths held back]}); files
    handled meanwhile move to `seen` (and out of `asked`)."""
    ready: dict[str, list] = {}
    held: dict[str, list] = {}
    for path, fp in todo.items():
        before = asked.get(path)
        known = before[SHA] if before and before[:STAMP] == fp else None
        sha = known or file_identity(inbox_path(inbox, path))  # what the ledger compares (a Moodle export includes its map)
        verdict, attempt = _verdict([*fp, sha], before, seen.get(path), ledger.get(path), instance, now, policy)
        if verdict == SETTLED:
            seen[path] = [*fp, sha]
            asked.pop(path, None)
        elif verdict == READY:
            ready[path] = [*fp, sha, attempt]
        else:
            held.setdefault(verdict, []).append(path)
    return ready, held


def _verdict(version: list, before: list | None, old: list | None, rows: set | None, instance, now: float,
             policy: RetryPolicy) -> tuple[str, int]:
    """(verdict, attempt) for one file's version [*stamp, sha256], given its path's ledger rows
    (`read_ledger`)."""
    if any((version[SHA], status) in (rows or ()) for status in HANDLED) or (old and old[SHA] == version[SHA]):
        return SETTLED, 0  # loaded or rejected already, or touched with the same bytes
    if not (before and before[:KEY] == version):
        return READY, 0
    return after_run(instance, before[KEY], before[-1], now, policy)


def after_run(instance, run_key: str, attempt: int, now: float, policy: RetryPolicy) -> tuple[str, int]:
    """The verdict from the run asked for with `run_key` (its `attempt`, 0 for the first request)."""
    record = run_for_key(instance, run_key)
    if record is None:
        return READY, attempt
    run = record.dagster_run
    if not run.is_finished:
        return WAIT, attempt  # not started yet (NOT_STARTED): wait for it
    if run.status == dg.DagsterRunStatus.SUCCESS:
        return SETTLED, attempt  # the run saw it (e.g. a renamed copy: `unchanged`)
    attempt += 1  # it failed or was canceled: ask again, with a new key, after a back-off
    ended = record.end_time or record.update_timestamp.timestamp()
    if attempt >= policy.runs:
        return (SETTLED if succeeded_since(instance, ended) else GIVEN_UP), attempt
    return (WAIT if now - ended < policy.delay(attempt - 1) else READY), attempt
