"""`examready run`'s entry point: the no-op fast path, else one in-process run of the refresh job,
selective when only some files changed.

Where each part lives: `last_run` (what the last clean run saw; the no-op run), `selective` (which
tables the changed files feed), `job_run` (the Dagster run), `job_report` (what it reports),
`gc_settings` (the collector tuned for the CLI's one run), `run_outcome` (the report's type).
"""
from __future__ import annotations

import os

from examready import last_run
from examready.job_run import run_job
from examready.run_outcome import RunOutcome
from examready.selective import came_in_unselected, with_first_statuses
from examready.writable import check_writable
from pipelines.workspace import Workspace

FULL_RUN_ENV = "EXAMREADY_FULL_RUN"  # set to 1 to always run the Dagster job


def run_pipeline(ws: Workspace, show_progress: bool = False, own_process: bool = False) -> RunOutcome:
    """Execute the refresh job once; returns the per-file report and the pages built.

    `own_process`: the process exists for this run (the CLI), so the garbage collector is tuned
    for it (examready/gc_settings.py).

    When nothing changed since the last good run today (`last_run.changed_kinds`), the job is
    skipped: every file is reported `unchanged`, as the job would report it (a file it rejected
    `rejected`, with the same report). When only some
    files changed, the run rebuilds only the assets their formats can change (`selective.kinds_fed`).
    """
    check_writable(ws)
    state = last_run.read_state(ws)
    seen = last_run.inbox_stats(ws)
    kinds = None if os.environ.get(FULL_RUN_ENV) == "1" else last_run.changed_kinds(ws, state, seen)
    if kinds == set() and last_run.pages_exist(ws, state):
        outcome = last_run.no_op_run(ws, state)
        if outcome is not None:
            return outcome
    last_run.forget_state(ws)  # a run killed or interrupted mid-way is never remembered: the next one is full
    outcome = run_job(ws, show_progress, kinds or None, own_process)
    if kinds and came_in_unselected(outcome, kinds):
        # A file arrived (or changed format) after the inbox was looked at: ingested, but its tables not rebuilt.
        outcome = with_first_statuses(run_job(ws, show_progress, None, own_process), outcome)
    last_run.write_state(ws, outcome, seen)
    return outcome
