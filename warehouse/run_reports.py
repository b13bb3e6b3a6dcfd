"""What a run saw per file (`run --json`), kept next to the warehouse: the ledger has no row of an unchanged file."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from warehouse.learner_events import withdrawn_learners
from warehouse.ledger import FileReport

REPORT_KEYS = ["path", "kind", "format", "status", "rows_in", "rows_loaded", "rows_quarantined", "error"]
RUN_REPORTS_KEPT = 50
STILL_COUNTS = " (the version loaded before still counts until this one can be read)"  # after a rejection's error


def report_dict(report: FileReport) -> dict:
    """A file's report as `run --json` gives it: `same_as` only on a file that has one, `still_counts` only on
    a rejected file."""
    row = asdict(report)
    return {k: v for k, v in row.items() if not (k in ("same_as", "still_counts") and v is None)}


def withdrawn_rows(con, run_id: str) -> dict[str, dict[str, int]]:
    """{path: {forgotten learner: rows}} of the files this run loaded: rows stored (and counted in
    rows_loaded) under a learner forgotten now, which do not count until `forget --learner ID --undo`."""
    gone = withdrawn_learners(con)
    if not gone:
        return {}
    rows = con.execute(f"""
        WITH loads AS (SELECT load_id, path FROM raw.file_events WHERE run_id = $run AND load_id IS NOT NULL),
        stored AS ({" UNION ALL ".join(
            f"SELECT '{t}' AS table_name, load_id, learner_id, line, line_row FROM raw.{t}"
            for t in ("answers", "domain_scores", "study_sessions", "note_sections"))})
        SELECT l.path, s.learner_id, count(*) FROM stored s JOIN loads l USING (load_id)
        ANTI JOIN raw.quarantine q  -- held back rows are counted in rows_quarantined
          ON q.table_name = s.table_name AND q.load_id = s.load_id AND q.line = s.line
         AND q.line_row IS NOT DISTINCT FROM s.line_row
        WHERE s.learner_id IN (SELECT unnest($gone))
        GROUP BY ALL ORDER BY ALL""", {"run": run_id, "gone": gone}).fetchall()
    found: dict[str, dict[str, int]] = {}
    for path, learner, n in rows:
        found.setdefault(path, {})[learner] = n
    return found


def _reports_dir(con) -> Path:
    """Where run reports are kept: a `.runs` folder next to the warehouse file."""
    db = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    return Path(db).parent / ".runs"


def save_run_report(con, run_id: str, reports: list[FileReport]) -> None:
    """Keep what this run saw per file (merged with an earlier attempt of the same run)."""
    folder = _reports_dir(con)
    folder.mkdir(exist_ok=True)
    target = folder / f"{run_id}.json"
    merged = {r["path"]: r for r in (json.loads(target.read_text()) if target.exists() else [])}
    for report in map(report_dict, reports):
        if report["status"] != "unchanged" or report["path"] not in merged:
            merged[report["path"]] = report
    target.write_text(json.dumps(sorted(merged.values(), key=lambda r: r["path"]), indent=1))
    for old in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)[:-RUN_REPORTS_KEPT]:
        old.unlink(missing_ok=True)


def run_reports(con, run_id: str) -> list[dict]:
    """The file reports of one run, as in `examready run --json` (ledger rows if no report was kept);
    `rows_withdrawn` ({learner: rows}) where the run stored rows of learners `forget --learner` took out."""
    saved = _reports_dir(con) / f"{run_id}.json"
    if saved.exists():
        reports = json.loads(saved.read_text())
    else:
        rows = con.execute(f"SELECT {', '.join(REPORT_KEYS)}, secrets_masked FROM raw.file_events "
                           "WHERE run_id = ? ORDER BY path", [run_id]).fetchall()
        reports = [dict(zip(REPORT_KEYS + ["secrets_masked"], r)) for r in rows]
    not_counted = withdrawn_rows(con, run_id)  # extra key where a file stored rows of a forgotten learner
    return [{**r, "rows_withdrawn": not_counted[r["path"]]} if r["path"] in not_counted else r for r in reports]
