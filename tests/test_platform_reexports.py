"""Two platforms' sittings of one set and day in two files both count; a re-export still replaces (xreview D0).

The re-export unit is (learner, base id, platform) per load: base id = the attempt id less the
' (<provider>)' one file holding both platforms gives it; a blank platform matches any (it may be the same
sitting). A set counting from two platforms shows '<base> (<provider>)' per platform, from one its base id.
Through real `examready run`; both ingestion paths (pandas, bulk SQL) give the same statuses and rows.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sources.blueprint import load_blueprint
from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.test_bulk_ingest import NOW
from tests.test_summary_platforms import summary
from warehouse import bulk_answers
from warehouse.connection import open_warehouse, read_sql
from warehouse.inbox import InboxFile, file_sha256
from warehouse.ingest import ingest_file

DOMAINS = ["Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
           "Data Security and Governance"]
PLAIN = "Practice Test 1 2026-05-20"
TD, UDEMY = f"{PLAIN} (Tutorials Dojo)", f"{PLAIN} (Udemy)"


def export(path: Path, parts, attempt: str | None = None) -> Path:
    """Rows of 'Practice Test 1' of 20 May (a date alone): parts = (platform or None, right, questions)."""
    lead = "Attempt ID," if attempt else ""
    head = lead + "Test," + ("Platform," if any(p is not None for p, _, _ in parts) else "") + "Date,Question,Domain,Correct"
    rows = [(f"{attempt}," if attempt else "") + "Practice Test 1," + ("" if platform is None else f"{platform},")
            + f"2026-05-20,{q},{DOMAINS[q % 4]},{right}" for platform, right, questions in parts for q in questions]
    path.write_text(head + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


Q1, Q101 = range(1, 9), range(101, 109)


def counted(db: Path, table: str = "staging.answers") -> dict:
    """attempt_id -> (answers, right) that count."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {a: (n, r) for a, n, r in con.execute(
            f"SELECT attempt_id, count(*), sum(correct::INTEGER)::INTEGER FROM {table} GROUP BY 1").fetchall()}


def run(root: Path, name: str, *parts, attempt: str | None = None) -> str:
    """Drop one file in the inbox, run, and give its status."""
    export(root / "inbox" / "exams" / name, parts, attempt)
    files = {f["path"]: f["status"] for f in run_json("run", "-w", str(root))["files"]}
    return files[f"exams/{name}"]


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    return root


def test_two_platforms_files_both_count(root):  # case 1
    assert run(root, "a-td.csv", ("Tutorials Dojo", "true", Q1)) == "loaded"
    assert run(root, "b-udemy.csv", ("Udemy", "false", Q1)) == "loaded"
    assert counted(root / "warehouse.duckdb") == {TD: (8, 8), UDEMY: (8, 0)}
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT attempt_id, sum(total)::INTEGER FROM marts.attempts GROUP BY 1 ORDER BY 1"
                           ).fetchall() == [(TD, 8), (UDEMY, 8)]


def test_a_file_without_platform_then_with_one_is_a_reexport(root):  # case 2
    assert run(root, "a.csv", (None, "false", Q1)) == "loaded"
    assert run(root, "b.csv", ("Udemy", "true", Q1)) == "replaced"
    assert counted(root / "warehouse.duckdb") == {PLAIN: (8, 8)}


def test_one_platform_reexported_from_a_two_platform_attempt(root):  # case 3
    assert run(root, "a-both.csv", ("Udemy", "false", Q1), ("Tutorials Dojo", "false", Q101), attempt="Mock 1") \
        == "loaded"
    assert run(root, "b-td.csv", ("Tutorials Dojo", "true", Q101), attempt="Mock 1") == "replaced"
    assert counted(root / "warehouse.duckdb") == {"Mock 1 (Udemy)": (8, 0), "Mock 1 (Tutorials Dojo)": (8, 8)}


def test_one_file_of_both_platforms_replaces_two_files(root):  # case 4
    run(root, "a-udemy.csv", ("Udemy", "false", Q1))
    run(root, "b-td.csv", ("Tutorials Dojo", "false", Q1))
    assert run(root, "c-both.csv", ("Udemy", "true", Q1), ("Tutorials Dojo", "true", Q1)) == "replaced"
    assert counted(root / "warehouse.duckdb") == {TD: (8, 8), UDEMY: (8, 8)}


def test_the_same_platform_twice_is_a_reexport(root):  # case 5
    assert run(root, "a.csv", (" udemy ", "false", Q1)) == "loaded"
    assert run(root, "b.csv", ("Udemy", "true", Q1)) == "replaced"
    assert counted(root / "warehouse.duckdb") == {PLAIN: (8, 8)}


def scores(root: Path) -> dict:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return dict(con.execute("SELECT attempt_id, sum(correct)::INTEGER FROM staging.domain_scores GROUP BY 1"
                                ).fetchall())


def summary_run(root: Path, name: str, platforms) -> str:
    path = summary(root / "inbox" / "exams" / name, platforms=platforms)
    if platforms[0][0] is None:  # no provider column at all
        path.write_text(path.read_text().replace("Platform,", "", 1).replace(",None,", ","))
    return {f["path"]: f["status"] for f in run_json("run", "-w", str(root))["files"]}[f"exams/{name}"]


def test_summaries_follow_the_same_rule(root, tmp_path):  # case 6
    assert summary_run(root, "s1.csv", ((None, 2),)) == "loaded"
    assert summary_run(root, "s2.csv", (("Udemy", 9),)) == "replaced"
    assert scores(root) == {PLAIN: 36}
    other = tmp_path / "ws2"
    run_cli("init", str(other), "--exam", "DEA-C01")
    assert summary_run(other, "a-td.csv", (("Tutorials Dojo", 9),)) == "loaded"
    assert summary_run(other, "b-udemy.csv", (("Udemy", 3),)) == "loaded"
    assert scores(other) == {TD: 36, UDEMY: 12}


def ingest_all(tmp_path: Path, files, bulk: bool, monkeypatch) -> tuple[list, dict, list]:
    """Ingest files in turn into one warehouse on one path: statuses, counting answers, raw rows."""
    monkeypatch.setattr(bulk_answers, "MIN_BYTES", 0 if bulk else 1 << 60)
    db, statuses = tmp_path / f"{'bulk' if bulk else 'pandas'}.duckdb", []
    with open_warehouse(db) as con:
        for minute, (name, parts, attempt) in enumerate(files):
            csv = export(tmp_path / name, parts, attempt)
            file = InboxFile(csv, f"exams/{name}", "exams", file_sha256(csv))
            report = ingest_file(con, file, load_blueprint("DEA-C01"), "me", f"run-{minute}", parse_file, NOW)
            statuses.append(report.status)
        for model in ("current_loads", "answer_exports", "answers"):
            con.execute(read_sql(f"staging/{model}.sql"))
        rows = con.execute("SELECT attempt_id, provider, question_id, correct FROM raw.answers ORDER BY ALL").fetchall()
    return statuses, counted(db), rows


@pytest.mark.parametrize("files, expected", [
    ([("a-td.csv", [("Tutorials Dojo", "true", Q1)], None), ("b-udemy.csv", [("Udemy", "false", Q1)], None)],
     (["loaded", "loaded"], {TD: (8, 8), UDEMY: (8, 0)})),
    ([("a-both.csv", [("Udemy", "false", Q1), ("Tutorials Dojo", "false", Q101)], "Mock 1"),
      ("b-td.csv", [("Tutorials Dojo", "true", Q101)], "Mock 1")],
     (["loaded", "replaced"], {"Mock 1 (Udemy)": (8, 0), "Mock 1 (Tutorials Dojo)": (8, 8)})),
], ids=["two-files", "attempt-column"])
def test_both_paths_agree(tmp_path, monkeypatch, files, expected):  # case 7
    for folder in ("b", "p"):
        (tmp_path / folder).mkdir()
    bulk = ingest_all(tmp_path / "b", files, True, monkeypatch)
    pandas = ingest_all(tmp_path / "p", files, False, monkeypatch)
    assert bulk == pandas
    assert bulk[:2] == expected


SECRET = "ops@example.com"  # a provider cell that looks like a secret (an email): masked in the provider column
MASKED = f"{PLAIN} ([masked: email])"


def test_a_secret_looking_provider_is_masked_in_one_files_ids(tmp_path, monkeypatch):
    """One file holding the set from two platforms names each sitting after its provider as masked, as the
    provider column shows it, on both paths (9051c55: the cell went into the id as written)."""
    files = [("twoplat.csv", [("Tutorials Dojo", "true", Q1), (SECRET, "true", Q1)], None)]
    for folder in ("b", "p"):
        (tmp_path / folder).mkdir()
    bulk = ingest_all(tmp_path / "b", files, True, monkeypatch)
    pandas = ingest_all(tmp_path / "p", files, False, monkeypatch)
    assert bulk == pandas
    assert bulk[:2] == (["loaded"], {TD: (8, 8), MASKED: (8, 8)})
    assert SECRET not in repr(bulk[2])


def test_two_files_show_the_masked_provider_in_the_id(root):
    assert run(root, "a-tdojo.csv", ("Tutorials Dojo", "true", Q1)) == "loaded"
    assert run(root, "b-other.csv", (SECRET, "false", Q1)) == "loaded"
    assert counted(root / "warehouse.duckdb") == {TD: (8, 8), MASKED: (8, 0)}
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        assert not con.execute("SELECT count(*) FROM marts.attempts WHERE attempt_id LIKE ?",
                               [f"%{SECRET}%"]).fetchone()[0]
