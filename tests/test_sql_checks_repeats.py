"""The SQL suites' test for repeated keys (`sql_checks._may_repeat`) agrees with grouping by the key itself."""
from __future__ import annotations

import random

import duckdb
import pandas as pd

from warehouse.sql_checks import _may_repeat

KEY = '"learner_id", "attempt_id", "question_id"'


def _exact(con) -> bool:
    return bool(con.execute(f"SELECT 1 FROM batch GROUP BY {KEY} HAVING count(*) > 1 LIMIT 1").fetchall())


def test_repeats_with_blank_parts_count_and_distinct_keys_do_not():
    """NULLs in a key are equal to each other, as GROUP BY has them (a hash of NULL is not NULL)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE batch AS SELECT * FROM (VALUES ('a', NULL, '1'), ('a', NULL, '1'), ('b', 'x', NULL)) "
                "t(learner_id, attempt_id, question_id)")
    assert _may_repeat(con, "batch", KEY) and _exact(con)
    con.execute("DELETE FROM batch WHERE rowid = 0")
    assert not _may_repeat(con, "batch", KEY) and not _exact(con)
    con.execute("DELETE FROM batch")
    assert not _may_repeat(con, "batch", KEY)  # an empty batch


def test_random_batches_agree_with_grouping():
    rng = random.Random(8)
    con = duckdb.connect()
    for _ in range(200):
        n = rng.randint(0, 30)
        cell = lambda: rng.choice([None, "", "a", "b", "c", "é", "e\u0301"])  # noqa: E731
        frame = pd.DataFrame({c: pd.Series([cell() for _ in range(n)], dtype=object)
                              for c in ("learner_id", "attempt_id", "question_id")})
        con.register("batch", frame)
        assert _may_repeat(con, "batch", KEY) == _exact(con), frame
        con.unregister("batch")
