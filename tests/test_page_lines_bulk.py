"""A '#' or page line written at full width (`Page 2,,,,`) is read alike on both paths: DuckDB's reader leaves such a
file to the row reader, which holds the line back as no row of the export (sources/ragged_rows.not_a_row)."""
from __future__ import annotations

import duckdb
import pytest

from tests.test_bulk_ingest import _both_paths

ROWS = [f"ana,m1,2026-03-05 10:{m:02d},q{m},Domain {1 + m % 4},true" for m in range(40)]


@pytest.mark.parametrize("line", ["Page 2,,,,,", "# page 2,,,,,", "  page 2 of 3 ,,,,,", "Page 2, ,  ,,, ",
                                  "# exported 2026-03-05, , ,,,"])
def test_a_full_width_page_line_is_held_back_alike_on_both_paths(tmp_path, monkeypatch, capsys, line):
    csv = tmp_path / "class.csv"
    csv.write_text("\n".join(["Student,Exam,Date taken,Question,Domain,Correct?", *ROWS[:20], line, *ROWS[20:]]) + "\n")
    db, report = _both_paths(tmp_path, csv, monkeypatch)
    # before: DuckDB took a '#' line for a comment ("some rows span several lines"), a page line of spaces for a row
    assert "a '#' or page line between its rows; reading it row by row instead" in capsys.readouterr().err
    assert (report.rows_loaded, report.rows_quarantined) == (40, 1)
    with duckdb.connect(str(db), read_only=True) as con:
        # ana's rows hers (the file names her alone), the page line no one's (before: a learner 'Page 2')
        assert con.execute("SELECT learner_id, count(*) FROM raw.answers GROUP BY 1 ORDER BY 1").fetchall() == [
            ("ana", 40), ("me", 1)]
        assert con.execute("SELECT line, learner_id, check_name FROM raw.quarantine").fetchall() == [
            (22, "me", "cells_match_header")]


def test_a_row_with_only_its_first_cell_is_still_read_by_duckdb(tmp_path, monkeypatch, capsys):
    """Only a '#' line or a page mark leaves DuckDB's path: another first cell alone is a row, held back as such."""
    csv = tmp_path / "class.csv"
    csv.write_text("\n".join(["Student,Exam,Date taken,Question,Domain,Correct?", *ROWS[:20], "ana,,,,,", *ROWS[20:]])
                   + "\n")
    _both_paths(tmp_path, csv, monkeypatch)
    assert "row by row instead" not in capsys.readouterr().err
