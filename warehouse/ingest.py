"""Loading new inbox files into the raw layer: ledger, mapping, validation, quarantine."""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from sources.blueprint import Blueprint
from sources.canonical import TABLES, FormatError
from warehouse.inbox import InboxFile, scan_inbox
from warehouse.mapping import MAPPERS
from warehouse.validation import validate_batch


@dataclass
class FileReport:
    path: str
    kind: str
    format: str | None
    status: str
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    error: str | None = None


def _format_loaded_before(con, learner_id: str, sha256: str) -> str | None:
    """The format of an earlier successful load of these exact bytes, if any."""
    row = con.execute("SELECT format FROM raw.file_events WHERE learner_id = ? AND sha256 = ? "
                      "AND status IN ('loaded', 'replaced') LIMIT 1", [learner_id, sha256]).fetchone()
    return row[0] if row else None


def _path_loaded_before(con, learner_id: str, path: str) -> bool:
    return con.execute("SELECT count(*) FROM raw.file_events WHERE learner_id = ? AND path = ? "
                       "AND status IN ('loaded', 'replaced')", [learner_id, path]).fetchone()[0] > 0


def _attempts_loaded_before(con, learner_id: str, tables: dict[str, pd.DataFrame]) -> bool:
    ids = sorted({str(a) for t in ("answers", "domain_scores") if t in tables
                  for a in tables[t]["attempt_id"].dropna()})
    if not ids:
        return False
    found = con.execute("SELECT count(*) FROM (SELECT attempt_id FROM raw.answers WHERE learner_id = $1 "
                        "UNION ALL SELECT attempt_id FROM raw.domain_scores WHERE learner_id = $1) "
                        "WHERE list_contains($2, attempt_id)", [learner_id, ids]).fetchone()[0]
    return found > 0


def _quarantine_rows(frame: pd.DataFrame, failures: pd.DataFrame, table: str) -> pd.DataFrame:
    rows = frame.set_index("line")
    out = failures.copy()
    out["table_name"] = table
    out["row_json"] = [rows.loc[[n]].iloc[0].to_json(date_format="iso", default_handler=str)
                       for n in failures["line"]]
    return out


def _with_note_dates(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Notes without a date in their front matter take the file's modification date."""
    mtime = pd.Timestamp(datetime.fromtimestamp(path.stat().st_mtime).date())
    return frame.assign(note_date=pd.to_datetime(frame["note_date"]).fillna(mtime))


def _parse_and_check(file: InboxFile, bp: Blueprint, parse_file, now: datetime):
    adapter, tables = parse_file(file.path)
    checked = {}
    for table, frame in tables.items():
        if table == "note_sections":
            frame = _with_note_dates(frame, file.path)
        frame = MAPPERS[table](frame, bp) if not frame.empty else frame
        checked[table] = (frame, validate_batch(table, frame, now))
    return adapter, checked


def _write(con, table: str, frame: pd.DataFrame, extra: dict):
    if frame.empty:
        return
    if "learner_id" in frame.columns and "learner_id" in extra:  # cohort rows keep their own learner
        extra = {**extra, "learner_id": frame["learner_id"].fillna(extra["learner_id"])}
    frame = frame.assign(**extra)
    columns = [c[0] for c in con.execute(f"DESCRIBE raw.{table}").fetchall()]
    frame = frame[[c for c in columns if c in frame.columns]]
    con.register("batch", frame)
    con.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM batch")
    con.unregister("batch")


def ingest_file(con: duckdb.DuckDBPyConnection, file: InboxFile, bp: Blueprint, learner_id: str,
                run_id: str, parse_file, now: datetime) -> FileReport:
    """Load one file in one transaction; never raises for bad input, reports it instead."""
    earlier_format = _format_loaded_before(con, learner_id, file.sha256)
    if earlier_format:
        report = FileReport(file.relative, file.kind, earlier_format, "unchanged")
        _record(con, report, file, learner_id, run_id, None, now)
        return report
    try:
        adapter, checked = _parse_and_check(file, bp, parse_file, now)
    except FormatError as exc:
        report = FileReport(file.relative, file.kind, None, "rejected", error=str(exc))
        _record(con, report, file, learner_id, run_id, None, now)
        return report
    load_id = uuid.uuid4().hex
    replaced = _path_loaded_before(con, learner_id, file.relative) or _attempts_loaded_before(
        con, learner_id, {t: f for t, (f, _) in checked.items()})
    report = FileReport(file.relative, file.kind, adapter.FORMAT, "replaced" if replaced else "loaded")
    con.execute("BEGIN TRANSACTION")
    try:
        for table, (frame, failures) in checked.items():
            bad_lines = set(failures["line"])
            report.rows_in += len(frame)
            report.rows_quarantined += len(bad_lines)
            report.rows_loaded += len(frame) - len(bad_lines)
            _write(con, table, frame, {"load_id": load_id, "learner_id": learner_id})
            if not failures.empty:
                q = _quarantine_rows(frame, failures, table)
                _write(con, "quarantine", q, {"load_id": load_id, "learner_id": learner_id,
                                               "path": file.relative})
        _record(con, report, file, learner_id, run_id, load_id, now)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return report


def _record(con, report: FileReport, file: InboxFile, learner_id, run_id, load_id, now):
    """Append the file's ledger row; recorded_at orders loads, so it is the time of writing."""
    con.execute("INSERT INTO raw.file_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [run_id, load_id, learner_id, report.path, report.kind, report.format, file.sha256,
                 report.status, report.rows_in, report.rows_loaded, report.rows_quarantined,
                 report.error, datetime.now()])


def ingest_inbox(con, inbox: Path, bp: Blueprint, learner_id: str, run_id: str,
                 progress=None) -> list[FileReport]:
    """Ingest every file of the inbox that was not loaded before; returns one report per file."""
    from sources.registry import parse_file

    now = datetime.now()
    files = scan_inbox(inbox)
    reports = []
    for i, file in enumerate(files, 1):
        reports.append(ingest_file(con, file, bp, learner_id, run_id, parse_file, now))
        if progress:
            progress(i, len(files), file.relative)
    return reports


def reports_as_dicts(reports: list[FileReport]) -> list[dict]:
    return [asdict(r) for r in reports]


def run_reports(con, run_id: str) -> list[dict]:
    """The file reports recorded for one run, as in `examready run --json`."""
    rows = con.execute("SELECT path, kind, format, status, rows_in, rows_loaded, rows_quarantined, "
                       "error FROM raw.file_events WHERE run_id = ? ORDER BY path", [run_id]).fetchall()
    keys = ["path", "kind", "format", "status", "rows_in", "rows_loaded", "rows_quarantined", "error"]
    return [dict(zip(keys, r)) for r in rows]
