"""Two platforms' sittings of one set name begun the same day, in two files, both count (xreview D0).

Tutorials Dojo's and Udemy's 'Practice Test 1' exported on one day, each in a file of its own, share the
attempt id 'Practice Test 1 2026-05-20' (a file with one platform keeps the plain id). The later file was
taken as a re-export of the other and replaced its answers (`run` said `replaced`). The re-export key is now
(learner, attempt, platform), and staging names each platform's sitting as one file holding both would:
'... (Tutorials Dojo)', '... (Udemy)'. A second export of one platform's sitting still replaces it.
Through real `examready run`, and both ingestion paths (pandas, bulk SQL) alike.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.test_bulk_ingest import NOW, assert_same_warehouse
from tests.test_sitting_platforms import TD, UDEMY, attempts
from warehouse import bulk_answers
from warehouse.connection import open_warehouse
from warehouse.inbox import InboxFile, file_sha256
from warehouse.ingest import ingest_file

DOMAINS = ["Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
           "Data Security and Governance"]
PLAIN = "Practice Test 1 2026-05-20"


def export(path: Path, platform: str, right: str, questions: range = range(1, 9)) -> Path:
    """One platform's 'Practice Test 1' of 20 May (a date alone), every answer `right`."""
    rows = [f"Practice Test 1,{platform},2026-05-20,{q},{DOMAINS[q % 4]},{right}" for q in questions]
    path.write_text("Test,Platform,Date,Question,Domain,Correct\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def statuses(root: Path) -> dict:
    return {f["path"]: (f["status"], f["rows_loaded"]) for f in run_json("run", "-w", str(root))["files"]}


def test_two_platforms_files_of_one_set_and_day_both_count(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    export(root / "inbox" / "exams" / "a-tdojo.csv", "Tutorials Dojo", "true")
    export(root / "inbox" / "exams" / "b-udemy.csv", "Udemy", "false")
    assert statuses(root) == {"exams/a-tdojo.csv": ("loaded", 8), "exams/b-udemy.csv": ("loaded", 8)}
    db = root / "warehouse.duckdb"
    assert attempts(db, "staging.answers") == {TD: ("Tutorials Dojo", 8, 8), UDEMY: ("Udemy", 8, 0)}
    with duckdb.connect(str(db), read_only=True) as con:
        marts = con.execute("SELECT attempt_id, sum(total)::INTEGER FROM marts.attempts GROUP BY 1 ORDER BY 1").fetchall()
        sources = con.execute("SELECT DISTINCT source FROM marts.domain_evidence").fetchall()
    assert marts == [(TD, 8), (UDEMY, 8)]
    assert sources == [("mock",)]  # two platforms' sets: neither is a retake of the other


def test_a_second_export_of_one_platform_still_replaces_it(tmp_path):
    """Udemy's sitting exported again (7 answers, now right): it replaces Udemy's first export only."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    export(root / "inbox" / "exams" / "a-tdojo.csv", "Tutorials Dojo", "true")
    export(root / "inbox" / "exams" / "b-udemy.csv", "Udemy", "false")
    statuses(root)
    export(root / "inbox" / "exams" / "c-udemy-again.csv", " udemy ", "true", range(1, 8))
    assert statuses(root)["exams/c-udemy-again.csv"] == ("replaced", 7)
    assert attempts(root / "warehouse.duckdb", "staging.answers") == {
        TD: ("Tutorials Dojo", 8, 8), f"{PLAIN} (udemy)": ("udemy", 7, 7)}


def test_one_platform_in_two_files_is_a_re_export_with_the_plain_id(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    export(root / "inbox" / "exams" / "a-udemy.csv", "Udemy", "false")
    export(root / "inbox" / "exams" / "b-udemy.csv", "Udemy", "true", range(1, 5))
    assert statuses(root) == {"exams/a-udemy.csv": ("loaded", 8), "exams/b-udemy.csv": ("replaced", 4)}
    assert attempts(root / "warehouse.duckdb", "staging.answers") == {PLAIN: ("Udemy", 4, 4)}


def _load_both(tmp_path: Path, files: list[Path], bulk: bool, monkeypatch) -> tuple[Path, list]:
    """Load the files in turn into one fresh warehouse on one path; (warehouse, statuses)."""
    monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
    db = tmp_path / f"{'bulk' if bulk else 'pandas'}.duckdb"
    with open_warehouse(db) as con:
        reports = [ingest_file(con, InboxFile(f, f"exams/{f.name}", "exams", file_sha256(f)),
                               load_blueprint("DEA-C01"), "me", "run-1", parse_file, NOW) for f in files]
    return db, [(r.status, r.rows_loaded) for r in reports]


def test_both_paths_load_the_second_platform_as_new(tmp_path, monkeypatch):
    files = [export(tmp_path / "td.csv", "Tutorials Dojo", "true"), export(tmp_path / "udemy.csv", "Udemy", "false"),
             export(tmp_path / "udemy-again.csv", "Udemy", "true", range(1, 5))]
    db_bulk, bulk = _load_both(tmp_path, files, True, monkeypatch)
    db_pandas, pandas_ = _load_both(tmp_path, files, False, monkeypatch)
    assert bulk == pandas_ == [("loaded", 8), ("loaded", 8), ("replaced", 4)]
    assert_same_warehouse(db_bulk, db_pandas)


SECRET = "ops@example.com"  # a provider cell that looks like a secret (an email): masked in the provider column


def test_a_secret_looking_provider_is_masked_in_the_ids_too(tmp_path, monkeypatch):
    """One file holding the set from two platforms names each sitting after its provider: the id shows the
    provider as masked, as the provider column does, on both paths (the cell was copied into the id as
    written)."""
    csv = tmp_path / "twoplat.csv"
    rows = [f"Practice Test 1,{platform},2026-05-20,{q},{DOMAINS[q % 4]},true"
            for q in range(1, 9) for platform in ("Tutorials Dojo", SECRET)]
    csv.write_text("Test,Platform,Date,Question,Domain,Correct\n" + "\n".join(rows) + "\n", encoding="utf-8")
    db_bulk, bulk = _load_both(tmp_path, [csv], True, monkeypatch)
    db_pandas, pandas_ = _load_both(tmp_path, [csv], False, monkeypatch)
    assert bulk == pandas_ == [("loaded", 16)]
    assert_same_warehouse(db_bulk, db_pandas)
    assert attempts(db_bulk, "raw.answers") == {TD: ("Tutorials Dojo", 8, 8),
                                                f"{PLAIN} ([masked: email])": ("[masked: email]", 8, 8)}


def test_two_files_show_the_masked_provider_in_the_id(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    export(root / "inbox" / "exams" / "a-tdojo.csv", "Tutorials Dojo", "true")
    export(root / "inbox" / "exams" / "b-other.csv", SECRET, "false")
    assert statuses(root) == {"exams/a-tdojo.csv": ("loaded", 8), "exams/b-other.csv": ("loaded", 8)}
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT DISTINCT attempt_id FROM marts.attempts ORDER BY 1").fetchall()]
    assert ids == [TD, f"{PLAIN} ([masked: email])"]
