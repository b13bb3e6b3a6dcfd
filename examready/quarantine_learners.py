"""Held-back rows of learners `examready forget --learner` took out: not the class's problems any more."""
from __future__ import annotations

TABLES = ("answers", "domain_scores", "study_sessions", "note_sections")  # raw.quarantine.table_name values

ROW_LEARNERS = " UNION ALL ".join(
    f"SELECT '{t}' AS table_name, load_id, line, line_row, learner_id FROM raw.{t} WHERE load_id IN (SELECT load_id FROM q)"
    for t in TABLES)


def taken_out(con) -> bool:
    """Some learner was taken out as of the last run (staging.withdrawn_learners, which scores go by)."""
    from warehouse.catalog import has_relations

    if not has_relations(con, "staging", "withdrawn_learners"):
        return False  # a warehouse whose staging step has not run since learners could be taken out
    return con.execute("SELECT count(*) FROM staging.withdrawn_learners").fetchone()[0] > 0


def whose_sql(held: str) -> str:
    """`held` (quarantine rows with load_id, table_name, line, line_row) with `withdrawn_learner`:
    the taken-out learner a row is stored under (raw keeps the row itself), else NULL."""
    return f"""WITH q AS ({held}),
        gone AS (SELECT DISTINCT r.table_name, r.load_id, r.line, r.line_row, r.learner_id
                 FROM ({ROW_LEARNERS}) r SEMI JOIN staging.withdrawn_learners w ON w.learner_id = r.learner_id)
        SELECT q.*, gone.learner_id AS withdrawn_learner FROM q LEFT JOIN gone
          ON gone.table_name = q.table_name AND gone.load_id = q.load_id AND gone.line = q.line
         AND gone.line_row IS NOT DISTINCT FROM q.line_row"""


def left_out(rows: list[dict]) -> list[dict]:
    """[{learner, lines}] of held-back rows of taken-out learners, by learner."""
    lines: dict[str, set] = {}
    for r in rows:
        lines.setdefault(r["withdrawn_learner"], set()).add((r["path"], r["line"]))
    return [{"learner": learner, "lines": len(held)} for learner, held in sorted(lines.items())]
