"""Raw layer: new inbox files parsed, mapped, validated and appended (the ingestion step).

Its asset checks run right after the load, next to it: blocking where bad data would corrupt
scores (a half-loaded file, rows neither loaded nor quarantined), so staging and marts are not
rebuilt from a warehouse that breaks those rules.
"""
import os
import sys

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.sql_models import table_metadata
from sources.blueprint import load_blueprint
from warehouse.ingest import ingest_inbox
from warehouse.integrity import expectation_outcomes, half_loaded_files, loads_checked, unaccounted_rows
from warehouse.run_reports import STILL_COUNTS

RAW_TABLES = {  # each table: what it is (the asset's description); rows are appended, with their file's load_id
    "file_events": "The ingestion ledger: a row per file loaded, replaced, rejected or withdrawn, with row counts.",
    "answers": "Per-question practice answers as loaded from exam exports (CSV, Moodle, Anki).",
    "domain_scores": "Per-domain mock exam results as loaded from summary exports.",
    "study_sessions": "Study-time entries as loaded from time-tracker exports and study logs.",
    "note_sections": "Sections of the Markdown notes as loaded, with the services each mentions.",
    "quarantine": "Rows held back from the warehouse: the check or expectation they failed and the row as read.",
    "validation_results": "The outcome of each expectation on each loaded batch (Great Expectations or its SQL form).",
}
LEDGER = dg.AssetKey(["raw", "file_events"])
ALONE = " Run alone (no raw table selected: nothing is ingested), it checks each file's latest load."
CHECKS = [
    dg.AssetCheckSpec("no_half_loaded_file", asset=LEDGER, blocking=True,
                      description="Every file of this run is in raw completely (rows = ledger rows_in) "
                                  "and no raw row lacks its ledger row." + ALONE),
    dg.AssetCheckSpec("every_row_loaded_or_quarantined", asset=LEDGER, blocking=True,
                      description="Per file: rows_in = rows_loaded + rows_quarantined, matching raw.quarantine."
                                  + ALONE),
    dg.AssetCheckSpec("failed_expectations_quarantined", asset=["raw", "validation_results"], blocking=True,
                      description="The expectation suites ran on each new batch (Great Expectations; their SQL form on "
                                  "large batches); every failing row is in quarantine." + ALONE),
]


def _selected(context: dg.AssetExecutionContext, checks):
    """The check results the run selected."""
    return [c for c in checks if dg.AssetCheckKey(c.asset_key, c.check_name) in context.selected_asset_check_keys]


def _print_progress(done: int, total: int, path: str) -> None:
    print(f"  [{done}/{total}] {path}", file=sys.stderr, flush=True)


def _checks(con, run_id: str | None):
    """The raw checks over the loads of run `run_id`, or with None over each file's latest load."""
    half, unaccounted = half_loaded_files(con, run_id), unaccounted_rows(con, run_id)
    outcomes = expectation_outcomes(con, run_id)
    leaks = [o for o in outcomes if o["quarantined"] != o["to_hold"] or o["failed_without_rows"]]
    scope = {"files_checked": loads_checked(con, run_id),
             "checked": "files loaded by this run" if run_id else "each file's latest load (nothing ingested)"}
    yield dg.AssetCheckResult(asset_key=LEDGER, check_name="no_half_loaded_file", passed=not half,
                              metadata={**scope, "files_with_problems": len(half),
                                        "problems": dg.MetadataValue.json(half)})
    yield dg.AssetCheckResult(asset_key=LEDGER, check_name="every_row_loaded_or_quarantined", passed=not unaccounted,
                              metadata={**scope, "files_with_problems": len(unaccounted),
                                        "problems": dg.MetadataValue.json(unaccounted)})
    yield dg.AssetCheckResult(
        asset_key=["raw", "validation_results"], check_name="failed_expectations_quarantined", passed=not leaks,
        metadata={**scope, "expectations": dg.MetadataValue.json(outcomes),
                  "failing_rows": sum(o["unexpected"] for o in outcomes), "expectations_leaking": len(leaks),
                  "not_quarantined": dg.MetadataValue.json(leaks)})


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", t], kinds={"duckdb"}, group_name="raw", description=what)
           for t, what in RAW_TABLES.items()],
    check_specs=CHECKS,
    pool="warehouse",
    can_subset=True,
)
def raw_inbox(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Every new inbox file, loaded once per content hash; bad rows to quarantine.

    A run may select only the tables the changed files' formats feed (`pipelines.selection`); every
    new file is still ingested, and the runner reruns in full if one feeding other tables came in.
    """
    ws = warehouse.workspace()
    if not context.selected_asset_keys:  # only checks selected (the UI's "Execute" on a check): no ingestion
        with warehouse.connect() as con:
            yield from _selected(context, _checks(con, None))
        return
    progress = _print_progress if os.environ.get("EXAMREADY_PROGRESS") == "1" else None
    # A WarehouseLocked here (another process writing) is transient: the step is run again (resources.py).
    with warehouse.connect() as con:
        reports = ingest_inbox(con, ws.inbox, load_blueprint(ws.config.exam), ws.config.learner_id,
                               context.run.run_id, progress=progress, now=ws.now(),
                               zone=ws.config.timezone, cohort=bool(ws.config.cohort))
        tables = {t: table_metadata(con, f"raw.{t}") for t in RAW_TABLES
                  if dg.AssetKey(["raw", t]) in context.selected_asset_keys}
        checks = list(_checks(con, context.run.run_id))
    by_status = {s: sum(r.status == s for r in reports) for s in ("loaded", "unchanged", "replaced", "rejected")}
    for report in reports:
        if report.status == "rejected":
            context.log.warning(f"rejected {report.path}: {report.error}{STILL_COUNTS if report.still_counts else ''}")
    for table, metadata in tables.items():
        if table == "file_events":
            metadata |= {f"files_{k}": v for k, v in by_status.items()}
            metadata["rows_quarantined_this_run"] = sum(r.rows_quarantined for r in reports)
            metadata["secrets_masked_this_run"] = sum(r.secrets_masked for r in reports)
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=metadata)
    yield from _selected(context, checks)
