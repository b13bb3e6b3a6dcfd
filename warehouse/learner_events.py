"""Learners taken out of a class and put back (`examready forget --learner`): raw.learner_events."""
from __future__ import annotations

from warehouse.catalog import has_relations
from warehouse.load_clock import next_stamp


def withdrawn_learners(con) -> list[str]:
    """The learners `examready forget --learner` took out (raw.withdrawn_learners; none in a warehouse
    not opened for writing since schema.sql added it)."""
    if not has_relations(con, "raw", "withdrawn_learners"):
        return []
    return [r[0] for r in con.execute("SELECT learner_id FROM raw.withdrawn_learners ORDER BY learner_id").fetchall()]


def record_learner(con, learner_id: str, status: str, run_id: str) -> None:
    """Append a learner's change: 'withdrawn' (forgotten) or 'restored' (counted again)."""
    con.execute("INSERT INTO raw.learner_events (run_id, learner_id, status, recorded_at) VALUES (?, ?, ?, ?)",
                [run_id, learner_id, status, next_stamp(con, "raw.learner_events")])


def respell_learner_events(con) -> None:
    """Put raw.learner_events' ids in the spelling rows are stored in now (`sources.learners.learner_key`): a
    learner taken out as `Ben  Ode` before READING_RULES 27 read that name as `Ben Ode` stays out once the
    files are read again."""
    from sources.learners import learner_key

    ids = [r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.learner_events").fetchall()]
    for learner_id in ids:
        if (key := learner_key(learner_id)) and key != learner_id:
            con.execute("UPDATE raw.learner_events SET learner_id = ? WHERE learner_id = ?", [key, learner_id])
