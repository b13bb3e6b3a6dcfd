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
