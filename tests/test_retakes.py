"""Retakes of a practice set: later sittings of the same questions are weak evidence ('retake').

The reviewer's scenario runs through the real pipeline (files → staging → marts.domain_evidence →
marts.readiness / marts.forecast); the SQL's rule (which sitting is a set's first) is also checked
on hand-made staging tables.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import numpy as np
import pandas as pd
import pytest

from readiness.model import ModelParams, estimate_domains, pass_probabilities
from readiness.params import EXAM_STYLE_SOURCES, RETAKE_WEIGHT
from sources.blueprint import load_blueprint
from warehouse.connection import read_sql
from warehouse.readiness_marts import evidence_frame

BP = load_blueprint("DEA-C01")
DOMAINS = ["Domain 1: Data Ingestion and Transformation", "Domain 2: Data Store Management",
           "Domain 3: Data Operations and Support", "Domain 4: Data Security and Governance"]
PER_DOMAIN = [22, 17, 14, 12]  # a 65-question mock by domain weight


def sitting_lines(name: str, when: datetime, accuracy: float, extra_column: bool = False) -> str:
    """One sitting of the fixed 65-question set `name` as a per-question export: in each domain the
    first round(accuracy × questions) questions right (so every domain is at `accuracy`)."""
    header = "Exam,Date,Platform,Question,Domain,Correct" + (",Seconds" if extra_column else "")
    lines = [header]
    for d, n in enumerate(PER_DOMAIN):
        right = round(accuracy * n)
        for q in range(n):
            lines.append(f"{name},{when:%Y-%m-%d %H:%M},Tutorials Dojo,D{d + 1}Q{q + 1},{DOMAINS[d]},"
                         f"{'TRUE' if q < right else 'FALSE'}" + (",60" if extra_column else ""))
    return "\n".join(lines) + "\n"


def run_workspace(root, files: dict[str, str]):
    """A new workspace with these exam files, run once through the refresh job; its warehouse path."""
    from tests.helpers_workspace import new_workspace, run_refresh

    ws = new_workspace(root)
    for name, text in files.items():
        (ws.inbox / "exams" / name).write_text(text)
    outcome = run_refresh(ws)
    assert {f["status"] for f in outcome.files} <= {"loaded", "replaced"}, outcome.files
    return ws


@pytest.fixture(scope="module")
def reviewer_workspace(tmp_path_factory):
    """'TD Set 1' (65 fixed questions) sat 20 times, every 2 days, accuracy 55% → 100%; sitting 5 is
    also exported a second time (another file, one more column): the same sitting, one attempt."""
    first = datetime.combine(datetime.now().date() - timedelta(days=50), datetime.min.time()) + timedelta(hours=19)
    days = [first + timedelta(days=2 * k) for k in range(20)]
    accuracy = np.linspace(0.55, 1.0, 20)
    files = {f"td-set-1-{k + 1:02d}.csv": sitting_lines("TD Set 1", day, acc)
             for k, (day, acc) in enumerate(zip(days, accuracy))}
    files["td-set-1-05-again.csv"] = sitting_lines("TD Set 1", days[4], accuracy[4], extra_column=True)
    ws = run_workspace(tmp_path_factory.mktemp("retakes") / "ws", files)
    return ws, days


def test_reviewer_scenario_reads_near_the_first_sitting(reviewer_workspace):
    ws, days = reviewer_workspace
    last = days[-1].date()
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        sources = dict(con.execute("SELECT source, count(DISTINCT attempt_id) FROM marts.domain_evidence "
                                   "GROUP BY 1").fetchall())
        first = con.execute("SELECT DISTINCT attempt_id FROM marts.domain_evidence WHERE source = 'mock'").fetchall()
        attempts = con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]
        readiness = con.execute("SELECT domain_id, readiness, low, high, questions FROM marts.readiness "
                                "WHERE as_of = ? ORDER BY domain_id", [last]).df()
        passing = con.execute("SELECT pass_probability FROM marts.forecast WHERE as_of = ?", [last]).fetchone()[0]
        evidence = evidence_frame(con)
    assert sources == {"mock": 1, "retake": 19}
    assert first == [(f"TD Set 1 {days[0]:%Y-%m-%d %H:%M}",)]
    assert attempts == 20  # the attempts mart (and its pages) still list every sitting
    assert len(list(ws.site_dir.glob("attempt-TD-Set-1-*.html"))) == 20  # one page per sitting
    assert list(readiness["questions"]) == PER_DOMAIN  # fresh exam-style answers: the first sitting's

    # The first sitting alone (the same model as of the same day): ~56% per domain, pass ~0.04.
    fresh = estimate_domains(evidence[evidence.source != "retake"], BP, last)
    fresh_pass = pass_probabilities(fresh, BP).iloc[0]
    assert fresh["readiness"].between(50, 62).all() and fresh_pass < 0.1
    # With the retakes: near that level (each domain within 8 points, inside the first sitting's band)
    # and a pass probability far below the 0.99+ the retakes gave when counted as fresh mocks.
    gap = readiness["readiness"].to_numpy() - fresh["readiness"].to_numpy()
    assert (gap >= 0).all() and (gap < 8).all(), gap
    assert (readiness["readiness"].to_numpy() < fresh["high"].to_numpy()).all()
    assert passing < 0.25, passing

    # The same files weighed as fresh mocks (the defect): far higher. So the scenario tests something.
    as_mocks = estimate_domains(evidence.replace({"source": {"retake": "mock"}}), BP, last)
    assert pass_probabilities(as_mocks, BP).iloc[0] > 0.85
    assert (as_mocks["readiness"] > readiness["readiness"].to_numpy() + 10).all()


def test_a_re_export_of_one_sitting_is_one_attempt(reviewer_workspace):
    ws, days = reviewer_workspace
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        rows = con.execute("SELECT source, sum(total) FROM marts.domain_evidence WHERE attempt_id = ? GROUP BY 1",
                           [f"TD Set 1 {days[4]:%Y-%m-%d %H:%M}"]).fetchall()
        attempts = con.execute("SELECT count(*) FROM (SELECT DISTINCT attempt_id FROM marts.domain_evidence)").fetchone()
    assert rows == [("retake", 65.0)]  # once, not twice; a retake of the first sitting, not a sitting of its own
    assert attempts == (20,)


def test_different_sets_the_same_day_are_fresh_and_a_same_day_retake_is_not(tmp_path):
    day = datetime.combine(datetime.now().date() - timedelta(days=3), datetime.min.time())
    files = {"set1.csv": sitting_lines("TD Set 1", day + timedelta(hours=9), 0.6),
             "set2.csv": sitting_lines("TD Set 2", day + timedelta(hours=11), 0.6),
             "set1-again.csv": sitting_lines("TD Set 1", day + timedelta(hours=20), 0.9),
             "summary.csv": "Exam,Date,Platform,Knowledge Area,Correct,Questions\n"
                            + "".join(f"Official Set,{when:%Y-%m-%d},Skill Builder,{DOMAINS[d]},{c},{n}\n"
                                      for when, c in ((day - timedelta(days=9), 3), (day - timedelta(days=2), 6))
                                      for d, n in enumerate([7, 7, 6, 5]))}
    ws = run_workspace(tmp_path / "ws", files)
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = dict(con.execute("SELECT attempt_id, string_agg(DISTINCT source) FROM marts.domain_evidence "
                               "GROUP BY 1").fetchall())
        attempts = con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]
    assert got == {f"TD Set 1 {day:%Y-%m-%d} 09:00": "mock", f"TD Set 2 {day:%Y-%m-%d} 11:00": "mock",
                   f"TD Set 1 {day:%Y-%m-%d} 20:00": "retake",
                   f"Official Set {day - timedelta(days=9):%Y-%m-%d}": "summary",
                   f"Official Set {day - timedelta(days=2):%Y-%m-%d}": "retake"}
    assert attempts == 5


STAGING = """
CREATE SCHEMA staging; CREATE SCHEMA marts; CREATE SCHEMA raw;
CREATE TABLE staging.answers (learner_id VARCHAR, domain_id INTEGER, task_id VARCHAR, attempt_id VARCHAR,
                              taken_at TIMESTAMP, source VARCHAR, correct BOOLEAN, question_id VARCHAR,
                              provider VARCHAR, load_id VARCHAR DEFAULT 'load-1');
CREATE TABLE raw.file_events (load_id VARCHAR, path VARCHAR);
INSERT INTO raw.file_events VALUES ('load-1', 'exams/quiz-1-grades.csv'), ('load-2', 'exams/quiz-2-grades.csv');
CREATE TABLE staging.domain_scores (learner_id VARCHAR, domain_id INTEGER, attempt_id VARCHAR,
                                    taken_at TIMESTAMP, correct DOUBLE, total DOUBLE, provider VARCHAR);
"""


def evidence_sources(answers: list[tuple], summaries: list[tuple] = ()) -> dict[tuple[str, str], str]:
    """marts.domain_evidence built by its SQL from these staging rows: {(learner, attempt): sources}.
    An answer row is (learner, attempt, taken_at, source[, question_id[, provider[, load_id]]]); the question is
    'q1' if not given, the provider none, the load 'load-1' (exams/quiz-1-grades.csv; 'load-2' is
    exams/quiz-2-grades.csv). A summary row is (learner, attempt, taken_at[, provider])."""
    con = duckdb.connect()
    con.execute(STAGING)
    if answers:
        con.executemany("INSERT INTO staging.answers VALUES (?, 1, NULL, ?, ?, ?, true, ?, ?, ?)",
                        [tuple(row) + ("q1", None, "load-1")[len(row) - 4:] for row in answers])
    if summaries:
        con.executemany("INSERT INTO staging.domain_scores VALUES (?, 1, ?, ?, 3, 5, ?)",
                        [tuple(row) + (None,)[len(row) - 3:] for row in summaries])
    con.execute(read_sql("marts/domain_evidence.sql"))
    rows = con.execute("SELECT learner_id, attempt_id, string_agg(DISTINCT source ORDER BY source) "
                       "FROM marts.domain_evidence GROUP BY 1, 2").fetchall()
    return {(learner, attempt): sources for learner, attempt, sources in rows}


T = pd.Timestamp("2026-03-01 09:00")


@pytest.mark.parametrize("order", [1, -1], ids=["as-listed", "reversed"])
def test_ties_on_the_first_time_go_to_the_smaller_id_whatever_the_row_order(order):
    rows = [("a", "S 2026-03-01 09:00", T, "mock"), ("a", "S 2026-03-01 09:05", T, "mock")][::order]
    assert evidence_sources(rows) == {("a", "S 2026-03-01 09:00"): "mock", ("a", "S 2026-03-01 09:05"): "retake"}


def test_the_first_sitting_is_the_earliest_not_the_smallest_id():
    rows = [("a", "S 2026-03-05", T + pd.Timedelta(days=4), "mock"),
            ("a", "S 2026-03-02 08:00", T - pd.Timedelta(hours=1), "mock")]  # a set name may also sort oddly
    assert evidence_sources(rows) == {("a", "S 2026-03-02 08:00"): "mock", ("a", "S 2026-03-05"): "retake"}


def test_each_learner_has_their_own_first_sitting_and_other_sources_are_left_alone():
    rows = [("a", "S 2026-03-01", T, "mock"), ("b", "S 2026-03-03", T + pd.Timedelta(days=2), "mock"),
            ("a", "S 2026-03-03", T + pd.Timedelta(days=2), "mock"),
            ("a", "anki-2026-03-01", T, "anki"), ("a", "anki-2026-03-02", T + pd.Timedelta(days=1), "anki"),
            ("a", "moodle-a-20260301T0900", T, "moodle", "1", None, "load-1"),
            ("a", "moodle-a-20260302T0900", T, "moodle", "1", None, "load-2"),
            ("a", "mock-01", T, "mock"), ("a", "mock-02", T, "mock")]
    assert evidence_sources(rows) == {
        ("a", "S 2026-03-01"): "mock", ("b", "S 2026-03-03"): "mock", ("a", "S 2026-03-03"): "retake",
        ("a", "anki-2026-03-01"): "anki", ("a", "anki-2026-03-02"): "anki",
        ("a", "moodle-a-20260301T0900"): "moodle", ("a", "moodle-a-20260302T0900"): "moodle",
        ("a", "mock-01"): "mock", ("a", "mock-02"): "mock"}


def test_a_later_attempt_of_one_moodle_quiz_is_a_retake_per_learner():
    """A Moodle Grades report is one quiz: a learner's second finished attempt in it repeats its questions
    (Q. 1, Q. 2 …). Another quiz's file and another learner's attempts are first sittings of their own."""
    day = pd.Timedelta(days=1)
    rows = [(who, f"moodle-{who}-2026030{k}T0900", T + k * day, "moodle", q, "Moodle", load)
            for who, k, load in (("a", 1, "load-1"), ("a", 2, "load-1"), ("a", 3, "load-2"), ("b", 2, "load-1"))
            for q in ("1", "2")]
    assert evidence_sources(rows) == {("a", "moodle-a-20260301T0900"): "moodle",
                                      ("a", "moodle-a-20260302T0900"): "retake",
                                      ("a", "moodle-a-20260303T0900"): "moodle",
                                      ("b", "moodle-b-20260302T0900"): "moodle"}


def test_summaries_retakes_and_a_bare_set_name():
    """Answers and a summary of one sitting keep their sources; a summary can be a per-question set's
    retake; an attempt named just as the set is a sitting of it."""
    answers = [("a", "TD Set 1", T, "mock"), ("a", "TD Set 1 2026-03-04", T + pd.Timedelta(days=3), "mock")]
    answers += [("a", "P 2026-03-01 09:00", T, "mock")]
    summaries = [("a", "TD Set 1 2026-03-04", T + pd.Timedelta(days=3)), ("a", "Other 2026-03-04", T),
                 ("a", "Other 2026-03-04", T), ("a", "P 2026-03-06", T + pd.Timedelta(days=5))]
    assert evidence_sources(answers, summaries) == {("a", "TD Set 1"): "mock",
                                                    ("a", "TD Set 1 2026-03-04"): "retake",
                                                    ("a", "Other 2026-03-04"): "summary",
                                                    ("a", "P 2026-03-01 09:00"): "mock",
                                                    ("a", "P 2026-03-06"): "retake"}


@pytest.mark.parametrize("later_questions, source", [(["q1", "q9"], "retake"), (["q7", "q8"], "mock")])
def test_a_dated_name_is_a_retake_only_if_it_repeats_a_question_of_the_first(later_questions, source):
    """'Mock exam 2026-02-01.csv' and 'Mock exam 2026-02-08.csv' (no Exam column: the file names are
    the ids) read like two sittings of one set; only shared questions say they are."""
    first = [("a", "Mock exam 2026-02-01", T, "mock", q) for q in ("q1", "q2")]
    later = [("a", "Mock exam 2026-02-08", T + pd.Timedelta(days=7), "mock", q) for q in later_questions]
    assert evidence_sources(first + later) == {("a", "Mock exam 2026-02-01"): "mock",
                                               ("a", "Mock exam 2026-02-08"): source}


def test_a_sitting_without_a_time_comes_after_every_dated_one():
    rows = [("a", "S 2026-03-01", None, "mock"), ("a", "S 2026-03-09", T + pd.Timedelta(days=8), "mock")]
    assert evidence_sources(rows) == {("a", "S 2026-03-01"): "retake", ("a", "S 2026-03-09"): "mock"}


def test_retakes_weigh_little_and_are_not_counted_as_questions():
    params = ModelParams()
    assert params.source_weight("retake") == RETAKE_WEIGHT < params.source_weight("mock")
    assert "retake" not in EXAM_STYLE_SOURCES
    rows = pd.DataFrame({"learner_id": "a", "domain_id": 1, "task_id": None,
                         "taken_at": [T, T], "correct": [10.0, 20.0],  # the same age: the same recency
                         "total": [20.0, 20.0], "source": ["mock", "retake"]})
    got = estimate_domains(rows, BP, T + pd.Timedelta(days=2), params).set_index("domain_id").loc[1]
    alone = estimate_domains(rows.iloc[:1], BP, T + pd.Timedelta(days=2), params).set_index("domain_id").loc[1]
    assert got["questions"] == 20
    assert got["effective_n"] == pytest.approx(alone["effective_n"] * (1 + RETAKE_WEIGHT))
    assert 0 < got["readiness"] - alone["readiness"] < 2


def timed_answers(export: str, start: datetime) -> str:
    """`sitting_lines` with each answer's own time: two minutes after the one before it."""
    header, *lines = export.splitlines()
    return "\n".join([header] + [line.replace(f"{start:%Y-%m-%d %H:%M}", f"{start + timedelta(minutes=2 * k):%Y-%m-%d %H:%M}")
                                  for k, line in enumerate(lines)]) + "\n"


def test_sittings_inside_one_file_are_attempts_and_later_ones_retakes(tmp_path):
    """The reported file: 'Practice Test 1' sat a week apart in one export (each answer with its own
    time), and another set sat twice in one day in a file of dates alone: four attempts, not two."""
    first = datetime.combine(datetime.now().date() - timedelta(days=14), datetime.min.time()) + timedelta(hours=19)
    timed = [timed_answers(sitting_lines("Practice Test 1", when, accuracy), when)
             for when, accuracy in ((first, 0.55), (first + timedelta(days=7), 0.85))]
    day = first.date() + timedelta(days=2)
    twice = sitting_lines("TD Set 2", datetime.combine(day, datetime.min.time()), 0.6).splitlines()
    twice += twice[1:]
    ws = run_workspace(tmp_path / "ws", {"pt1.csv": timed[0] + timed[1].split("\n", 1)[1],
                                         "set2.csv": "\n".join(twice) + "\n"})
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = dict(con.execute("SELECT attempt_id, string_agg(DISTINCT source) || ' ' || sum(total)::INTEGER "
                               "FROM marts.domain_evidence GROUP BY 1").fetchall())
        held = con.execute("SELECT count(*) FROM raw.quarantine").fetchone()[0]
        attempts = con.execute("SELECT count(DISTINCT attempt_id) FROM marts.attempts").fetchone()[0]
    assert got == {f"Practice Test 1 {first:%Y-%m-%d %H:%M}": "mock 65",
                   f"Practice Test 1 {first + timedelta(days=7):%Y-%m-%d %H:%M}": "retake 65",
                   f"TD Set 2 {day:%Y-%m-%d}": "mock 65", f"TD Set 2 {day:%Y-%m-%d} (2)": "retake 65"}
    assert (held, attempts) == (0, 4)
    assert len(list(ws.site_dir.glob("attempt-*.html"))) == 4


def test_a_numbered_same_minute_sitting_is_a_retake_of_the_first():
    rows = [("a", "S 2026-03-01", T, "mock"), ("a", "S 2026-03-01 (2)", T, "mock"), ("a", "S 2026-03-01 (3)", T, "mock")]
    assert evidence_sources(rows) == {("a", "S 2026-03-01"): "mock", ("a", "S 2026-03-01 (2)"): "retake",
                                      ("a", "S 2026-03-01 (3)"): "retake"}


def test_a_set_is_keyed_by_its_platform_when_the_export_names_one():
    """Tutorials Dojo, Udemy and Skill Builder all number their tests 'Practice Test 1': another platform's
    test of that name is a first sitting; the same platform's (case and spaces aside) a retake; sittings
    naming no platform (blank or no column) keep the key of the name alone (review item 2)."""
    rows = [("a", "Practice Test 1 2026-03-01 19:00", T, "mock", "1", "Tutorials Dojo"),
            ("a", "Practice Test 1 2026-03-08 19:00", T + pd.Timedelta(days=7), "mock", "1", "Udemy"),
            ("a", "Practice Test 1 2026-03-09 19:00", T + pd.Timedelta(days=8), "mock", "1", " udemy"),
            ("a", "Practice Test 1 2026-03-10 19:00", T + pd.Timedelta(days=9), "mock", "1", "Tutorials Dojo"),
            ("a", "Practice Test 1", T + pd.Timedelta(days=10), "mock", "1", "Skill Builder"),
            ("a", "Practice Test 1 2026-03-12", T + pd.Timedelta(days=11), "mock", "1"),
            ("a", "Practice Test 1 2026-03-13", T + pd.Timedelta(days=12), "mock", "1", "")]
    summaries = [("a", "Official 2026-03-01", T, "Skill Builder"), ("a", "Official 2026-03-05", T, "Udemy"),
                 ("a", "Official 2026-03-09", T + pd.Timedelta(days=8), "skill builder")]
    assert evidence_sources(rows, summaries) == {
        ("a", "Practice Test 1 2026-03-01 19:00"): "mock", ("a", "Practice Test 1 2026-03-08 19:00"): "mock",
        ("a", "Practice Test 1 2026-03-09 19:00"): "retake", ("a", "Practice Test 1 2026-03-10 19:00"): "retake",
        ("a", "Practice Test 1"): "mock", ("a", "Practice Test 1 2026-03-12"): "mock",
        ("a", "Practice Test 1 2026-03-13"): "retake", ("a", "Official 2026-03-01"): "summary",
        ("a", "Official 2026-03-05"): "summary", ("a", "Official 2026-03-09"): "retake"}


def test_a_retake_names_the_sitting_and_set_it_repeats():
    rows = [("a", "S 2026-03-01 09:00", T, "mock", "q1", "Udemy"),
            ("a", "S 2026-03-04 09:00", T + pd.Timedelta(days=3), "mock", "q1", "Udemy")]
    con = duckdb.connect()
    con.execute(STAGING)
    con.executemany("INSERT INTO staging.answers VALUES (?, 1, NULL, ?, ?, ?, true, ?, ?, 'load-1')", rows)
    con.execute(read_sql("marts/domain_evidence.sql"))
    got = con.execute("SELECT attempt_id, source, provider, retake_of, retake_set FROM marts.domain_evidence "
                      "ORDER BY taken_at").fetchall()
    assert got == [("S 2026-03-01 09:00", "mock", "Udemy", None, None),
                   ("S 2026-03-04 09:00", "retake", "Udemy", "S 2026-03-01 09:00", "S")]


@pytest.mark.parametrize("rows, expected", [
    ([("a", "quiz", T, "mock"), ("a", "quiz (1)", T, "mock")], {"quiz": "mock", "quiz (1)": "retake"}),
    ([("a", "quiz (1)", T, "mock"), ("a", "Quiz", T + pd.Timedelta(days=1), "mock")],
     {"quiz (1)": "mock", "Quiz": "retake"}),  # the earlier sitting is the first, whichever name it has
    ([("a", "quiz", T, "mock", "q1"), ("a", "quiz (1)", T, "mock", "q7")], {"quiz": "mock", "quiz (1)": "mock"}),
    ([("a", "quiz (2)", T, "mock")], {"quiz (2)": "mock"}),  # no 'quiz' beside it
    ([("a", "quiz", T, "mock"), ("b", "quiz (1)", T, "mock")], {"quiz": "mock", "quiz (1)": "mock"}),
], ids=["saved-again", "first-by-time", "other-questions", "alone", "other-learner"])
def test_a_file_saved_again_by_a_browser_is_a_retake_of_the_quiz_it_repeats(rows, expected):
    """'quiz (1).csv' beside 'quiz.csv' (a file without a set or date column: its name is its id), found by an
    exploratory pass: the same 5 answers saved again by Excel counted twice, as two full sittings."""
    assert {attempt: source for (_, attempt), source in evidence_sources(rows).items()} == expected
