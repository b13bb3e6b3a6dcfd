"""What the warehouse holds of a file before it is read: its bytes (by which rules), its path, its attempts."""
from __future__ import annotations

from warehouse.ledger import LATEST_BY_PATH, READING_RULES, latest_load


def is_unchanged(con, learner_id: str, path: str, sha256: str) -> bool:
    """These bytes were loaded before by the current READING_RULES, and nothing newer was loaded at
    this path since; or, for a path with no load of its own, they are another path's version that
    counts (`counted_elsewhere`).
    """
    latest = latest_load(con, learner_id, path)
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


def read_by_older_rules(con, learner_id: str, path: str, sha256: str) -> bool:
    """These bytes are this path's latest load, read by older rules than READING_RULES."""
    latest = latest_load(con, learner_id, path)
    return latest is not None and latest[:2] in ((sha256, "loaded"), (sha256, "replaced")) \
        and _rules(con, latest[2]) < READING_RULES


def counted_by_older_rules(con, learner_id: str, paths) -> list[str]:
    """Of these paths, those whose version that counts was read by older rules than READING_RULES."""
    return [path for path in paths if (latest := latest_load(con, learner_id, path)) is not None
            and latest[1] != "withdrawn" and _rules(con, latest[2]) < READING_RULES]


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


def base_id(attempt: str, provider: str) -> str:
    """The sitting's id less the ' (<provider>)' one file holding two platforms gives it (answer_exports.sql)."""
    suffix = f" ({provider})"
    return attempt[:-len(suffix)] if provider and attempt.endswith(suffix) else attempt


# raw's side of the match, on the few rows the join keeps (answer_exports.sql's rule).
_BASE = ("CASE WHEN trim(coalesce(r.provider, '')) <> '' AND suffix(r.attempt_id, ' (' || trim(r.provider) || ')') "
         "THEN left(r.attempt_id, length(r.attempt_id) - length(trim(r.provider)) - 3) ELSE r.attempt_id END")
_PLATFORM = "lower(trim(coalesce(r.provider, '')))"


def attempts_loaded_before(con, attempts: list[tuple[str, str, str]], other_than: str = "") -> bool:
    """Any of these (learner, attempt, provider) was loaded before from a load other than `other_than`:
    a row of the same learner and base id whose platform is the same, or either is blank (a re-export)."""
    if not attempts:
        return False
    keys = sorted({(learner, base_id(attempt, (provider or "").strip()), (provider or "").strip().lower())
                   for learner, attempt, provider in attempts})
    # A join on the candidate ids (the base, or the base with a provider raw holds): the few keys are the
    # hash side, raw is scanned once; EXISTS per pair took 2.7 s at 13M rows.
    return bool(con.execute(f"""
        WITH raw_rows AS (SELECT learner_id, attempt_id, provider, load_id FROM raw.answers
                          UNION ALL SELECT learner_id, attempt_id, provider, load_id FROM raw.domain_scores),
        these AS (SELECT unnest($1) AS learner_id, unnest($2) AS base_id, unnest($3) AS platform),
        spellings AS (SELECT DISTINCT trim(provider) AS p FROM raw_rows WHERE trim(provider) <> ''),
        candidates AS (SELECT *, base_id AS attempt_id FROM these
                       UNION ALL SELECT t.*, t.base_id || ' (' || s.p || ')' FROM these t, spellings s)
        SELECT 1 FROM raw_rows r
        JOIN candidates t ON r.learner_id = t.learner_id AND r.attempt_id = t.attempt_id
        WHERE r.load_id <> $4 AND {_BASE} = t.base_id
          AND ({_PLATFORM} = t.platform OR {_PLATFORM} = '' OR t.platform = '') LIMIT 1""",
                            [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys], other_than]).fetchall())
