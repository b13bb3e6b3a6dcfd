"""A sitting loaded both question by question and as a per-domain summary (the same id: its set and day) counts
once, by its questions (marts.domain_evidence, marts.attempts): the run says so when either file is loaded."""
from __future__ import annotations

from warehouse.sitting_rows import load_sittings, others_sittings

SHOWN = 3  # sittings named in the line; the rest are counted
# (attempt, path of the other file) of this load's sittings that a current load of the other table also holds as a
# sitting (rows held back alone are none: warehouse/sitting_rows.py)
_TWINS = """WITH s AS ({mine})
SELECT DISTINCT s.attempt_id, c.path FROM s
    JOIN ({others}) o
      ON o.learner_id = s.learner_id AND o.attempt_id = s.attempt_id
    JOIN (SELECT load_id, path FROM latest_file_events(true) WHERE status <> 'withdrawn') c  -- as current_loads.sql
      ON c.load_id = o.load_id
    ORDER BY s.attempt_id, c.path"""
SAID = {"domain_scores": ("also loaded question by question", "this file's rows of it do not count"),
        "answers": ("also loaded as a per-domain summary", "the summary's rows of it do not count")}


def twin_notice(con, path: str, load_id: str, table: str) -> str | None:
    """The stderr line for the sittings of this load (`table`: 'answers' or 'domain_scores') that a current file
    of the other kind also holds, or None."""
    other = "answers" if table == "domain_scores" else "domain_scores"
    twins = con.execute(_TWINS.format(mine=load_sittings(table), others=others_sittings(other, "s")),
                        {"load": load_id}).fetchall()
    if not twins:
        return None
    also, not_counted = SAID[table]
    named = ", ".join(f"'{attempt}' (in {where})" for attempt, where in twins[:SHOWN])
    more = f" and {len(twins) - SHOWN} more" if len(twins) > SHOWN else ""
    one = len(twins) == 1
    return (f"examready: {path}: the sitting{'' if one else 's'} {named}{more} {'is' if one else 'are'} {also}: "
            f"{'it counts' if one else 'each counts'} once, by its questions; {not_counted}")
