"""A per-domain summary giving Correct and Incorrect (and Skipped) counts but no Total, as results pages list them:
its total is the sum of its counts. Before, such a file was rejected ('no domain column with a percentage or
correct/total counts') and, with a percent beside, its total was derived from the percent alone (held back where
several counts fit: 100 correct at 67% is 149 or 150). Through real `examready run` and DuckDB."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sources.domain_summary_csv import parse
from tests.conftest import run_cli


def summary(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, totals", [
    ("Domain,Correct,Incorrect\nData Store Management,8,5\n", [13]),
    ("Domain,Correct,Wrong,Skipped\nData Store Management,8,4,1\nData Ingestion and Transformation,3,0,\n", [13, 3]),
    # integer percents for which several totals fit: the counts decide
    ("Domain,Correct,Incorrect,Percentage\nData Store Management,100,49,67%\n", [149]),
    ("Domain,Correct,Incorrect,Total\nData Store Management,8,5,20\n", [20]),  # a Total as written wins
])
def test_total_is_the_sum_of_the_counts(tmp_path, text, totals):
    rows = parse(summary(tmp_path / "s.csv", text))["domain_scores"]
    assert [None if pd.isna(t) else int(t) for t in rows["total"]] == totals


def test_run_loads_correct_incorrect_summary(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    summary(root / "inbox" / "exams" / "skillbuilder.csv",
            "Date,Domain,Correct,Incorrect,Skipped\n"
            "2026-12-05,Data Ingestion and Transformation,12,4,1\n"
            "2026-12-05,Data Store Management,8,5,0\n"
            "2026-12-05,Data Operations and Support,7,4,\n"
            "2026-12-05,Data Security and Governance,5,4,0\n")
    out = run_cli("run", "-w", str(root), check=False)
    assert "loaded    exams/skillbuilder.csv (domain_summary_csv): 4 loaded, 0 quarantined" in out.stdout, out.stdout
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        got = con.execute("SELECT domain_id, correct, total FROM staging.domain_scores ORDER BY 1").fetchall()
    assert got == [(1, 12, 17), (2, 8, 13), (3, 7, 11), (4, 5, 9)]
