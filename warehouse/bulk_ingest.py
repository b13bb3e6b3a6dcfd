"""Loading one large per-question CSV through DuckDB: read, insert, check in SQL — one transaction.

The ledger, quarantine and validation results are the ones the pandas path writes for the
same file (`warehouse.ingest`); only the engine differs (see `warehouse.sql_checks`). The rows
are typed and written to raw in one pass, then checked there (inside the same transaction):
a temp copy of a 1.3M-row file cost as much as the write itself.
"""
from __future__ import annotations

import sys
import uuid
from datetime import datetime

import pandas as pd

from sources.blueprint import Blueprint
from sources.csv_columns import norm
from sources.learners import learner_keys, learner_missing_reason, people_named
from sources.per_question_csv import ALIASES as LEARNER_HEADERS
from warehouse import ledger, loaded_before
from warehouse.bulk_answers import COLUMNS, NOTES, answers_view, drop, secrets_masked
from warehouse.bulk_read import TEXT_VIEW, NotBulk, lookup
from warehouse.bulk_row_json import MASKED, row_json
from warehouse.connection import transaction
from warehouse.dropped_sittings import counted_load, dropped_notice, dropped_sittings
from warehouse.inbox import InboxFile
from warehouse.ledger import FileReport
from warehouse.mapping import explain_no_domain
from warehouse.secrets import masked_cell
from warehouse.sitting_notices import sitting_notices
from warehouse.sql_checks import validate_relation

def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _is_cohort(con) -> bool:
    """The file has a learner column (its rows go to the people they name)."""
    return "learner_id" in {r[0] for r in con.execute(f"DESCRIBE {TEXT_VIEW}").fetchall()}


def _learner_lookup(con) -> str | None:
    """Lookup map_learner: the file's learner cells -> ids as stored (`sources.learners`), each read once.

    Returns the reason for a row naming no one when other rows name someone (None otherwise), as
    `warehouse.ingest` gives it in `learner_missing`. A learner cell that could be its column's name (the
    header repeated: two exports in one file) takes the pandas path (NotBulk), which names no one by it."""
    cells = [v for v, in con.execute(f"SELECT DISTINCT learner_id FROM {TEXT_VIEW}").fetchall()] if _is_cohort(con) else []
    if any(isinstance(c, str) and LEARNER_HEADERS.get(norm(c)) == "learner_id" for c in cells):
        raise NotBulk("a row repeats the header (two exports in one file?)")
    keys = learner_keys(pd.Series(cells, dtype=object))
    lookup(con, "map_learner", {"value": cells}, {"result": keys})
    named = people_named(keys)
    return learner_missing_reason(named) if named and keys.isna().any() else None


def _insert_rows(con, load_id: str, learner_id: str) -> int:
    columns = ", ".join(f"b.{c}" for c in COLUMNS if c != "learner_id")
    # The learner join only where an id as stored differs from its cell (the cells of a file keyed by
    # ids already spelled one way are their keys; the join would probe each row for nothing).
    keyed = con.execute("SELECT count(*) FROM map_learner WHERE value IS DISTINCT FROM result").fetchall()[0][0]
    learner, join = ("ml.result", "LEFT JOIN map_learner ml ON ml.value = b.learner_id") if keyed else ("b.learner_id", "")
    return con.execute(f"INSERT INTO raw.answers BY NAME SELECT $load_id AS load_id, "
                       f"coalesce({learner}, $me) AS learner_id, {columns} FROM bulk_answers b {join}",
                       {"load_id": load_id, "me": learner_id}).fetchall()[0][0]


def _check_rows(con, load_id: str, learner_id: str, now: datetime, bp: Blueprint, missing: str | None):
    """The suite on the file's rows in raw.

    The uniqueness key's learner is '' for the workspace's learner, as the pandas path keys rows
    that name no learner; rows naming the workspace's learner explicitly share that key here
    (they are stored under the same learner, so a repeat among them is a real duplicate).
    `missing`: the reason for a row whose learner cell is blank (other rows name their learner).
    """
    flag, join = "", ""
    if missing:
        flag = f", CASE WHEN t.learner_id IS NULL THEN {_quote(missing)} END AS learner_missing"
        join = f" JOIN {TEXT_VIEW} t ON t.line = r.line"
    con.execute(f"CREATE OR REPLACE TEMP VIEW bulk_checked AS SELECT r.* REPLACE (CASE WHEN r.learner_id = "
                f"{_quote(learner_id)} THEN '' ELSE r.learner_id END AS learner_id){flag} FROM raw.answers r{join} "
                f"WHERE r.load_id = {_quote(load_id)}")
    failures, results = validate_relation(con, "answers", "bulk_checked", now, [d.id for d in bp.domains],
                                          texts=TEXT_VIEW)
    if (failures["check_name"] == "domain_mapped").any():  # labelled only by services of several domains?
        rows = con.execute("SELECT line, line_row, domain_label, task_label, service_label FROM raw.answers "
                           "WHERE load_id = $load_id AND domain_id IS NULL", {"load_id": load_id}).df()
        failures = explain_no_domain(failures, rows, bp)
    return failures, results


def _write_outcome(con, file: InboxFile, learner_id: str, load_id: str, failures, results,
                   missing: str | None) -> None:
    keys = {"load_id": load_id, "me": learner_id, "path": file.relative}
    if not failures.empty:  # the reason and cells a held-back row quotes are masked, as on the pandas path
        con.register("bulk_failures", failures.assign(reason=failures["reason"].map(masked_cell)))
        con.create_function(MASKED, masked_cell, ["VARCHAR"], "VARCHAR")
        con.execute(f"""INSERT INTO raw.quarantine BY NAME
            SELECT $load_id AS load_id, $me AS learner_id, $path AS path, 'answers' AS table_name, f.line, f.line_row,
                   f.column_name, f.check_name, f.reason, {row_json(_is_cohort(con), missing)} AS row_json
            FROM bulk_failures f JOIN raw.answers r
              ON r.load_id = $load_id AND r.line = f.line AND r.line_row = f.line_row
            LEFT JOIN {NOTES} n ON n.line = f.line""", keys)
        con.remove_function(MASKED)
        con.unregister("bulk_failures")
    con.register("bulk_results", results)
    con.execute("INSERT INTO raw.validation_results BY NAME SELECT $load_id AS load_id, $me AS learner_id, "
                "$path AS path, * FROM bulk_results", keys)
    con.unregister("bulk_results")


def ingest_bulk(con, file: InboxFile, bp: Blueprint, learner_id: str, run_id: str, now: datetime,
                zone: str | None = None) -> FileReport:
    """Load one large per-question CSV (`zone`: as the adapter's); raises csvfast.NotPlain (nothing written)
    if it needs pandas."""
    try:
        for warning in answers_view(con, file.path, bp, zone):  # as ingest_file prints the adapter's
            print(f"examready: {file.relative}: {warning}", file=sys.stderr)
        report = FileReport(file.relative, file.kind, "per_question_csv", "loaded", secrets_masked=secrets_masked(con))
        load_id = uuid.uuid4().hex
        missing = _learner_lookup(con)
        latest = ledger.latest_load(con, learner_id, file.relative)
        old = counted_load(con, latest)  # its attempts the new version may no longer hold
        with transaction(con):
            report.rows_in = _insert_rows(con, load_id, learner_id)
            failures, results = _check_rows(con, load_id, learner_id, now, bp, missing)
            report.rows_quarantined = len(failures.drop_duplicates(["line", "line_row"]))
            report.rows_loaded = report.rows_in - report.rows_quarantined
            _write_outcome(con, file, learner_id, load_id, failures, results, missing)
            if loaded_before.is_reexport(con, learner_id, file.relative, load_id, ["answers"]):
                report.status = "replaced"
            ledger.record(con, report, file.sha256, learner_id, run_id, load_id, latest=latest)
        if notice := dropped_notice(file.relative, dropped_sittings(con, old, load_id), learner_id):  # as ingest_file
            print(notice, file=sys.stderr)
        for notice in sitting_notices(con, file.relative, load_id, "answers", report.status == "replaced", learner_id):
            print(notice, file=sys.stderr)
        return report
    finally:
        drop(con)
        con.unregister("map_learner")
