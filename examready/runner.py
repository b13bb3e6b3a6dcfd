"""Running the Dagster refresh job in-process against a workspace."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from examready.workspace import Workspace


@dataclass
class RunOutcome:
    run_id: str
    success: bool
    files: list[dict]
    pages: dict[str, str]
    failed_checks: list[str] = field(default_factory=list)
    error: str | None = None


def use_workspace(ws: Workspace) -> None:
    """Point Dagster and our resource at the workspace (DAGSTER_HOME inside it)."""
    os.environ["EXAMREADY_WORKSPACE"] = str(ws.root)
    os.environ["DAGSTER_HOME"] = str(ws.dagster_home)
    ws.dagster_home.mkdir(exist_ok=True)


def _failed_checks(result) -> list[str]:
    """Asset checks that evaluated to failed in this run."""
    return [e.event_specific_data.asset_check_key.to_user_string() for e in result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed]


def run_pipeline(ws: Workspace, show_progress: bool = False) -> RunOutcome:
    """Execute the refresh job once; returns the per-file report and the pages built."""
    use_workspace(ws)
    os.environ["EXAMREADY_PROGRESS"] = "1" if show_progress else "0"
    import dagster as dg

    from pipelines.definitions import defs
    from warehouse.connection import open_warehouse
    from warehouse.ingest import run_reports

    job = defs().resolve_job_def("refresh")
    result = job.execute_in_process(
        instance=dg.DagsterInstance.get(), raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}})
    error = None
    if not result.success:
        failures = [e for e in result.all_events if e.is_step_failure]
        error = "; ".join(str(e.event_specific_data.error.message).strip() for e in failures) or "run failed"
    with open_warehouse(ws.db_path, read_only=True) as con:
        files = run_reports(con, result.run_id)
    return RunOutcome(result.run_id, result.success, files, _pages(result), _failed_checks(result), error)


def _pages(result) -> dict[str, str]:
    """The page paths recorded by the reports.site materialization, if it ran."""
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.path == ["reports", "site"]:
            return dict(mat.metadata["pages"].value)
    return {}
