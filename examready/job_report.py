"""What a finished job run reports: each file's outcome from the ledger, its error, failed checks,
the pages it built, and the loaded files gone from the inbox (renamed ones among them)."""
from __future__ import annotations

from examready.run_outcome import RunOutcome
from pipelines.workspace import Workspace


def outcome_of(ws: Workspace, result) -> RunOutcome:
    """The RunOutcome of the job run `result` (an in-process execution result)."""
    from examready.file_notices import misplaced
    from warehouse.connection import open_warehouse
    from warehouse.held_future import held_in_future, held_until
    from warehouse.ledger import current_versions
    from warehouse.run_reports import run_reports

    error = run_error(result)
    with open_warehouse(ws.db_path, read_only=True) as con:
        files = run_reports(con, result.run_id)
        versions = current_versions(con, ws.config.learner_id)
        until = held_until(held_in_future(con, ws.config.learner_id, ws.now()))
    gone = [path for path, *_ in versions if not (ws.inbox / path).exists()]
    return RunOutcome(result.run_id, result.success, files, _pages(result), _failed_checks(result), error, gone,
                      _renamed(ws, versions, gone, files), until.isoformat() if until else None, misplaced(files))


def run_error(result) -> str | None:
    """None for a successful run, else its step failures' causes; raises WarehouseLocked when another
    process held the warehouse through every retry (the run could not do its work)."""
    from warehouse.connection import WarehouseLocked

    if result.success:
        return None
    causes = [_user_error(e.event_specific_data.error) for e in result.all_events if e.is_step_failure]
    locked = [c.message.strip() for c in causes if c.cls_name == WarehouseLocked.__name__]
    if locked:
        raise WarehouseLocked(locked[-1].removeprefix(f"{WarehouseLocked.__module__}.WarehouseLocked: "))
    return "; ".join(dict.fromkeys(c.message.strip() for c in causes)) or "run failed"


def _user_error(error):
    """The innermost cause of a step failure's error (our code's exception, not Dagster's wrapper)."""
    while error.cause is not None:
        error = error.cause
    return error


def _failed_checks(result) -> list[str]:
    """Asset checks that evaluated to failed in this run."""
    return [e.event_specific_data.asset_check_key.to_user_string() for e in result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed]


def _pages(result) -> dict[str, str]:
    """The page paths recorded by the reports.site materialization, if it ran."""
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.path == ["reports", "site"]:
            return dict(mat.metadata["pages"].value)
    return {}


def _renamed(ws: Workspace, versions: list, gone: list[str], files: list[dict]) -> dict[str, str]:
    """{loaded path no longer in the inbox: the inbox path now holding the same content}.

    Only files this run reported `unchanged` without a loaded version of their own can be such a
    copy (a renamed file is not loaded again); just those are hashed (`renamed_to`).
    """
    from examready.renames import renamed_to

    return renamed_to(ws.inbox, versions, gone, [f["path"] for f in files if f["status"] == "unchanged"])

