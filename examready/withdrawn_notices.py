"""What `examready run` says on stderr about files loaded after `examready forget --learner` took a learner
out: one line per file whose current version stores rows of theirs, which do not count, on every run while
it holds (the run with nothing new too).

Read from the warehouse, not from the run's report, so that a file loaded by a run the CLI did not
report (one interrupted after loading it, the inbox sensor's, the daily schedule's, the UI's) is said
too. As examready/overlap_notices.py does, the lines are kept in `.dagster/withdrawn-rows-notices.json`
with the size and mtime of the warehouse and its WAL: a run with nothing new does not open it.
"""
from __future__ import annotations

from examready.kept_answer import kept_lines, warehouse_stamp
from warehouse.catalog import has_relations

KEPT_NAME = "withdrawn-rows-notices.json"  # in .dagster
TABLES = ("answers", "domain_scores", "study_sessions", "note_sections")
ROWS = f"""
    WITH gone AS (  -- each learner taken out now, since their latest withdrawal
        SELECT learner_id, max(recorded_at) AS since FROM raw.learner_events
        SEMI JOIN raw.withdrawn_learners USING (learner_id) WHERE status = 'withdrawn' GROUP BY learner_id),
    loads AS (SELECT load_id, path, rows_loaded, recorded_at FROM latest_file_events(true)
              WHERE status IN ('loaded', 'replaced')),  -- the version of each file that counts
    stored AS ({" UNION ALL ".join(f"SELECT '{t}' AS table_name, load_id, learner_id, line, line_row FROM raw.{t}"
                                   for t in TABLES)})
    SELECT l.path, l.rows_loaded, s.learner_id, count(*) AS rows
    FROM stored s JOIN loads l USING (load_id)
    JOIN gone g ON g.learner_id = s.learner_id AND l.recorded_at > g.since  -- loaded after the learner left
    ANTI JOIN raw.quarantine q  -- held-back rows are counted in rows_quarantined, not rows_loaded
      ON q.table_name = s.table_name AND q.load_id = s.load_id AND q.line = s.line
     AND q.line_row IS NOT DISTINCT FROM s.line_row
    GROUP BY ALL ORDER BY ALL"""


def notice(path: str, rows_loaded: int, by_learner: dict[str, int]) -> str:
    """One file's line: how many of its loaded rows are of learners taken out, and whose."""
    who = ", ".join(f"{learner} ({rows})" for learner, rows in by_learner.items())
    return (f"{path}: {sum(by_learner.values())} of its {rows_loaded} loaded rows are of learners `examready "
            f"forget --learner` took out: {who}; raw keeps them, they do not count (`examready forget --learner "
            "ID --undo` counts them again)")


def lines_in(con) -> list[str]:
    """The lines, from an open warehouse (none in one from before learners could be taken out)."""
    if not has_relations(con, "raw", "learner_events", "withdrawn_learners", "file_events"):
        return []
    if con.execute("SELECT 1 FROM raw.withdrawn_learners LIMIT 1").fetchone() is None:
        return []  # nobody taken out: the raw tables (13M answers in a big class) are not scanned
    files: dict[tuple[str, int], dict[str, int]] = {}
    for path, rows_loaded, learner, rows in con.execute(ROWS).fetchall():
        files.setdefault((path, rows_loaded), {})[learner] = rows
    return [notice(path, rows_loaded, by_learner) for (path, rows_loaded), by_learner in files.items()]


def withdrawn_notices(ws) -> list[str]:
    """The lines on the warehouse as it is now, kept while it does not change."""
    return kept_lines(ws, KEPT_NAME, warehouse_stamp(ws), lines_in)
