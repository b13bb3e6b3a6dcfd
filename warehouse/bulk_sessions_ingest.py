"""Loading one large Toggl/Clockify export through DuckDB: read, insert, check in SQL — one transaction.

The rows, quarantine, validation results and ledger row are the ones the pandas path writes for
the same file (`warehouse.ingest`): only files of SQL_MIN_ROWS entries or more come here, and the
pandas path judges those with the same SQL form of the suite and the same overlap query.
"""
from __future__ import annotations

import sys
import uuid
from datetime import datetime

import pandas as pd

from sources.clockify_headers import language_note
from sources.csv_layout import header_of
from sources.ragged_rows import CELL_COLUMNS
from warehouse import ledger, loaded_before, validation
from warehouse.bulk_sessions import (MINUTES_TEXT, drop, learner_name_pairs, names_shown, secrets_masked,
                                     sessions_view)
from warehouse.connection import transaction
from warehouse.hour_umbrellas import load_warnings
from warehouse.inbox import InboxFile
from warehouse.learner_names import write_names
from warehouse.ledger import FileReport
from warehouse.raw_rows import quarantine_rows, write_rows
from warehouse.overlaps_sql import offsets_lookup, overlapping_sessions
from warehouse.sql_checks import validate_relation
from warehouse.validation import KEY

# The pandas path's frame, in its column order (TEAM only in a team export) and types; CELL_COLUMNS
# and learner_missing are not in raw and always NULL here (csvfast leaves files with ragged rows to
# pandas, `bulk_sessions` a team export with rows naming no one); minutes_text and started_at_text are not in raw
# either (read from bulk_sessions.MINUTES_TEXT)
UNSTORED = (*CELL_COLUMNS, "learner_missing")
TEAM = ("learner_id", "learner_missing")
FRAME = {"started_at": "datetime64[ns]", "minutes": "float64", "description": object, "project": object,
         "tags": object, "tool": object, "line": "int64", "minutes_text": object, "started_at_text": object,
         **dict.fromkeys(CELL_COLUMNS, object), "learner_id": object, "line_row": "int64", "domain_id": "Int64",
         "service": object, "services": object, "learner_missing": object}


def _insert_rows(con, load_id: str, learner_id: str, zone: str | None = None) -> int:
    """The view's rows into raw in line order, as the pandas path writes its frame (with the UTC offsets
    each start can have in `zone`, `sources.wall_clock.with_offsets`: worked out once, the overlap check
    reads them from raw); returns their number."""
    offsets_lookup(con, "bulk_sessions", zone, "bulk_offsets")
    try:
        return con.execute("INSERT INTO raw.study_sessions BY NAME SELECT b.* EXCLUDE (hits) REPLACE (coalesce("
                           "b.learner_id, $me) AS learner_id), $load_id AS load_id, o.lo AS utc_offset_min, "
                           "o.hi AS utc_offset_max FROM bulk_sessions b LEFT JOIN bulk_offsets o USING (started_at) "
                           "ORDER BY b.line", {"load_id": load_id, "me": learner_id}).fetchall()[0][0]
    finally:
        con.execute("DROP TABLE IF EXISTS bulk_offsets")


def _check_rows(con, load_id: str, team: bool, now: datetime, domain_ids: list[int], zone: str | None = None):
    """The suite and the overlap check on the file's rows in raw, as `validation.validate_batch` runs them.

    The learner is '' in a learner's own export, as the pandas path keys rows that name no learner.
    """
    learner = "learner_id" if team else "''"
    con.execute(f"CREATE OR REPLACE TEMP VIEW bulk_checked AS SELECT * REPLACE ({learner} AS learner_id) "
                f"FROM raw.study_sessions WHERE load_id = '{load_id}'")
    failures, results = validate_relation(con, "study_sessions", "bulk_checked", now, domain_ids, texts=MINUTES_TEXT)
    overlap = overlapping_sessions(con, "bulk_checked", set(failures["line"].astype(int)), zone)
    # the overlap check's result row, as validate_batch adds it
    results.loc[len(results)] = ["study_sessions", "no_overlap", "started_at", overlap.empty, len(overlap),
                                 results["element_count"].iloc[0], len(overlap), "duckdb_sql"]
    return validation.combined_failures([failures, overlap]), results


def _failing_rows(con, load_id: str, team: bool, lines: list[int]) -> pd.DataFrame:
    """The rows of these lines as the pandas path's frame holds them (their row_json is made from it):
    with each entry's User as `learner_name` after `learner_id` in an export keyed by email that shows one."""
    types = {c: t for c, t in FRAME.items() if team or c not in TEAM}
    if names_shown(con):
        types = {**dict(list(types.items())[:list(types).index("learner_id") + 1]), "learner_name": object,
                 **types}
    shown = {"learner_name": "(SELECT NULLIF(t.user, '') FROM bulk_text t WHERE t.line = s.line) AS learner_name",
             **{c: f"(SELECT w.{c} FROM {MINUTES_TEXT} w WHERE w.line = s.line) AS {c}"
                for c in ("minutes_text", "started_at_text")}}
    columns = ", ".join(f"NULL::VARCHAR AS {c}" if c in UNSTORED else shown.get(c, f"s.{c}") for c in types)
    frame = con.execute(f"SELECT {columns} FROM raw.study_sessions s WHERE load_id = ? "
                        "AND list_contains(?, line) ORDER BY line", [load_id, lines]).df()
    return frame.astype(types)


def _write_outcome(con, keys: dict, team: bool, failures, results) -> None:
    """Quarantine rows and validation results, written by the pandas path's own helpers."""
    if not failures.empty:
        rows = _failing_rows(con, keys["load_id"], team, sorted({int(x) for x in failures["line"]}))
        write_rows(con, "quarantine", quarantine_rows(rows, failures, "study_sessions"), keys)
    write_rows(con, "validation_results", results, keys)


def _say_language_note(file: InboxFile) -> None:
    """What clockify.parse says of a header in a language read in part (French), said here too."""
    with open(file.path, "rb") as handle:
        if note := language_note(set(header_of(handle.read(1 << 16)))):
            print(f"examready: {file.relative}: {note}", file=sys.stderr)


def ingest_sessions(con, file: InboxFile, adapter, bp, learner_id: str, run_id: str,
                    now: datetime, zone: str | None = None) -> FileReport | None:
    """Load one large time-tracker export (`zone`: as the adapter's); None (nothing written) when it has too
    few entries for the SQL form of the checks; raises csvfast.NotPlain (nothing written) if it needs pandas."""
    try:
        view = sessions_view(con, file.path, adapter, bp, validation.SQL_MIN_ROWS, zone)
        if view is None:
            return None
        team, secrets = view
        _say_language_note(file)
        replaced = loaded_before.path_loaded_before(con, learner_id, file.relative)
        report = FileReport(file.relative, file.kind, adapter.FORMAT, "replaced" if replaced else "loaded",
                            secrets_masked=secrets_masked(con) if secrets else 0)
        load_id = uuid.uuid4().hex
        with transaction(con):
            report.rows_in = _insert_rows(con, load_id, learner_id, zone)
            failures, results = _check_rows(con, load_id, team, now, [d.id for d in bp.domains], zone)
            report.rows_quarantined = len(failures.drop_duplicates(KEY))
            report.rows_loaded = report.rows_in - report.rows_quarantined
            keys = {"load_id": load_id, "learner_id": learner_id, "path": file.relative}
            _write_outcome(con, keys, team, failures, results)
            write_names(con, load_id, learner_name_pairs(con))
            ledger.record(con, report, file.sha256, learner_id, run_id, load_id)
        for warning in load_warnings(con, load_id, bp):  # as the pandas path says it (warehouse.ingest)
            print(f"examready: {file.relative}: {warning}", file=sys.stderr)
        return report
    finally:
        drop(con)
