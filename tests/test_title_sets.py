"""A results page copied with title lines naming its set (no Test/attempt column) is keyed by that set, not by its
file name: the same set saved under another name on another day is a retake of it (docs/formats.md, "Title lines
above the header"). Through the real CLI and DuckDB: `examready init`, pages in inbox/exams, `examready run`."""
from __future__ import annotations

import duckdb
import pytest

from tests.conftest import run_cli, run_json

DOMAINS = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management"]


def review_page(platform: str, set_name: str, day: str, right: int = 6) -> str:
    """A per-question review page copied with its title: no date, test or platform column."""
    rows = "".join(f"{q},{DOMAINS[q % 2]},AWS Glue,{'Correct' if q <= right else 'Incorrect'}\n" for q in range(1, 11))
    return (f"{platform} - AWS Certified Data Engineer Associate - {set_name}\nExported on {day}\n\n"
            f"Q#,Domain,Service,Result\n{rows}")


def score_page(set_name: str, day: str) -> str:
    """A per-domain results page copied with its title (the set and platform on one line, as TD's review shows)."""
    return (f"{set_name} - Review, Score 62.5%, Passed: no, Time taken: 9 min, Tutorials Dojo, {day}\n\n"
            f"Domain,Correct,Total\n{DOMAINS[0]},12,17\n{DOMAINS[1]},10,13\n")


def run_pages(tmp_path, pages: dict[str, str]):
    """A new workspace with these pages in inbox/exams, run once; its root."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    for name, text in pages.items():
        (root / "inbox" / "exams" / name).write_text(text, encoding="utf-8")
    run_cli("run", "-w", str(root))
    return root


def evidence(root) -> dict[str, tuple]:
    """Each attempt of marts.attempts with its source, retake set and provider (marts.domain_evidence)."""
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return {a: (s, r, p) for a, s, r, p in con.execute(
            "SELECT DISTINCT a.attempt_id, e.source, e.retake_set, a.provider FROM marts.attempts a "
            "JOIN marts.domain_evidence e USING (learner_id, attempt_id)").fetchall()}


def test_the_same_set_saved_under_two_names_on_two_days_is_a_retake(tmp_path):
    root = run_pages(tmp_path, {"td-feb10.csv": review_page("Tutorials Dojo", "Practice Test 3", "2026-02-10"),
                                "practice-again.csv": review_page("Tutorials Dojo", "Practice Test 3", "2026-02-17", 9)})
    assert evidence(root) == {
        "Practice Test 3 2026-02-10": ("mock", None, "Tutorials Dojo"),
        "Practice Test 3 2026-02-17": ("retake", "Practice Test 3", "Tutorials Dojo")}
    retakes = run_json("readiness", "-w", str(root))["retakes"]
    assert (retakes["answers"], retakes["sittings"]) == (10, 1)


def test_two_sets_or_two_platforms_stay_apart(tmp_path):
    root = run_pages(tmp_path, {"a.csv": review_page("Tutorials Dojo", "Practice Test 3", "2026-02-10"),
                                "b.csv": review_page("Tutorials Dojo", "Practice Test 4", "2026-02-17"),
                                "c.csv": review_page("Udemy", "Practice Test 3", "2026-02-24")})
    assert evidence(root) == {"Practice Test 3 2026-02-10": ("mock", None, "Tutorials Dojo"),
                              "Practice Test 4 2026-02-17": ("mock", None, "Tutorials Dojo"),
                              "Practice Test 3 2026-02-24": ("mock", None, "Udemy")}
    assert run_json("readiness", "-w", str(root))["retakes"]["answers"] == 0


def test_a_file_read_again_or_saved_twice_stays_one_sitting(tmp_path):
    page = review_page("Tutorials Dojo", "Practice Test 3", "2026-02-10")
    root = run_pages(tmp_path, {"td.csv": page})
    (root / "inbox" / "exams" / "td.csv").write_text(page, encoding="utf-8")  # saved again: a new mtime
    (root / "inbox" / "exams" / "td copy.csv").write_text(page, encoding="utf-8")  # the same page, another name
    run_cli("run", "-w", str(root))
    assert evidence(root) == {"Practice Test 3 2026-02-10": ("mock", None, "Tutorials Dojo")}
    readiness = run_json("readiness", "-w", str(root))
    assert readiness["retakes"]["answers"] == 0
    assert sum(d["questions"] for d in readiness["domains"]) == 10


def test_score_pages_of_one_set_on_two_days_are_a_retake(tmp_path):
    root = run_pages(tmp_path, {"scores.csv": score_page("Practice Test 3", "2026-02-10"),
                                "scores-2.csv": score_page("Practice Test 3", "2026-02-17")})
    assert evidence(root) == {"Practice Test 3 2026-02-10": ("summary", None, "Tutorials Dojo"),
                              "Practice Test 3 2026-02-17": ("retake", "Practice Test 3", "Tutorials Dojo")}


def test_run_says_which_set_the_title_names(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "td.csv").write_text(review_page("Tutorials Dojo", "Practice Test 3", "2026-02-10"))
    assert ("exams/td.csv: no test/attempt column: the title lines name the set 'Practice Test 3' of Tutorials Dojo"
            in run_cli("run", "-w", str(root)).stderr)


@pytest.mark.parametrize("title, attempt", [
    ("Practice Test 3 and Practice Test 4 compared\nExported on 2026-02-10", "two-sets"),  # two sets: the file
    ("Cohort export, spring 2026\nExported on 2026-02-10", "two-sets"),  # no set named: the file, as before
    ("Udemy - Tutorials Dojo - Practice Test 3\nExported on 2026-02-10", "Practice Test 3 2026-02-10"),
])
def test_a_title_naming_no_single_set_leaves_the_file_name(tmp_path, title, attempt):
    from sources.registry import parse_file

    path = tmp_path / "two-sets.csv"
    path.write_text(f"{title}\n\nQ#,Domain,Result\n1,{DOMAINS[0]},Correct\n", encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["attempt_id"].tolist() == [attempt]
    assert answers["provider"].tolist() == [None]  # two platforms named: none is guessed


def test_pages_loaded_by_rules_18_are_read_again_as_one_set(tmp_path):
    """READING_RULES 18 keyed each page by its file name (two sets); the next run reads both again once."""
    from tests.helpers_workspace import ingest, new_workspace
    from tests.test_reading_rules import staged_attempts

    ws = new_workspace(tmp_path / "ws")
    for name, day in (("td-feb10.csv", "2026-02-10"), ("practice-again.csv", "2026-02-17")):
        (ws.inbox / "exams" / name).write_text(review_page("Tutorials Dojo", "Practice Test 3", day))
    ingest(ws, "r1")
    with duckdb.connect(str(ws.db_path)) as con:  # as rules 18 left them
        con.execute("UPDATE raw.answers SET attempt_id = CASE WHEN taken_at < '2026-02-15' THEN 'td-feb10' "
                    "ELSE 'practice-again' END, provider = NULL")
        con.execute("UPDATE raw.file_events SET rules = 18")
    assert staged_attempts(ws.db_path) == [("practice-again", 10), ("td-feb10", 10)]
    assert [r.status for r in ingest(ws, "r2")] == ["replaced", "replaced"]
    assert staged_attempts(ws.db_path) == [("Practice Test 3 2026-02-10", 10), ("Practice Test 3 2026-02-17", 10)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged", "unchanged"]
