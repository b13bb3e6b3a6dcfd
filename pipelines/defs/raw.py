"""Raw layer: new inbox files parsed, mapped, validated and appended (the ingestion step)."""
import os
import sys

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from sources.blueprint import load_blueprint
from warehouse.ingest import ingest_inbox

RAW_TABLES = ["file_events", "answers", "domain_scores", "study_sessions", "note_sections", "quarantine"]
RETRY_ON_LOCK = dg.RetryPolicy(max_retries=3, delay=2, backoff=dg.Backoff.EXPONENTIAL)


def _print_progress(done: int, total: int, path: str) -> None:
    print(f"  [{done}/{total}] {path}", file=sys.stderr, flush=True)


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", t], kinds={"duckdb"}, group_name="raw",
                        description=f"raw.{t}: append-only rows from the inbox files, with provenance.")
           for t in RAW_TABLES],
    pool="warehouse",
    retry_policy=RETRY_ON_LOCK,
)
def raw_inbox(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Every new inbox file, loaded once per content hash; bad rows to quarantine."""
    ws = warehouse.workspace()
    progress = _print_progress if os.environ.get("EXAMREADY_PROGRESS") == "1" else None
    with warehouse.connect() as con:
        reports = ingest_inbox(con, ws.inbox, load_blueprint(ws.config.exam), ws.config.learner_id,
                               context.run_id, progress=progress)
        counts = {t: con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0] for t in RAW_TABLES}
    by_status = {s: sum(r.status == s for r in reports) for s in ("loaded", "unchanged", "replaced", "rejected")}
    for report in reports:
        if report.status == "rejected":
            context.log.warning(f"rejected {report.path}: {report.error}")
    for table in RAW_TABLES:
        metadata = {"dagster/row_count": counts[table]}
        if table == "file_events":
            metadata |= {f"files_{k}": v for k, v in by_status.items()}
            metadata["rows_quarantined_this_run"] = sum(r.rows_quarantined for r in reports)
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=metadata)
