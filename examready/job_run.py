"""One in-process run of the Dagster `refresh` job against a workspace (`examready run`'s job run)."""
from __future__ import annotations

import os
import uuid

from examready.gc_settings import collect_less_often, freeze_imports
from examready.run_outcome import RunOutcome
from pipelines.workspace import Workspace

LOCK_WAIT_SECONDS = 5.0


def use_workspace(ws: Workspace) -> None:
    """Point Dagster and our resource at the workspace (DAGSTER_HOME inside it), whose dagster.yaml is written
    again when missing (`.dagster` removed, or left behind by `cp -r ws/*`): without it Dagster prints warnings
    and turns telemetry on."""
    from pipelines.dagster_yaml import write_dagster_yaml

    os.environ["EXAMREADY_WORKSPACE"] = str(ws.root)
    os.environ["DAGSTER_HOME"] = str(ws.dagster_home)
    write_dagster_yaml(ws.dagster_home)


def run_job(ws: Workspace, show_progress: bool, kinds: set[str] | None, own_process: bool = False) -> RunOutcome:
    """One in-process run of the refresh job: every asset, or those files of `kinds` can change."""
    _before_dagster(ws, show_progress, own_process)
    import dagster as dg

    from examready.background_notice import remember
    from examready.job_report import outcome_of
    from pipelines.dagster_runs import settle_earlier_runs

    try:
        instance = dg.DagsterInstance.get()
        settle_earlier_runs(instance)
        result = _execute(instance, kinds, own_process)
        remember(ws, instance)  # the notice the commands that read the marts give, known now without Dagster
    except Exception as exc:
        from examready.dagster_storage import unreadable

        damage = unreadable(ws.dagster_home, exc)  # Dagster's SQLite storage, said as such when damaged
        if damage is None:
            raise
        raise damage from exc
    return outcome_of(ws, result)


def _before_dagster(ws: Workspace, show_progress: bool, own_process: bool) -> None:
    """Fail fast on another writer before paying for the Dagster import (seconds on a busy machine),
    start fingerprinting the inbox on the other core meanwhile, and point Dagster at the workspace."""
    from warehouse.connection import wait_until_free
    from warehouse.inbox import hash_in_background

    wait_until_free(ws.db_path, LOCK_WAIT_SECONDS)
    hash_in_background(ws.inbox)
    if own_process:
        collect_less_often()
    use_workspace(ws)
    os.environ["EXAMREADY_PROGRESS"] = "1" if show_progress else "0"


def _execute(instance, kinds: set[str] | None, own_process: bool):
    """The job's run, every asset or the stale ones of `kinds`; says so if it waits for another run's pool slot."""
    from examready.pool_wait import say_when_waiting_for_pool
    from pipelines.definitions import defs
    from pipelines.run_processes import cli_run_tags
    from pipelines.selection import stale_assets

    definitions = defs()
    if own_process:
        freeze_imports()
    job = definitions.resolve_job_def("refresh")
    selection = None if kinds is None else stale_assets(definitions.resolve_asset_graph(), kinds)
    run_id = str(uuid.uuid4())
    # A run the UI's daemon launched after settle_earlier_runs looked holds the warehouse pool: say so.
    with say_when_waiting_for_pool(instance, run_id):
        return job.execute_in_process(instance=instance, raise_on_error=False, tags=cli_run_tags(),
                                      asset_selection=selection, run_id=run_id, run_config=_console(own_process))


def _console(own_process: bool) -> dict:
    """Dagster's console log level for the run.

    The CLI reports files, checks and step failures itself; Dagster's console lines repeated the
    rejections and, when a step failed (another writer took the lock mid-run), added ~80 lines
    of tracebacks. They stay in the run's event log (`examready ui`)."""
    return {"loggers": {"console": {"config": {"log_level": "CRITICAL" if own_process else "WARNING"}}}}
