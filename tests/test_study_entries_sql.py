"""staging.study_entries counts, of the same entry exported more than once (same learner, tool, start,
minutes and description, NULLs alike), the latest-loaded row, as a window over every row did before
only repeated entries were ranked, and keeps each earlier file's copy counting 0, naming that row; staging.study_sessions keeps study_entries' row order without
sorting again (learner_id, started_at, path, line), also over several of DuckDB's row groups."""
from __future__ import annotations

import pytest

from warehouse.connection import connect, read_sql

LOADS = [("L1", "exams/a.csv", 1), ("L2", "hours/b.csv", 2), ("L3", "hours/c.csv", 3)]  # (load, path, minute)
# Each load's rows: few learners, starts, lengths, tools and texts, so that many entries repeat within a file
# and across files, some with a NULL tool or description.
ROWS_SQL = """
INSERT INTO raw.study_sessions (load_id, learner_id, line, started_at, minutes, description, project, tags,
                                tool, domain_id, service, line_row)
SELECT $load, 'learner-' || (i % $learners), i + 1,
       TIMESTAMP '2026-02-01 08:00' + to_hours((hash(i, $load) % 8)::INT),
       [30.0, 45.0, 60.0][(1 + hash(i, 1) % 3)::INT], [NULL, 'Glue', 'Kinesis'][(1 + hash(i, 2) % 3)::INT], 'DEA-C01', NULL,
       [NULL, 'toggl', 'clockify'][(1 + hash(i, 3) % 3)::INT], 1, NULL, 0
FROM range($rows) t(i)
"""
# The definition before: a window over every valid row of the current loads.
LATEST_SQL = """
SELECT s.load_id, s.line FROM raw.study_sessions s JOIN staging.current_loads l USING (load_id)
QUALIFY row_number() OVER (PARTITION BY s.learner_id, tool, started_at, minutes, description
                           ORDER BY recorded_at DESC, line) = 1
"""


def warehouse(path, loads: list, rows: int, learners: int):
    """A warehouse with `rows` study entries of `learners` learners in each of `loads`, and the study models."""
    con = connect(path)
    for load, file, minute in loads:
        con.execute("INSERT INTO raw.file_events (run_id, load_id, learner_id, path, sha256, status, recorded_at) "
                    "VALUES ('r', ?, 'me', ?, 'x', 'loaded', TIMESTAMP '2026-03-01' + to_minutes(?))",
                    [load, file, minute])
        con.execute(ROWS_SQL, {"load": load, "rows": rows, "learners": learners})
    for model in ("current_loads", "study_entries", "study_sessions"):
        con.execute(read_sql(f"staging/{model}.sql"))
    return con


@pytest.fixture
def small(tmp_path):
    con = warehouse(tmp_path / "w.duckdb", LOADS, 400, 7)
    yield con
    con.close()


# Each repeated row of another file than the latest-loaded copy's, with that copy's file and line.
EARLIER_COPIES_SQL = """
SELECT load_id, line, kept_path, kept_line FROM (
    SELECT s.load_id, s.line, first_value(s.load_id) OVER w AS kept_load, first_value(l.path) OVER w AS kept_path,
           first_value(s.line) OVER w AS kept_line, row_number() OVER w AS n
    FROM raw.study_sessions s JOIN staging.current_loads l USING (load_id)
    WINDOW w AS (PARTITION BY s.learner_id, tool, started_at, minutes, description ORDER BY recorded_at DESC, line))
WHERE n > 1 AND load_id <> kept_load
"""


def test_each_entry_exported_more_than_once_counts_in_its_latest_loaded_row(small):
    latest = small.execute(LATEST_SQL).fetchall()
    copies = small.execute(EARLIER_COPIES_SQL).fetchall()
    kept = small.execute("SELECT load_id, line FROM staging.study_entries ORDER BY ALL").fetchall()
    assert kept == sorted(latest + [(load, line) for load, line, _, _ in copies])
    repeated = small.execute("SELECT count(*) FROM raw.study_sessions").fetchone()[0] - len(latest)
    assert repeated > 300 and len(copies) > 100  # the rows not counting: repeats within a file and across files
    listed = small.execute(f"SELECT load_id, line, overlaps_path, overlaps_line FROM staging.study_entries "
                           f"SEMI JOIN ({EARLIER_COPIES_SQL}) USING (load_id, line) WHERE counted_minutes = 0").fetchall()
    assert sorted(listed) == sorted(copies)  # each earlier copy counts 0 and names the copy that counts
    counting = small.execute("SELECT load_id, line FROM staging.study_sessions").fetchall()
    assert set(counting) <= set(latest)
    assert small.execute("SELECT count(*) FROM staging.study_entries WHERE description IS NULL AND tool IS NULL"
                         ).fetchone()[0] > 0


def test_study_sessions_keep_the_entries_order_over_several_row_groups(tmp_path):
    # one file (no overlaps to work out) of 400,000 rows: four of DuckDB's row groups, read in parallel
    con = warehouse(tmp_path / "w.duckdb", LOADS[:1], 400_000, 10_000)
    try:
        got = con.execute("SELECT load_id, line FROM staging.study_sessions ORDER BY rowid").fetchall()
        assert len(got) > 300_000
        assert got == con.execute("SELECT s.load_id, s.line FROM staging.study_sessions s "
                                  "JOIN staging.current_loads l USING (load_id) "
                                  "ORDER BY s.learner_id, s.started_at, l.path, s.line").fetchall()
    finally:
        con.close()
