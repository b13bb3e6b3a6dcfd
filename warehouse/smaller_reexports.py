"""A sitting exported again under another file name replaces the export loaded before (docs/formats.md, re-exports).
When the new file holds fewer of the sitting's rows (a page of the results saved on its own), the run says which
file's rows stop counting and how to count them again, so none stops counting unsaid (as `dropped_sittings` does
for a new version of the same file)."""
from __future__ import annotations

import shlex

from warehouse.sitting_rows import load_sittings, others_sittings

SHOWN = 3  # attempts named in the line; the rest are counted
# (attempt, rows in this load, path of a current other file holding it, rows there, learner), where that file has more
# (rows held back alone are no sitting: warehouse/sitting_rows.py)
_SMALLER = """WITH mine AS ({mine})
SELECT m.attempt_id, m.rows, c.path, o.rows AS before, m.learner_id
FROM mine m JOIN ({others}) o ON o.learner_id = m.learner_id AND o.attempt_id = m.attempt_id
JOIN (SELECT load_id, path FROM latest_file_events(true) WHERE status <> 'withdrawn') c  -- as current_loads.sql
  ON c.load_id = o.load_id
WHERE o.rows > m.rows ORDER BY m.attempt_id, c.path"""
ROWS = ", count(*) AS rows"


def smaller_reexport_notice(con, path: str, load_id: str, table: str, learner_id: str) -> str | None:
    """The stderr line for this load's attempts (`table`: 'answers' or 'domain_scores') that another current file
    holds with more rows, or None; an attempt of another learner than the workspace's names them."""
    query = _SMALLER.format(mine=load_sittings(table, ROWS), others=others_sittings(table, "mine", ROWS))
    smaller = con.execute(query, {"load": load_id}).fetchall()
    if not smaller:
        return None
    named = ", ".join(f"'{attempt}'" + ("" if who == learner_id else f" by {who}") + f" ({rows} rows; {before} in "
                      f"{where}, whose other {before - rows} no longer count)"
                      for attempt, rows, where, before, who in smaller[:SHOWN])
    more = f" and {len(smaller) - SHOWN} more" if len(smaller) > SHOWN else ""
    one = len(smaller) == 1
    return (f"examready: {path}: this file's attempt{'' if one else 's'} {named}{more} replace{'s' if one else ''} "
            f"the export loaded before, as a re-export does. Only part of the sitting? Remove this file and run "
            f"`examready forget {shlex.quote(path)}` to count the fuller export again")
