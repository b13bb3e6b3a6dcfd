"""An Anki session of one review is '1 Anki review' in raw.study_sessions; a warehouse whose older reading
rules stored '1 Anki reviews' has the collection read again by the next run, once."""
from __future__ import annotations

from datetime import datetime

import duckdb

from tests.anki_fixtures import reviews_back_to_back
from tests.helpers_workspace import ingest, new_workspace

# five reviews on each of two days (tests/test_adapters_anki.py): sessions of 3 and 2 reviews on the first
# day, then five of one review each (two decks interleaved)
DAYS = [(datetime(2026, 3, 3, 9), 5), (datetime(2026, 3, 4, 9), 5)]
EXPECTED = [("1 Anki review", 5), ("2 Anki reviews", 1), ("3 Anki reviews", 1)]


def descriptions(db_path) -> list[tuple]:
    """The descriptions of the sessions of the collection's latest load (raw keeps every load's rows)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT description, count(*) FROM raw.study_sessions WHERE load_id = (SELECT load_id "
                           "FROM raw.file_events ORDER BY recorded_at DESC LIMIT 1) GROUP BY 1 ORDER BY 1").fetchall()


def test_one_review_is_one_anki_review_also_after_older_rules(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    reviews_back_to_back(ws.inbox / "exams", DAYS)
    assert [r.status for r in ingest(ws, "r1")] == ["loaded"]
    assert descriptions(ws.db_path) == EXPECTED
    with duckdb.connect(str(ws.db_path)) as con:  # as the rules before this one left it
        con.execute("UPDATE raw.study_sessions SET description = '1 Anki reviews' WHERE description = '1 Anki review'")
        con.execute("UPDATE raw.file_events SET rules = 19")
    assert [r.status for r in ingest(ws, "r2")] == ["replaced"]
    assert descriptions(ws.db_path) == EXPECTED
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged"]
