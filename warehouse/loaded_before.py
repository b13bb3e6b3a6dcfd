"""What the warehouse holds of a file before it is read: its bytes (by which rules), its path, its attempts."""
from __future__ import annotations

from warehouse.ledger import (EXAM_VARIABLE, LATEST_BY_PATH, READING_RULES, latest_load, loaded_at_all,
                             loads_these_bytes)
from warehouse.sitting_rows import IS_A_SITTING, held_marked, raw_rows


def is_unchanged(con, learner_id: str, path: str, sha256: str, latest: tuple | None) -> bool:
    """These bytes were loaded before by the current READING_RULES, and nothing newer was loaded at
    this path since; or, for a path with no load of its own, they are another path's version that
    counts (`counted_elsewhere`). `latest`: the path's `ledger.latest_load`.
    """
    if latest is not None:
        return read_as_now(latest, sha256, lambda load_id: load_rules(con, load_id))
    return counted_elsewhere(con, learner_id, path, sha256) is not None


def read_as_now(latest: tuple, sha256: str, rules_of) -> bool:
    """These bytes are the path's latest load (`latest`, its `ledger.latest_load`), read by the current
    READING_RULES (`rules_of(load_id)`, asked only when the bytes are the same)."""
    return loads_these_bytes(latest, sha256) and rules_of(latest[2]) >= READING_RULES


def counted_elsewhere(con, learner_id: str, path: str, sha256: str) -> str | None:
    """The other path (the first by name) whose version that counts has these bytes and gave rows.

    Only a version that counts: once that path got other bytes or was withdrawn, these are loaded
    again (they would otherwise count nowhere). Only one that gave rows: empty bytes are no export
    (read as a note, 0 sections, they would otherwise pass an empty CSV off as 'unchanged').
    """
    if not loaded_at_all(con, learner_id, sha256, other_than=path):  # new bytes: no look over every path's latest row
        return None
    return con.execute(f"""SELECT min(v.path) FROM ({LATEST_BY_PATH}) v JOIN raw.file_events e USING (load_id)
        WHERE v.sha256 = $sha AND v.path <> $path AND v.status <> 'withdrawn'
          AND e.status IN ('loaded', 'replaced') AND e.rows_in > 0""",
                       {"learner": learner_id, "sha": sha256, "path": path}).fetchone()[0]


def read_by_older_rules(con, latest: tuple | None, sha256: str) -> bool:
    """These bytes are this path's latest load (`latest`, its `ledger.latest_load`), read by older rules than
    READING_RULES."""
    return loads_these_bytes(latest, sha256) and load_rules(con, latest[2]) < READING_RULES


def counted_by_older_rules(con, learner_id: str, paths) -> list[str]:
    """Of these paths, those whose version that counts was read by older rules than READING_RULES."""
    return [path for path in paths if (latest := latest_load(con, learner_id, path)) is not None
            and latest[1] != "withdrawn" and load_rules(con, latest[2]) < READING_RULES]


# A load's rules as they count now: 0 for one mapped to another exam than the running ingestion's (`ledger.mapped_to`;
# NULL on either side: before the ledger kept it, or outside an ingestion), so it is read again as by older rules.
RULES_NOW = ("coalesce(max(CASE WHEN exam IS NULL OR getvariable('{0}') IS NULL OR exam = getvariable('{0}') "
             "THEN rules ELSE 0 END), 0)").format(EXAM_VARIABLE)


def load_rules(con, load_id: str | None) -> int:
    """The reading rules a load was read with (0: before the ledger kept them, or mapped to another exam: RULES_NOW;
    `rules` and `exam` exist in a warehouse opened for writing: schema.sql adds them)."""
    return con.execute(f"SELECT {RULES_NOW} FROM raw.file_events WHERE load_id = ?", [load_id]).fetchone()[0]


def load_exam(con, load_id: str | None) -> str | None:
    """The exam a load's labels were mapped to, when it is not the running ingestion's (`ledger.mapped_to`)."""
    return con.execute(f"SELECT max(exam) FILTER (exam <> getvariable('{EXAM_VARIABLE}')) FROM raw.file_events "
                       "WHERE load_id = ?", [load_id]).fetchone()[0]


def loads_read(con, load_ids: list[str]) -> dict[str, tuple[int, str]]:
    """(`load_rules`, format) of each of `load_ids`, asked at once (a batch of notes)."""
    rows = con.execute(f"SELECT load_id, {RULES_NOW}, min(format) FROM raw.file_events "
                       "WHERE list_contains($ids, load_id) GROUP BY load_id", {"ids": load_ids}).fetchall()
    return {load_id: (rules, fmt) for load_id, rules, fmt in rows}


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


# raw's rows of both tables that name attempts.
_RAW = """(SELECT 'answers' AS table_name, learner_id, attempt_id, provider, load_id, line, line_row FROM raw.answers
          UNION ALL SELECT 'domain_scores', learner_id, attempt_id, provider, load_id, line, line_row
          FROM raw.domain_scores)"""
# The keys, and the ids a raw row of a key may have: its base id, or that with ' (<provider>)' for a
# provider raw holds. The rule is the macros' (sources/platform_rule.sql), as staging.answer_exports reads it.
_CANDIDATES = f"""CREATE OR REPLACE TEMP TABLE reexport_candidates AS
    WITH these AS (SELECT DISTINCT learner_id, base_id(attempt_id, provider) AS base_id, platform_key(provider) AS platform
                   FROM (SELECT unnest($1::VARCHAR[]) AS learner_id, unnest($2::VARCHAR[]) AS attempt_id,
                                unnest($3::VARCHAR[]) AS provider)),
    spellings AS (SELECT DISTINCT provider_text(provider) AS p FROM {_RAW} WHERE provider_text(provider) <> '')
    SELECT learner_id, base_id AS attempt_id, base_id, platform FROM these
    UNION ALL SELECT t.learner_id, t.base_id || ' (' || s.p || ')', t.base_id, t.platform FROM these t, spellings s"""
# A hash join on (learner, attempt id), the candidates the hash side, raw scanned once (EXISTS per pair took
# 2.7 s at 13M rows): any row of a key, held back or not; a miss, the usual case, ends here.
_ANY_ROW = f"""SELECT t.learner_id, t.base_id FROM {_RAW} r JOIN reexport_candidates t
    ON r.learner_id = t.learner_id AND r.attempt_id = t.attempt_id WHERE r.load_id <> $other LIMIT 1"""
# The keys' rows of other loads (all rows of each of their sittings: the sitting rule reads them all), each with the
# key it is a row of; `{}`: the found key alone, or all.
_KEYS_ROWS = f"""SELECT r.*, t.learner_id AS key_learner, t.base_id AS key_base, t.platform AS key_platform
    FROM {_RAW} r JOIN reexport_candidates t ON r.learner_id = t.learner_id AND r.attempt_id = t.attempt_id
    WHERE r.load_id <> $other {{}}"""
# A sitting of a key (rows held back alone are none: warehouse/sitting_rows.py) with a row of its platform (the
# key's attempt id, as r's, in base_id: of one side alone it would be a hash key).
_FOUND = f"""SELECT key_learner, key_base FROM {held_marked(_KEYS_ROWS)}
    GROUP BY load_id, learner_id, attempt_id, key_learner, key_base, key_platform
    HAVING {IS_A_SITTING} AND bool_or(base_id(attempt_id, provider) = key_base
                                      AND same_platform(platform_key(provider), key_platform)) LIMIT 1"""
_ONE_KEY = "AND t.learner_id = $learner AND t.base_id = $base"
# (learner, attempt, provider) of the sittings of the load $load (its rows held back too: a sitting's provider)
_LOAD_KEYS = """SELECT learner_id, attempt_id, provider FROM {rows} GROUP BY learner_id, attempt_id, provider
    QUALIFY bool_or(""" + IS_A_SITTING + """) OVER (PARTITION BY learner_id, attempt_id)"""


def is_reexport(con, learner_id: str, path: str, load_id: str, tables, path_had_loads: bool = True) -> bool:
    """The load `load_id` (its rows of `tables` written) is a new version of its path or a re-export of a sitting
    (`sittings_loaded_before`): `replaced`, on both load paths. `path_had_loads`: False spares the path's look-up
    when the ledger holds no load of it at all."""
    return (path_had_loads and path_loaded_before(con, learner_id, path)) or \
        (bool(tables) and sittings_loaded_before(con, load_id, sorted(tables)))


def sittings_loaded_before(con, load_id: str, tables) -> bool:
    """A sitting of the load `load_id` (its rows written, in `tables`: 'answers', 'domain_scores') was loaded before
    by another load (`attempts_loaded_before`): a re-export."""
    attempts = [key for table in tables for key in con.execute(
        _LOAD_KEYS.format(rows=raw_rows(table, "load_id = $load AND attempt_id IS NOT NULL")), {"load": load_id}
    ).fetchall()]
    return attempts_loaded_before(con, attempts, other_than=load_id)


def attempts_loaded_before(con, attempts: list[tuple[str, str, str | None]], other_than: str = "") -> bool:
    """Any of these (learner, attempt, provider) was loaded before from a load other than `other_than`:
    a sitting of the same learner and base id with a row whose platform is the same, or either is blank
    (a re-export)."""
    if not attempts:
        return False
    con.execute(_CANDIDATES, [[a[0] for a in attempts], [a[1] for a in attempts], [a[2] for a in attempts]])
    try:  # a miss, the usual case, ends at the plain join (raw's provider, scanned alongside, cost it 25 %)
        found = con.execute(_ANY_ROW, {"other": other_than}).fetchone()
        if found is None:
            return False
        # The found key's rows first (the scan pruned to its learner and id): a re-export passes there.
        return con.execute(_FOUND.format(_ONE_KEY), {"other": other_than, "learner": found[0], "base": found[1]}
                           ).fetchone() is not None \
            or con.execute(_FOUND.format(""), {"other": other_than}).fetchone() is not None
    finally:
        con.execute("DROP TABLE reexport_candidates")
