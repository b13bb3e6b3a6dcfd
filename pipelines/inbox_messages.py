"""What the inbox sensor says when it asks for no run, or about files it no longer asks for."""
from __future__ import annotations

from pipelines.inbox_cursor import KEY
from pipelines.inbox_runs import run_for_key

NOTHING_NEW = "no new or changed inbox files"


def names(paths) -> str:
    """The first five paths, sorted, comma-separated."""
    return ", ".join(sorted(paths)[:5])


def waiting_text(changing: dict) -> str:
    """The files still being written, if any."""
    return f"waiting for {len(changing)} file(s) to stop changing: {names(changing)}" if changing else ""


def busy_text(run, todo: dict) -> str:
    """Files left until the run in progress ends."""
    return (f"run {run.run_id[:8]} is {run.status.value.lower()}; {len(todo)} file(s) ({names(todo)}) "
            f"will be looked at when it ends")


def held_text(todo: dict) -> str:
    """Files left because another process holds the warehouse."""
    return (f"the warehouse is held by another process; {len(todo)} file(s) ({names(todo)}) "
            f"will be looked at on a later tick")


def held_reason(backing_off: list[str], given_up: str, waiting: str) -> str:
    """The skip message when no file is ready: those backing off, those given up, those still being written."""
    reason = (f"{len(backing_off)} file(s) not loaded by their failed run will be asked for again after a "
              f"back-off: {names(backing_off)}" if backing_off else "")
    return "; ".join(r for r in (reason, given_up, waiting) if r) or NOTHING_NEW


def given_up_text(paths: list[str], asked: dict, instance, runs: int) -> str:
    """Which files are no longer asked for, why (the last failed run's error), and what asks for them again."""
    if not paths:
        return ""
    return (f"{len(paths)} file(s) not asked for again after {runs} failed runs each: "
            f"{names(paths)}{last_failure(instance, asked[sorted(paths)[0]][KEY])}; a file is asked for again when "
            f"it changes, and `examready run` loads it or says why it cannot")


def held_given_up_text(paths: list[str], run_key: str | None, instance, runs: int) -> str:
    """Files whose rows held back as in the future are due, not asked for again (the run asked for with
    `run_key` failed, the last of `runs`), and what counts them instead."""
    if not paths:
        return ""
    return (f"rows held back as in the future in {len(paths)} file(s) ({names(paths)}) are due but not asked for "
            f"again after {runs} failed runs{last_failure(instance, run_key)}; `examready run` counts them or "
            "says why it cannot")


def last_failure(instance, run_key: str) -> str:
    """' (last: Dagster run …, step …: the error in one line; …)' of the failed run asked for with `run_key`,
    in the words of `examready run`'s notice of a failed background run ('' if no such run is found)."""
    from pipelines.run_notices import cause_text, failed_step, failure_cause

    record = run_for_key(instance, run_key)
    if record is None:
        return ""
    run_id = record.dagster_run.run_id
    step = failed_step(instance, run_id)
    return (f" (last: Dagster run {run_id[:8]}{f', step {step}' if step else ''}: "
            f"{cause_text(failure_cause(instance, run_id))}; its full log: run {run_id[:8]} in `examready ui`)")
