"""Which rows of raw.answers and raw.domain_scores form a sitting, for all `run` says of a load's sittings: a
re-export (`replaced`, warehouse/loaded_before.py), a sitting in both kinds of export (twin_sittings.py), one a new
version no longer holds (dropped_sittings.py), a smaller re-export (smaller_reexports.py); on both load paths.

A load's rows of one learner and attempt form a sitting when one of them is not held back (raw.quarantine); then
all of them are the sitting's, held back or not (65 answers, one held back: a sitting of 65 rows, in its file).
Rows held back alone form none: a spreadsheet's footer (`Total,,,2/3`, read as an attempt 'Total'), a row whose
date did not read (its set's name undated): staging counts none of them, so nothing said may rest on them.
"""
from __future__ import annotations

# The condition on a group of one load's rows of one learner and attempt (marked by `held_marked`): a sitting.
IS_A_SITTING = "bool_or(NOT held)"


def held_marked(rows: str) -> str:
    """SQL, a relation: `rows` (raw rows with table_name, 'answers' or 'domain_scores', load_id, line and line_row),
    each with `held`: held back. Joined to raw.quarantine's rows, few, each held-back row once (a row failing several
    checks has a quarantine row for each): a correlated EXISTS took 4 times as long (0.48 s) on a re-export of
    120,000 rows."""
    return f"""(SELECT r.*, h.line IS NOT NULL AS held FROM ({rows}) r
               LEFT JOIN (SELECT DISTINCT table_name, load_id, line, line_row FROM raw.quarantine) h
                 ON h.table_name = r.table_name AND h.load_id = r.load_id AND h.line = r.line
                AND h.line_row IS NOT DISTINCT FROM r.line_row)"""


def raw_rows(table: str, where: str = "true") -> str:
    """SQL, a relation: the rows of raw.{table} that `where` keeps, with table_name, each `held_marked`."""
    return held_marked(f"SELECT '{table}' AS table_name, * FROM raw.{table} WHERE {where}")


def load_sittings(table: str, columns: str = "", load: str = "$load") -> str:
    """SQL: (learner_id, attempt_id, then `columns`: aggregates of its rows) of each sitting of the load `load` (a
    parameter) in raw.{table}."""
    where = f"load_id = {load} AND attempt_id IS NOT NULL"
    return f"SELECT learner_id, attempt_id{columns} FROM {raw_rows(table, where)} GROUP BY ALL HAVING {IS_A_SITTING}"


def others_sittings(table: str, keys: str, columns: str = "") -> str:
    """SQL: (load_id, learner_id, attempt_id, then `columns`) of each sitting in raw.{table} of another load than
    $load whose learner and attempt the relation `keys` holds."""
    where = f"load_id <> $load AND (learner_id, attempt_id) IN (SELECT learner_id, attempt_id FROM {keys})"
    return (f"SELECT load_id, learner_id, attempt_id{columns} FROM {raw_rows(table, where)} "
            f"GROUP BY ALL HAVING {IS_A_SITTING}")
