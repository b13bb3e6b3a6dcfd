"""The ingestion ledger (the Glue job-bookmark idea) and the per-run file report.

raw.file_events gets a row only when something happened to the warehouse: a file loaded or
replaced, or a new rejection. A rerun over unchanged files writes nothing, so every table stays
byte-for-byte the same; what the run saw is kept in a small JSON report next to the warehouse.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

REPORT_KEYS = ["path", "kind", "format", "status", "rows_in", "rows_loaded", "rows_quarantined", "error"]
# How files are read into rows. Raised when the same bytes would give other ids: a file whose latest
# load used older rules is read once more (`is_unchanged`), so an upgraded warehouse holds what the
# current rules give and nothing twice. 2 (2 Dec 2026): learner ids spelled one way and keyed by email
# (54de437, 8e98562, ac9b83b), sittings of a set split within a file (ebb6805), files in folders named
# by their path (432ecbf), Moodle attempt ids by pseudonym (f5bdfad). 3 (2 Dec 2026, later): a question
# whose only label names several services of one domain ('Kinesis') counts in that domain instead of
# being held back (9e374b2); a file's kind follows its format (b4fe6de). 4 (2 Dec 2026, later): a service
# label naming several services ('Athena; S3', 'Kinesis, Glue') counts for each (raw.answers.services)
# instead of for none or only one, and takes the one domain they all serve. 5 (2 Dec 2026, later): a
# per-question file without a set/attempt column is split into sittings as a set is (sources/sittings.py
# file_sitting_ids), each its own attempt dated by its first row, instead of one attempt of the whole file.
# 6 (2 Dec 2026, later): a plain log's entry with a date but no time of day is marked
# (raw.study_sessions.date_only) and overlaps no entry (it was placed at 00:00, so two such entries of one
# day in two files shared that time). 7 (2 Dec 2026, later): a blank in a file's key repeats no other row's
# blank (`expectations._unique`): answers without a question id count instead of being held back as
# duplicates of the first, and rows without a domain or a start time are held back for that alone.
# 8 (2 Dec 2026, later): a per-domain summary without a set/attempt column is split into sittings as a
# per-question file is (5), the domain as the item that repeats, instead of one attempt whose later
# sittings were held back as duplicates.
# 9 (2 Dec 2026, later; 8 is the summary split written beside it): a set's rows from two platforms in one
# file (`provider`) are split into sittings a platform at a time, each platform's ids ending ' (<platform>)',
# instead of one mixed attempt whose repeated questions were held back as duplicates (xreview D1).
# 10 (2 Dec 2026, later): the platform suffix of such an id holds the provider as masked (secrets), not the
# cell as written ('... (ops@example.com)' became '... ([masked: email])').
# 11 (2 Dec 2026, later): a per-domain summary's set (or file) from two platforms is split a platform at a
# time as a per-question file's is (9), instead of mixing both platforms' domains in its sittings.
READING_RULES = 11
RUN_REPORTS_KEPT = 50
PLATFORM = "lower(trim(coalesce({}, '')))"  # an export's platform key (sources.sittings.platform_keys)


@dataclass
class FileReport:
    path: str
    kind: str
    format: str | None
    status: str              # loaded | unchanged | replaced | rejected | withdrawn (`examready forget`)
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    error: str | None = None
    secrets_masked: int = 0  # extra key: secrets found and masked in this file's text
    same_as: str | None = None  # extra key, not in the ledger: the other path whose load counts these bytes


def kind_of(fmt: str | None, folder: str) -> str:
    """The kind a file of this format feeds (its adapter's KIND, as `inspect` says); its folder's
    kind when it has no known format (a rejected file)."""
    if fmt is None:
        return folder
    from sources.registry import adapter_of

    adapter = adapter_of(fmt)
    return adapter.KIND if adapter else folder


def report_dict(report: FileReport) -> dict:
    """A file's report as `run --json` gives it: `same_as` only on a file that has one."""
    row = asdict(report)
    return row if row["same_as"] else {k: v for k, v in row.items() if k != "same_as"}


# Each path's latest load or withdrawal: a withdrawn path has no version that counts.
LATEST_BY_PATH = """SELECT path, load_id, sha256, status, kind, format, recorded_at FROM raw.file_events
    WHERE learner_id = $learner AND status IN ('loaded', 'replaced', 'withdrawn')
    QUALIFY row_number() OVER (PARTITION BY path ORDER BY recorded_at DESC, load_id DESC) = 1"""


def is_unchanged(con, learner_id: str, path: str, sha256: str) -> bool:
    """These bytes were loaded before by the current READING_RULES, and nothing newer was loaded at
    this path since; or, for a path with no load of its own, they are another path's version that
    counts (`counted_elsewhere`).
    """
    latest = _latest(con, learner_id, path)
    if latest is not None:
        return latest[:2] in ((sha256, "loaded"), (sha256, "replaced")) and _rules(con, latest[2]) >= READING_RULES
    return counted_elsewhere(con, learner_id, path, sha256) is not None


def counted_elsewhere(con, learner_id: str, path: str, sha256: str) -> str | None:
    """The other path (the first by name) whose version that counts has these bytes and gave rows.

    Only a version that counts: once that path got other bytes or was withdrawn, these are loaded
    again (they would otherwise count nowhere). Only one that gave rows: empty bytes are no export
    (read as a note, 0 sections, they would otherwise pass an empty CSV off as 'unchanged').
    """
    return con.execute(f"""SELECT min(v.path) FROM ({LATEST_BY_PATH}) v JOIN raw.file_events e USING (load_id)
        WHERE v.sha256 = $sha AND v.path <> $path AND v.status <> 'withdrawn'
          AND e.status IN ('loaded', 'replaced') AND e.rows_in > 0""",
                       {"learner": learner_id, "sha": sha256, "path": path}).fetchone()[0]


def current_versions(con, learner_id: str) -> list[tuple[str, str, str, str]]:
    """(path, kind, format, sha256) of every file with a version that counts, by path."""
    return con.execute(f"SELECT path, kind, format, sha256 FROM ({LATEST_BY_PATH}) WHERE status <> 'withdrawn' "
                       "ORDER BY path", {"learner": learner_id}).fetchall()


def read_by_older_rules(con, learner_id: str, path: str, sha256: str) -> bool:
    """These bytes are this path's latest load, read by older rules than READING_RULES."""
    latest = _latest(con, learner_id, path)
    return latest is not None and latest[:2] in ((sha256, "loaded"), (sha256, "replaced")) \
        and _rules(con, latest[2]) < READING_RULES


def counted_by_older_rules(con, learner_id: str, paths) -> list[str]:
    """Of these paths, those whose version that counts was read by older rules than READING_RULES."""
    return [path for path in paths if (latest := _latest(con, learner_id, path)) is not None
            and latest[1] != "withdrawn" and _rules(con, latest[2]) < READING_RULES]


def _latest(con, learner_id: str, path: str) -> tuple | None:
    """(sha256, status, load_id, recorded_at) of the path's latest load or withdrawal."""
    return con.execute(f"SELECT sha256, status, load_id, recorded_at FROM ({LATEST_BY_PATH}) WHERE path = $path",
                       {"learner": learner_id, "path": path}).fetchone()


def _rules(con, load_id: str | None) -> int:
    """The reading rules a load was read with (0: before the ledger kept them; `rules` exists in a
    warehouse opened for writing: schema.sql adds it)."""
    return con.execute("SELECT coalesce(max(rules), 0) FROM raw.file_events WHERE load_id = ?", [load_id]).fetchone()[0]


def format_loaded_before(con, learner_id: str, sha256: str) -> str | None:
    row = con.execute("SELECT format FROM raw.file_events WHERE learner_id = ? AND sha256 = ? "
                      "AND status IN ('loaded', 'replaced') LIMIT 1", [learner_id, sha256]).fetchone()
    return row[0] if row else None


def rejection_recorded(con, learner_id: str, path: str, sha256: str, error: str) -> bool:
    """The same bytes at the same path were already rejected with the same error."""
    return con.execute("SELECT count(*) FROM raw.file_events WHERE learner_id = ? AND path = ? AND sha256 = ? "
                       "AND status = 'rejected' AND error = ?", [learner_id, path, sha256, error]).fetchone()[0] > 0


def path_loaded_before(con, learner_id: str, path: str) -> bool:
    return con.execute("SELECT count(*) FROM raw.file_events WHERE learner_id = ? AND path = ? "
                       "AND status IN ('loaded', 'replaced')", [learner_id, path]).fetchone()[0] > 0


def attempts_loaded_before(con, attempts: list[tuple[str, str, str]], other_than: str = "") -> bool:
    """Any of these (learner, practice-exam attempt, platform) is already in raw from a load other than
    `other_than`: a re-export. The platform is `PLATFORM`'s key: another platform's sitting of one set
    begun the same day has the same attempt id and is none (staging.answer_exports keeps both)."""
    if not attempts:
        return False
    # A join (the few triples are the hash side, raw is scanned once): EXISTS per pair took 2.7 s at 13M rows.
    return bool(con.execute(f"""
        WITH these AS (SELECT unnest($1) AS learner_id, unnest($2) AS attempt_id, unnest($3) AS platform)
        SELECT 1 FROM (SELECT learner_id, attempt_id, provider, load_id FROM raw.answers
                       UNION ALL SELECT learner_id, attempt_id, provider, load_id FROM raw.domain_scores) r
        JOIN these t ON r.learner_id = t.learner_id AND r.attempt_id = t.attempt_id
        WHERE r.load_id <> $4 AND {PLATFORM.format("r.provider")} = t.platform LIMIT 1""",
                            [[a[0] for a in attempts], [a[1] for a in attempts], [a[2] for a in attempts],
                             other_than]).fetchall())


def recorded_at(con, learner_id: str, path: str, sha256: str, load_id: str | None) -> datetime:
    """When a ledger row is recorded (recorded_at orders loads): the time of writing, except that a new
    load of the bytes this path's version that counts has (read again: rows held as in the future now
    due, or newer READING_RULES; or copied within raw, warehouse/held_recount.py) keeps that load's
    place, 1 µs after it: an export of the same attempt or a study entry loaded after it still comes later."""
    old = _latest(con, learner_id, path)
    if load_id is not None and old is not None and old[:2] in ((sha256, "loaded"), (sha256, "replaced")):
        return old[3] + timedelta(microseconds=1)
    return datetime.now()


def record(con, report: FileReport, sha256: str, learner_id: str, run_id: str, load_id: str | None,
           rules: int | None = READING_RULES) -> None:
    """Append the file's ledger row, ordered among loads by `recorded_at`. Its kind is the one its
    format feeds (`kind_of`), in the report too; `rules`: those its rows were read by (a copy of an
    older load keeps that load's)."""
    report.kind = kind_of(report.format, report.kind)
    fields = {k: v for k, v in asdict(report).items() if k != "same_as"}
    row = {**fields, "run_id": run_id, "load_id": load_id, "learner_id": learner_id, "sha256": sha256,
           "recorded_at": recorded_at(con, learner_id, report.path, sha256, load_id), "rules": rules}
    names = list(row)
    con.execute(f"INSERT INTO raw.file_events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names])


def withdrawn_learners(con) -> list[str]:
    """The learners `examready forget --learner` took out (raw.withdrawn_learners; none in a warehouse
    not opened for writing since schema.sql added it)."""
    if not con.execute("SELECT count(*) FROM duckdb_views() WHERE schema_name = 'raw' "
                       "AND view_name = 'withdrawn_learners'").fetchone()[0]:
        return []
    return [r[0] for r in con.execute("SELECT learner_id FROM raw.withdrawn_learners ORDER BY learner_id").fetchall()]


def record_learner(con, learner_id: str, status: str, run_id: str) -> None:
    """Append a learner's change: 'withdrawn' (forgotten) or 'restored' (counted again)."""
    con.execute("INSERT INTO raw.learner_events (run_id, learner_id, status, recorded_at) VALUES (?, ?, ?, ?)",
                [run_id, learner_id, status, datetime.now()])


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
