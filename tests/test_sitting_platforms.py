"""Two platforms' rows of one set name in one file are two sittings, one per platform (xreview D1).

A merged sheet of Tutorials Dojo's and Udemy's 'Practice Test 1', dated by the day and sorted by question,
made one attempt of both platforms and held 7 of 16 answers back as duplicates: the sitting split grouped by
learner and set alone. Through real `examready run`, and both ingestion paths (pandas, bulk SQL) alike.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import run_cli
from tests.test_bulk_ingest import _both_paths

DOMAINS = ["Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
           "Data Security and Governance"]
TD, UDEMY = "Practice Test 1 2026-05-20 (Tutorials Dojo)", "Practice Test 1 2026-05-20 (Udemy)"


def merged_sheet(path: Path, times: bool = False) -> Path:
    """TD (all right) and Udemy (all wrong) 'Practice Test 1' interleaved by question: dates alone, or one
    minute apart from the same start on both platforms."""
    rows = [f"Practice Test 1,{platform},2026-05-20{f' 19:{q:02d}' if times else ''},{q},{DOMAINS[q % 4]},{right}"
            for q in range(1, 9) for platform, right in (("Tutorials Dojo", "true"), ("Udemy", "false"))]
    path.write_text("Test,Platform,Date,Question,Domain,Correct\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def attempts(db: Path, table: str) -> dict:
    """attempt_id -> (providers, answers, right) of the answers table."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {a: (p, n, r) for a, p, n, r in con.execute(
            f"SELECT attempt_id, string_agg(DISTINCT provider), count(*), sum(correct::INTEGER) FROM {table} "
            f"GROUP BY 1").fetchall()}


def test_a_merged_sheet_of_two_platforms_counts_every_answer(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    merged_sheet(root / "inbox" / "exams" / "twoplat.csv")
    out = run_cli("run", "-w", str(root)).stdout
    assert "16 loaded, 0 quarantined" in out
    assert attempts(root / "warehouse.duckdb", "staging.answers") == {
        TD: ("Tutorials Dojo", 8, 8), UDEMY: ("Udemy", 8, 0)}
    assert "held back: 0 lines" in run_cli("quarantine", "-w", str(root)).stdout


def test_both_paths_split_the_merged_sheet_by_platform(tmp_path, monkeypatch):
    db, report = _both_paths(tmp_path, merged_sheet(tmp_path / "twoplat.csv"), monkeypatch)
    assert (report.rows_loaded, report.rows_quarantined) == (16, 0)
    assert attempts(db, "raw.answers") == {TD: ("Tutorials Dojo", 8, 8), UDEMY: ("Udemy", 8, 0)}


def test_same_minute_sittings_of_two_platforms_are_not_numbered_as_retakes(tmp_path, monkeypatch):
    db, report = _both_paths(tmp_path, merged_sheet(tmp_path / "timed.csv", times=True), monkeypatch)
    assert attempts(db, "raw.answers") == {
        "Practice Test 1 2026-05-20 19:01 (Tutorials Dojo)": ("Tutorials Dojo", 8, 8),
        "Practice Test 1 2026-05-20 19:01 (Udemy)": ("Udemy", 8, 0)}


def test_one_platform_keeps_its_ids(tmp_path, monkeypatch):
    csv = tmp_path / "td.csv"
    csv.write_text("".join(line for line in merged_sheet(csv).read_text().splitlines(keepends=True)
                           if "Udemy" not in line), encoding="utf-8")
    db, _ = _both_paths(tmp_path, csv, monkeypatch)
    assert attempts(db, "raw.answers") == {"Practice Test 1 2026-05-20": ("Tutorials Dojo", 8, 8)}


def test_a_platform_named_sitting_is_the_set_a_later_sitting_retakes(tmp_path):
    """Udemy's set sat again a week later, in a file of its own: a retake of the Udemy sitting of the merged
    sheet (its id ends in the platform), not of Tutorials Dojo's."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    merged_sheet(root / "inbox" / "exams" / "twoplat.csv")
    later = merged_sheet(tmp_path / "later.csv").read_text().replace("2026-05-20", "2026-05-27").splitlines()
    (root / "inbox" / "exams" / "udemy-again.csv").write_text(
        "\n".join([later[0], *(line for line in later[1:] if "Udemy" in line)]) + "\n", encoding="utf-8")
    run_cli("run", "-w", str(root))
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        got = dict(con.execute("SELECT attempt_id, string_agg(DISTINCT source || ':' || coalesce(retake_of, '')) "
                               "FROM marts.domain_evidence GROUP BY 1").fetchall())
    assert got == {TD: "mock:", UDEMY: "mock:", "Practice Test 1 2026-05-27": f"retake:{UDEMY}"}
