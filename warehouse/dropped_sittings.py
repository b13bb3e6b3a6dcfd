"""A new version of a file replaces its old load whole: say which attempts of the old one it no longer holds
(a retake saved over the first sitting's export, under the same name), so none stops counting unsaid.

Both paths ask the same: the old load's sittings against the new load's, in raw, in SQL (one grouped scan
of each load's rows: the bulk path's files have 1.3M rows)."""
from __future__ import annotations

from warehouse.ledger import READING_RULES
from warehouse.loaded_before import load_rules
from warehouse.sitting_rows import load_sittings

# (learner, attempt, first day, rows) of one load's sittings, answers and domain scores (rows held back alone are
# none: warehouse/sitting_rows.py)
_COLUMNS = ", min(taken_at)::DATE AS day, count(*) AS rows"


def _sittings(load: str) -> str:
    return " UNION ALL ".join(load_sittings(table, _COLUMNS, load) for table in ("answers", "domain_scores"))


_DROPPED = f"""SELECT o.attempt_id, o.day, o.rows, o.learner_id FROM ({_sittings('$old')}) o
    ANTI JOIN ({_sittings('$new')}) n
      ON n.learner_id = o.learner_id AND n.attempt_id = o.attempt_id AND n.day IS NOT DISTINCT FROM o.day
    ORDER BY o.day, o.attempt_id, o.learner_id"""
SHOWN = 3  # attempts named in the line; the rest are counted


def counted_load(con, latest: tuple | None) -> str | None:
    """The load id of the path's version that counts (`latest`: its `ledger.latest_load` before loading anew), if
    read by the current rules."""
    if latest is None or latest[1] not in ("loaded", "replaced") or load_rules(con, latest[2]) < READING_RULES:
        return None  # older rules may have given other ids: `run` says it reads the file again
    return latest[2]


def dropped_sittings(con, old_load: str | None, new_load: str) -> list[tuple]:
    """(attempt, first day, rows, learner) of the old load that the new one does not hold: an attempt id (of its
    learner) it lacks, or has with another first day."""
    if old_load is None:
        return []
    return con.execute(_DROPPED, {"old": old_load, "new": new_load}).fetchall()


def dropped_notice(path: str, dropped: list[tuple], learner_id: str) -> str | None:
    """The stderr line for attempts a new version of `path` no longer holds, or None; an attempt of another learner
    than the workspace's (`learner_id`: a class export's student) names them."""
    if not dropped:
        return None
    named = ", ".join(f"'{a}'" + (f" of {day}" if day else "") + ("" if who == learner_id else f" by {who}")
                      + f" ({rows} rows)" for a, day, rows, who in dropped[:SHOWN])
    more = f" and {len(dropped) - SHOWN} more" if len(dropped) > SHOWN else ""
    one = len(dropped) == 1
    why = ("A student left out of the new export, or a retake exported over the earlier file?"
           if any(who != learner_id for *_, who in dropped) else "A retake exported over the earlier file?")
    return (f"examready: {path}: this version replaces the one loaded before, whose attempt{'' if one else 's'} "
            f"{named}{more} it no longer holds: {'that attempt no longer counts' if one else 'they no longer count'}. "
            f"{why} Put the earlier export back under another name to count both")
