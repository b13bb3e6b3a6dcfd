"""`examready run`'s entry point: the no-op fast path, else one in-process run of the refresh job,
selective when only some files changed.

Where each part lives: `last_run` (what the last clean run saw; the no-op run), `selective` (which
tables the changed files feed), `job_run` (the Dagster run), `job_report` (what it reports),
`gc_settings` (the collector tuned for the CLI's one run), `run_outcome` (the report's type).
"""
from __future__ import annotations

import os

from examready.gc_settings import CLI_GC_THRESHOLDS  # noqa: F401  (re-exported: bench/harness.py, tests)
from examready.job_run import use_workspace  # noqa: F401  (re-exported: tests/helpers_workspace.py)
from examready.job_run import run_job as _run_job
from examready.last_run import STATE_NAME  # noqa: F401  (re-exported)
from examready.last_run import changed_kinds as _changed_kinds
from examready.last_run import forget_state as _forget_state
from examready.last_run import inbox_stats as _inbox_stats
from examready.last_run import no_op_run as _no_op_run
from examready.last_run import pages_exist as _pages_exist
from examready.last_run import read_state as _read_state
from examready.last_run import write_state as _write_state
from examready.run_outcome import RunOutcome
from examready.selective import came_in_unselected, with_first_statuses
from examready.workspace import Workspace
from examready.writable import check_writable

FULL_RUN_ENV = "EXAMREADY_FULL_RUN"  # set to 1 to always run the Dagster job


def run_pipeline(ws: Workspace, show_progress: bool = False, own_process: bool = False) -> RunOutcome:
    """Execute the refresh job once; returns the per-file report and the pages built.

    `own_process`: the process exists for this run (the CLI), so the garbage collector is tuned
    for it (examready/gc_settings.py).

    When nothing changed since the last good run today (`last_run.changed_kinds`), the job is
    skipped: every file is reported `unchanged`, as the job would report it. When only some
    files changed, the run rebuilds only the assets their formats can change (`selective.kinds_fed`).
    """
    check_writable(ws)
    state = _read_state(ws)
    seen = _inbox_stats(ws)
    kinds = None if os.environ.get(FULL_RUN_ENV) == "1" else _changed_kinds(ws, state, seen)
    if kinds == set() and _pages_exist(state):
        outcome = _no_op_run(ws, state)
        if outcome is not None:
            return outcome
    _forget_state(ws)  # a run killed or interrupted mid-way is never remembered: the next one is full
    outcome = _run_job(ws, show_progress, kinds or None, own_process)
    if kinds and came_in_unselected(outcome, kinds):
        # A file arrived (or changed format) after the inbox was looked at: ingested, but its tables not rebuilt.
        outcome = with_first_statuses(_run_job(ws, show_progress, None, own_process), outcome)
    _write_state(ws, outcome, seen)
    return outcome
