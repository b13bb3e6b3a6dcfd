"""Loading one large per-question CSV through DuckDB: read, check in SQL, insert — one transaction.

The ledger, quarantine and validation results are the ones the pandas path writes for the
same file (`warehouse.ingest`); only the engine differs (see `warehouse.sql_checks`).
"""
from __future__ import annotations

import uuid
from datetime import datetime

from sources.blueprint import Blueprint
from warehouse import ledger
from warehouse.bulk_answers import COLUMNS, read_answers
from warehouse.inbox import InboxFile
from warehouse.ledger import FileReport
from warehouse.sql_checks import validate_relation

ROW_JSON = "to_json(struct_pack(" + ", ".join(f"{c} := b.{c}" for c in COLUMNS) + "))"


def _was_loaded_before(con, learner_id: str, path: str) -> bool:
    """The path, or any (learner, attempt) of this file, was loaded before: a re-export."""
    attempts = con.execute("SELECT DISTINCT coalesce(learner_id, ?), attempt_id FROM bulk_answers",
                           [learner_id]).fetchall()
    return ledger.path_loaded_before(con, learner_id, path) or ledger.attempts_loaded_before(con, attempts)


def _write(con, file: InboxFile, learner_id: str, load_id: str, failures, results) -> None:
    keys = {"load_id": load_id, "me": learner_id, "path": file.relative}
    columns = ", ".join(f"b.{c}" for c in COLUMNS if c != "learner_id")
    con.execute(f"INSERT INTO raw.answers BY NAME SELECT $load_id AS load_id, "
                f"coalesce(b.learner_id, $me) AS learner_id, {columns} FROM bulk_answers b",
                {"load_id": load_id, "me": learner_id})
    if not failures.empty:
        con.register("bulk_failures", failures)
        con.execute(f"""INSERT INTO raw.quarantine BY NAME
            SELECT $load_id AS load_id, $me AS learner_id, $path AS path, 'answers' AS table_name, f.line, f.line_row,
                   f.column_name, f.check_name, f.reason, {ROW_JSON} AS row_json
            FROM bulk_failures f JOIN bulk_answers b ON b.line = f.line AND b.line_row = f.line_row""", keys)
        con.unregister("bulk_failures")
    con.register("bulk_results", results)
    con.execute("INSERT INTO raw.validation_results BY NAME SELECT $load_id AS load_id, $me AS learner_id, "
                "$path AS path, * FROM bulk_results", keys)
    con.unregister("bulk_results")


def ingest_bulk(con, file: InboxFile, bp: Blueprint, learner_id: str, run_id: str, now: datetime) -> FileReport:
    """Load one large per-question CSV; raises bulk_read.NotBulk (nothing written) if it needs pandas."""
    try:
        rows = read_answers(con, file.path, bp)
        con.execute("CREATE OR REPLACE TEMP VIEW bulk_checked AS "
                    "SELECT * REPLACE (coalesce(learner_id, '') AS learner_id) FROM bulk_answers")
        failures, results = validate_relation(con, "answers", "bulk_checked", now, [d.id for d in bp.domains])
        status = "replaced" if _was_loaded_before(con, learner_id, file.relative) else "loaded"
        held = failures["line"].nunique()
        report = FileReport(file.relative, file.kind, "per_question_csv", status, rows_in=rows,
                            rows_loaded=rows - held, rows_quarantined=held,
                            secrets_masked=con.execute("SELECT sum(secrets) FROM bulk_answers").fetchone()[0] or 0)
        load_id = uuid.uuid4().hex
        con.execute("BEGIN TRANSACTION")
        try:
            _write(con, file, learner_id, load_id, failures, results)
            ledger.record(con, report, file.sha256, learner_id, run_id, load_id)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return report
    finally:
        con.execute("DROP VIEW IF EXISTS bulk_checked; DROP TABLE IF EXISTS bulk_answers; "
                    "DROP VIEW IF EXISTS bulk_text; DROP TABLE IF EXISTS bulk_text_raw")
