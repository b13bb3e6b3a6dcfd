"""A learner's export saved twice with other bytes (line endings, a BOM, re-saved by a spreadsheet) under another name:
the same bytes load once (warehouse/same_bytes.py), but these count as a second sitting, since a file without a set
column is keyed by its name (docs/formats.md). The run says so when either is loaded, naming the other file."""
from __future__ import annotations

import shlex

# What a row says, per table: two loads whose rows say the same, in any order, hold one export's rows.
SAYS = {"answers": "question_id, correct, taken_at, provider, domain_label, task_label, service_label, seconds",
        "domain_scores": "domain_label, correct, total, percent, taken_at, provider"}
# The load's one learner, if its rows name one and say when in the day they were taken: a file without a date column
# is dated by its modification day, and rows of one day alone do not tell a copy from a retake that day.
_ONE_LEARNER = """SELECT CASE WHEN min(learner_id) = max(learner_id) AND bool_or(taken_at::TIME <> TIME '00:00')
                          THEN min(learner_id) END FROM raw.{table} WHERE load_id = ?"""
# Current files of that one learner alone whose rows say what this load's rows say, under other attempt ids (the
# same ids are a re-export, which replaces); compared by count and an order-free sum of row hashes.
_COPIES = """WITH mine AS (SELECT count(*) AS n, sum(hash({says})) AS said, sum(hash(attempt_id)) AS ids
                      FROM raw.{table} WHERE load_id = $load)
SELECT c.path FROM raw.{table} r
JOIN (SELECT DISTINCT load_id FROM raw.{table} WHERE learner_id = $learner AND load_id <> $load) USING (load_id)
JOIN (SELECT load_id, path FROM latest_file_events(true) WHERE status <> 'withdrawn') c USING (load_id)
GROUP BY c.path, r.load_id
HAVING count(*) = (SELECT n FROM mine) AND sum(hash({says})) = (SELECT said FROM mine)
   AND sum(hash(r.attempt_id)) <> (SELECT ids FROM mine) AND count(DISTINCT r.learner_id) = 1
ORDER BY c.path"""


def copied_rows_notice(con, path: str, load_id: str, table: str) -> str | None:
    """The stderr line for a load of one learner's rows (`table`: 'answers' or 'domain_scores') that another
    current file holds too, as another sitting, or None. A class file's loads (several learners) and rows without a
    time of day are not compared."""
    learner = con.execute(_ONE_LEARNER.format(table=table), [load_id]).fetchone()[0]
    if learner is None:
        return None
    copies = [p for p, in con.execute(_COPIES.format(table=table, says=SAYS[table]),
                                      {"load": load_id, "learner": learner}).fetchall()]
    if not copies:
        return None
    forget = " or ".join(f"`examready forget {shlex.quote(p)}`" for p in [path, *copies])
    return (f"examready: {path}: its rows are those of {', '.join(copies)} (the same questions, marks and times; "
            f"the files' bytes differ), loaded as another sitting, so both count. Two copies of one export (saved "
            f"again, downloaded again)? Remove one of them and run {forget}")
