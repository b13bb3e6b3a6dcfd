"""A per-domain summary holding one set from two platforms is two sittings, one per platform, as a
per-question file is since 7cb8713 (xreview D0, item 2). Before, the second platform's first domain
began 'sitting 2', which took every later row of both platforms. Through real `examready run`."""
from __future__ import annotations

from pathlib import Path

import duckdb

from tests.conftest import run_cli, run_json

DOMAINS = ["Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
           "Data Security and Governance"]
PLAIN = "Practice Test 1 2026-05-20"


def summary(path: Path, platforms=(("Tutorials Dojo", 9), ("Udemy", 3)), set_column: bool = True) -> Path:
    """Each platform's score by domain (10 questions each, `right` of them right), interleaved by domain."""
    head = ("Test," if set_column else "") + "Platform,Date,Domain,Correct,Total"
    rows = [("Practice Test 1," if set_column else "") + f"{platform},2026-05-20,{domain},{right},10"
            for domain in DOMAINS for platform, right in platforms]
    path.write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def scores(root: Path) -> dict:
    """attempt_id -> (provider, domains, right) of staging.domain_scores."""
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return {a: (p, n, r) for a, p, n, r in con.execute(
            "SELECT attempt_id, string_agg(DISTINCT provider), count(*), sum(correct)::INTEGER "
            "FROM staging.domain_scores GROUP BY 1").fetchall()}


def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    return root


def loaded(root: Path) -> list:
    return [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in run_json("run", "-w", str(root))["files"]]


def test_a_summary_of_two_platforms_is_two_sittings(tmp_path):
    root = workspace(tmp_path)
    summary(root / "inbox" / "exams" / "scores.csv")
    assert loaded(root) == [("loaded", 8, 0)]
    assert scores(root) == {f"{PLAIN} (Tutorials Dojo)": ("Tutorials Dojo", 4, 36),
                            f"{PLAIN} (Udemy)": ("Udemy", 4, 12)}


def test_a_summary_named_by_its_file_is_split_by_platform_too(tmp_path):
    root = workspace(tmp_path)
    summary(root / "inbox" / "exams" / "scores.csv", set_column=False)
    assert loaded(root) == [("loaded", 8, 0)]
    assert scores(root) == {"scores 2026-05-20 (Tutorials Dojo)": ("Tutorials Dojo", 4, 36),
                            "scores 2026-05-20 (Udemy)": ("Udemy", 4, 12)}


def test_a_summary_of_one_platform_keeps_its_id(tmp_path):
    root = workspace(tmp_path)
    summary(root / "inbox" / "exams" / "scores.csv", platforms=(("Udemy", 3),))
    assert loaded(root) == [("loaded", 4, 0)]
    assert scores(root) == {PLAIN: ("Udemy", 4, 12)}


def test_two_platforms_summaries_in_two_files_both_count(tmp_path):
    """One file per platform, the same set and day: both count, each under its platform's id (xreview D0;
    before, the later file was taken as a re-export and replaced the other)."""
    root = workspace(tmp_path)
    summary(root / "inbox" / "exams" / "a-td.csv", platforms=(("Tutorials Dojo", 9),))
    summary(root / "inbox" / "exams" / "b-udemy.csv", platforms=(("Udemy", 3),))
    assert [status for status, _, _ in loaded(root)] == ["loaded", "loaded"]
    assert scores(root) == {f"{PLAIN} (Tutorials Dojo)": ("Tutorials Dojo", 4, 36), f"{PLAIN} (Udemy)": ("Udemy", 4, 12)}
