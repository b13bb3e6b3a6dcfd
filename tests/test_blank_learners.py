"""A blank learner cell in a class export holds its row back as naming no one (`learner_named`) and for
nothing else: it takes no part in the duplicate check (`unique_within_file`), as a blank key value does
(tests/test_blank_keys.py), on both validation engines and both ingestion paths."""
from __future__ import annotations

import duckdb
import pytest

from tests.helpers_workspace import ingest, new_workspace

CLASS = ("email,attempt_id,taken_at,question_id,domain,correct\n"
         "ana@example.org,pq-1,2026-02-16,1,Domain 1,true\n"
         "ben@example.org,pq-1,2026-02-16,1,Domain 1,true\n"
         ",pq-1,2026-02-16,1,Domain 1,false\n"                # 4, 5: name no learner, each for that alone
         ",pq-1,2026-02-16,1,Domain 1,false\n"
         "ana@example.org,pq-1,2026-02-16,1,Domain 1,true\n")  # 6: duplicate of line 2
EXPECTED = [(4, "learner_named"), (5, "learner_named"), (6, "unique_within_file")]


@pytest.mark.parametrize("threshold", [1 << 60, 0], ids=["great_expectations", "duckdb_sql"])
def test_a_blank_learner_cell_is_no_duplicate_on_either_engine(tmp_path, monkeypatch, threshold):
    from warehouse import validation

    monkeypatch.setattr(validation, "SQL_MIN_ROWS", threshold)
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "class.csv").write_text(CLASS)
    ingest(ws)
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        held = con.execute("SELECT line, check_name FROM raw.quarantine ORDER BY ALL").fetchall()
        count = con.execute("SELECT unexpected_count FROM raw.validation_results "
                            "WHERE expectation = 'unique_within_file'").fetchall()
    assert held == EXPECTED
    assert count == [(2,)]  # lines 2 and 6: every row of the repeated key


def test_both_paths_hold_back_a_blank_learner_cell_for_that_alone(tmp_path, monkeypatch):
    from tests.test_bulk_ingest import _both_paths

    (csv := tmp_path / "class.csv").write_text(CLASS)
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # the same report and warehouse on both paths
    assert (report.rows_loaded, report.rows_quarantined) == (2, 3)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT line, check_name FROM raw.quarantine ORDER BY ALL").fetchall() == EXPECTED
