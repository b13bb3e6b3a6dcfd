"""A results page copied with title lines naming its set (no Test/attempt column) is keyed by that whole title line
(dates out, case and runs of spaces/dashes aside) and each sitting's id names its file: the same set saved under
another name on another day is a retake of it, two files of it on one day are two sittings (docs/formats.md, "The
set a title names"). Through the real CLI and DuckDB: `examready init`, pages in inbox/exams, `examready run`,
`examready readiness --json`. The first try (37086a8, READING_RULES 19) failed (a)-(d) below; HEAD before it
keyed every such page by its file name (no retake)."""
from __future__ import annotations

import duckdb
import pytest

from tests.conftest import run_cli, run_json

DOMAINS = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management"]
TD3 = "Tutorials Dojo - AWS Certified Data Engineer Associate - Practice Test 3"
TD3_KEY = TD3  # the set is keyed by the line as written (dates out, spaces and dashes one), compared case aside


def review_page(title: str, day: str, right: int = 6) -> str:
    """A per-question review page copied with its title: no date, test or platform column; `right` of 10 correct."""
    rows = "".join(f"{q},{DOMAINS[q % 2]},AWS Glue,{'Correct' if q <= right else 'Incorrect'}\n" for q in range(1, 11))
    dated = f"Exported on {day}\n" if day else ""
    return f"{title}\n{dated}\nQ#,Domain,Service,Result\n{rows}"


def score_page(title: str, day: str) -> str:
    """A per-domain results page copied with its title."""
    return f"{title}\nExported on {day}\n\nDomain,Correct,Total\n{DOMAINS[0]},12,17\n{DOMAINS[1]},10,13\n"


def run_pages(tmp_path, pages: dict[str, str]):
    """A new workspace with these pages in inbox/exams, run once; its root and the run's stderr."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    for name, text in pages.items():
        (root / "inbox" / "exams" / name).write_text(text, encoding="utf-8")
    return root, run_cli("run", "-w", str(root)).stderr


def evidence(root) -> dict[str, tuple]:
    """Each attempt that counts with its source, retake set and provider (marts.domain_evidence)."""
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return {a: (s, r, p) for a, s, r, p in con.execute(
            "SELECT DISTINCT attempt_id, source, retake_set, provider FROM marts.domain_evidence").fetchall()}


def counted(root) -> tuple[int, int, int]:
    """(questions of first sittings, retake answers, retake sittings) as `readiness --json` says."""
    readiness = run_json("readiness", "-w", str(root))
    retakes = readiness["retakes"]
    return sum(d["questions"] for d in readiness["domains"]), retakes["answers"], retakes["sittings"]


def test_the_same_set_saved_under_two_names_on_two_days_is_a_retake(tmp_path):
    """The gain over file-name keys (HEAD before: two sets, no retake)."""
    root, _ = run_pages(tmp_path, {"td-feb10.csv": review_page(TD3, "2026-02-10"),
                                   "practice-again.csv": review_page(TD3, "2026-02-17", 9)})
    assert counted(root)[1:] == (10, 1)  # one set sat twice
    assert evidence(root) == {
        f"{TD3_KEY} 2026-02-10 [td-feb10]": ("mock", None, "Tutorials Dojo"),
        f"{TD3_KEY} 2026-02-17 [practice-again]": ("retake", TD3_KEY, "Tutorials Dojo")}


def test_a_two_sittings_of_one_set_on_one_day_in_two_files_both_count(tmp_path):
    """(a) 37086a8 gave both files one id: the 92% retake replaced the 50% first sitting, nothing said."""
    root, stderr = run_pages(tmp_path, {"td-first.csv": review_page(TD3, "2026-02-10", 5),
                                        "td-retake.csv": review_page(TD3, "2026-02-10", 9)})
    assert counted(root) == (10, 10, 1)  # both sittings count (the second as a retake): none replaced the other
    assert evidence(root) == {
        f"{TD3_KEY} 2026-02-10 [td-first]": ("mock", None, "Tutorials Dojo"),
        f"{TD3_KEY} 2026-02-10 [td-retake]": ("retake", TD3_KEY, "Tutorials Dojo")}
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT attempt_id, sum(correct) FROM marts.domain_evidence GROUP BY 1 ORDER BY 1"
                           ).fetchall() == [(f"{TD3_KEY} 2026-02-10 [td-first]", 5),
                                            (f"{TD3_KEY} 2026-02-10 [td-retake]", 9)]
    assert "two on one day without times are ordered by file name" in stderr


def test_b_section_quizzes_named_set_1_of_two_domains_are_two_sets(tmp_path):
    """(b) 37086a8 keyed both by 'Set 1': the Domain 2 quiz was a retake of the Domain 1 quiz."""
    root, _ = run_pages(tmp_path, {
        "d1.csv": review_page("Domain 1: Data Ingestion and Transformation \u2013 Set 1", "2026-02-10"),
        "d2.csv": review_page("Domain 2: Data Store Management \u2013 Set 1", "2026-02-11")})
    assert counted(root) == (20, 0, 0)  # two first sittings, no retake
    assert sorted(evidence(root)) == ["Domain 1: Data Ingestion and Transformation - Set 1 2026-02-10 [d1]",
                                      "Domain 2: Data Store Management - Set 1 2026-02-11 [d2]"]


def test_c_a_date_in_the_title_is_never_a_set_number(tmp_path):
    """(c) 37086a8 read 'Mock Exam 10/02/2026' and 'Mock Exam 10/03/2026' as set 'Mock Exam 10' sat twice."""
    root, _ = run_pages(tmp_path, {"mock-oct2.csv": review_page("Mock Exam 10/02/2026", ""),
                                   "mock-oct3.csv": review_page("Mock Exam 10/03/2026", "")})
    ids = evidence(root)
    assert not any("mock exam 10" in a.lower() for a in ids)  # no set number: the file names key them
    assert sorted(ids) == ["mock-oct2", "mock-oct3"]
    assert counted(root) == (20, 0, 0)


def test_c_a_numbered_set_with_its_date_is_keyed_without_it(tmp_path):
    """A set's title carrying its date ('Mock Exam 3 10/02/2026'): the date is out of the key, so one set."""
    root, _ = run_pages(tmp_path, {"m3-a.csv": review_page("Mock Exam 3 10/02/2026", "2026-10-02"),
                                   "m3-b.csv": review_page("Mock Exam 3 - 10/09/2026 14:05", "2026-10-09")})
    assert evidence(root) == {"Mock Exam 3 2026-10-02 [m3-a]": ("mock", None, None),
                              "Mock Exam 3 2026-10-09 [m3-b]": ("retake", "Mock Exam 3", None)}


def test_d_a_title_in_capitals_is_the_same_set(tmp_path):
    """(d) 37086a8 kept 'PRACTICE TEST 3' and 'Practice Test 3' apart (two sets, no retake)."""
    root, _ = run_pages(tmp_path, {"upper.csv": review_page(TD3.upper().replace(" - ", " -- "), "2026-02-10"),
                                   "lower.csv": review_page(TD3.replace(" - ", " \u2013 "), "2026-02-17")})
    assert counted(root)[1:] == (10, 1)  # one set sat twice
    assert evidence(root) == {f"{TD3.upper()} 2026-02-10 [upper]": ("mock", None, "TUTORIALS DOJO"),
                              f"{TD3_KEY} 2026-02-17 [lower]": ("retake", TD3_KEY, "Tutorials Dojo")}


def test_the_same_bytes_saved_twice_stay_one_sitting(tmp_path):
    page = review_page(TD3, "2026-02-10")
    root, _ = run_pages(tmp_path, {"td.csv": page})
    (root / "inbox" / "exams" / "td.csv").write_text(page, encoding="utf-8")  # saved again: a new mtime
    (root / "inbox" / "exams" / "td copy.csv").write_text(page, encoding="utf-8")  # the same bytes, another name
    run_cli("run", "-w", str(root))
    assert evidence(root) == {f"{TD3_KEY} 2026-02-10 [td]": ("mock", None, "Tutorials Dojo")}
    assert counted(root) == (10, 0, 0)


def test_two_sets_or_two_platforms_stay_apart(tmp_path):
    root, _ = run_pages(tmp_path, {"a.csv": review_page("Tutorials Dojo - Practice Test 3", "2026-02-10"),
                                   "b.csv": review_page("Tutorials Dojo - Practice Test 4", "2026-02-17"),
                                   "c.csv": review_page("Udemy - Practice Test 3", "2026-02-24")})
    assert evidence(root) == {"Tutorials Dojo - Practice Test 3 2026-02-10 [a]": ("mock", None, "Tutorials Dojo"),
                              "Tutorials Dojo - Practice Test 4 2026-02-17 [b]": ("mock", None, "Tutorials Dojo"),
                              "Udemy - Practice Test 3 2026-02-24 [c]": ("mock", None, "Udemy")}
    assert counted(root)[1:] == (0, 0)


def test_score_pages_of_one_set_on_two_days_are_a_retake(tmp_path):
    root, _ = run_pages(tmp_path, {"scores.csv": score_page(TD3, "2026-02-10"),
                                   "scores-2.csv": score_page(TD3, "2026-02-17")})
    assert evidence(root) == {f"{TD3_KEY} 2026-02-10 [scores]": ("summary", None, "Tutorials Dojo"),
                              f"{TD3_KEY} 2026-02-17 [scores-2]": ("retake", TD3_KEY, "Tutorials Dojo")}


def test_run_says_which_set_the_title_names(tmp_path):
    _, stderr = run_pages(tmp_path, {"td.csv": review_page(TD3, "2026-02-10")})
    assert (f"exams/td.csv: no test/attempt column: the title line names the set '{TD3_KEY}' of Tutorials Dojo, "
            f"so its sittings are '{TD3_KEY} <date> [td]'") in stderr


@pytest.mark.parametrize("title, attempt, provider", [
    ("Practice Test 3 and Practice Test 4 compared\nExported on 2026-02-10", "two-sets", None),  # two sets: the file
    ("Practice Test 3\nPractice Test 4\nExported on 2026-02-10", "two-sets", None),  # two lines, two sets
    ("Cohort export, spring 2026\nExported on 2026-02-10", "two-sets", None),  # no set named: the file, as before
    ("Udemy - Tutorials Dojo - Practice Test 3\nExported on 2026-02-10",  # two platforms: keyed without one
     "Udemy - Tutorials Dojo - Practice Test 3 2026-02-10 [two-sets]", None),
])
def test_a_title_naming_no_single_set_leaves_the_file_name(tmp_path, title, attempt, provider):
    from sources.registry import parse_file

    path = tmp_path / "two-sets.csv"
    path.write_text(f"{title}\n\nQ#,Domain,Result\n1,{DOMAINS[0]},Correct\n", encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers["attempt_id"].tolist() == [attempt]
    assert answers["provider"].tolist() == [provider]


def test_pages_loaded_by_rules_20_are_read_again_as_one_set(tmp_path):
    """READING_RULES 20 keyed each page by its file name (two sets); the next run reads both again once."""
    from tests.helpers_workspace import ingest, new_workspace
    from tests.test_reading_rules import staged_attempts

    ws = new_workspace(tmp_path / "ws")
    for name, day in (("td-feb10.csv", "2026-02-10"), ("practice-again.csv", "2026-02-17")):
        (ws.inbox / "exams" / name).write_text(review_page(TD3, day))
    ingest(ws, "r1")
    with duckdb.connect(str(ws.db_path)) as con:  # as rules 20 left them
        con.execute("UPDATE raw.answers SET attempt_id = CASE WHEN taken_at < '2026-02-15' THEN 'td-feb10' "
                    "ELSE 'practice-again' END, provider = NULL")
        con.execute("UPDATE raw.file_events SET rules = 20")
    assert staged_attempts(ws.db_path) == [("practice-again", 10), ("td-feb10", 10)]
    assert [r.status for r in ingest(ws, "r2")] == ["replaced", "replaced"]
    assert staged_attempts(ws.db_path) == [(f"{TD3_KEY} 2026-02-10 [td-feb10]", 10),
                                           (f"{TD3_KEY} 2026-02-17 [practice-again]", 10)]
    assert [r.status for r in ingest(ws, "r3")] == ["unchanged", "unchanged"]
