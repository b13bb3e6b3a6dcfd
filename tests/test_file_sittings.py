"""A per-question file without a set/attempt column (the file's name is the attempt) is split into sittings
as a set is (sources/sittings.py file_sitting_ids; the bulk path: warehouse/bulk_sittings.py).

Before, such a file was one attempt dated by its first row: a daily log's answers counted as of its first
day, and a daily drill's repeated questions were held back as duplicates (review of 2 Dec 2026, item 1).
"""
from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import duckdb
import pytest

from sources.registry import parse_file
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_ingest import _both_paths

HEADER = "Date,Question,Domain,Correct\n"


def rows(when: list[str], questions: list[str], learners: list[str] | None = None) -> str:
    who = [f"{w}," for w in learners] if learners else [""] * len(when)
    return "".join(f"{p}{w},{q},Domain 1,true\n" for p, w, q in zip(who, when, questions))


def parsed(path):
    frame = parse_file(path)[1]["answers"]
    return frame["attempt_id"].tolist(), frame.attrs["warnings"]


def note(count: int) -> str:
    return (f"no test/attempt column: its rows form {count} sittings by their times (a break over 3 h or a "
            f"repeated question), each its own attempt dated by its first row")


@pytest.mark.parametrize("header, body, ids, sittings", [
    # one sitting (no break over 3 h, no repeat): the file's name, as before, and nothing said
    (HEADER, rows(["2026-05-01 19:00", "2026-05-01 19:02", "2026-05-01 21:59"], ["Q1", "Q2", "Q3"]), ["log"] * 3, 1),
    # a log over days: each day's rows one sitting, dated by its first row
    (HEADER, rows(["2026-05-01 19:00", "2026-05-01 19:02", "2026-05-04 08:30", "2026-05-04 08:31"],
                  ["Q1", "Q2", "Q3", "Q4"]), ["log 2026-05-01 19:00"] * 2 + ["log 2026-05-04 08:30"] * 2, 2),
    # a drill repeating its questions each day: split by the break, not held back as duplicates
    (HEADER, rows(["2026-05-01 19:00", "2026-05-01 19:01", "2026-05-02 19:00", "2026-05-02 19:01"], ["Q1", "Q2"] * 2),
     ["log 2026-05-01 19:00"] * 2 + ["log 2026-05-02 19:00"] * 2, 2),
    # dates without a time: the day is the sitting's start; a repeated question the same day begins another
    (HEADER, rows(["2026-05-01"] * 4 + ["2026-05-02"], ["Q1", "Q2", "Q1", "Q2", "Q1"]),
     ["log 2026-05-01"] * 2 + ["log 2026-05-01 (2)"] * 2 + ["log 2026-05-02"], 3),
    # a row whose date cannot be read keeps the file's name (and is held for its date)
    (HEADER, rows(["2026-05-01 10:00", "soon", "2026-05-03 10:00"], ["Q1", "Q2", "Q3"]),
     ["log 2026-05-01 10:00", "log", "log 2026-05-03 10:00"], 2),
    # a cohort file: each learner's rows on their own; one sitting keeps the name
    ("Student," + HEADER, rows(["2026-05-01 10:00", "2026-05-01 10:00", "2026-05-08 10:00"], ["Q1", "Q1", "Q2"],
                               ["ana", "ben", "ana"]), ["log 2026-05-01 10:00", "log", "log 2026-05-08 10:00"], 3),
])
def test_a_file_named_attempt_splits_into_sittings(tmp_path, header, body, ids, sittings):
    path = tmp_path / "log.csv"
    path.write_text(header + body)
    got, warnings = parsed(path)
    assert got == ids
    assert (note(sittings) in warnings) == (sittings > 1)


def test_a_file_without_dates_or_sets_splits_at_a_repeated_question_on_its_day(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Question,Domain,Correct\n" + "".join(f"Q{q},Domain 1,true\n" for q in (1, 2, 1, 2)))
    stamp = datetime(2026, 5, 3, 10, 0).timestamp()
    os.utime(path, (stamp, stamp))
    assert parsed(path)[0] == ["log 2026-05-03"] * 2 + ["log 2026-05-03 (2)"] * 2


PAGE = "Provider,Question,Domain,Correct\n"  # no date column: every row is dated by the file (a no-data line too)


def page(questions: str, learner: str = "") -> str:
    return "".join(f"{learner}TD,Q{q},Domain 1,true\n" for q in questions)


@pytest.mark.parametrize("table, text, ids, sittings", [
    # a '#' line between the rows of one sitting: its first cell, in the Provider column, named no second platform
    ("answers", PAGE + page("12") + "# page 2\n" + page("34"), ["log"] * 5, 1),
    ("answers", PAGE + page("12") + "Page 2 of 3\n" + page("34"), ["log"] * 5, 1),  # a page line without '#'
    # three pages of one export pasted with their headers (`cat`): the header lines repeat no question
    ("answers", PAGE + page("12") + PAGE + page("34") + PAGE + page("5"), ["log"] * 7, 1),
    # two exports of the set sat twice that day: two sittings by the repeated questions, the header in neither
    ("answers", PAGE + page("12") + PAGE + page("12"),
     ["log 2026-05-03"] * 2 + ["log"] + ["log 2026-05-03 (2)"] * 2, 2),
    # a cohort export: the header again names no learner whose rows would be a sitting of their own
    ("answers", "Student," + PAGE + page("12", "ana,") + "Student," + PAGE + page("34", "ana,"), ["log"] * 5, 1),
    # a per-domain summary: a '#' line between its domains
    ("domain_scores", "Provider,Domain,Score %\nTD,Domain 1,60%\n# page 2\nTD,Domain 2,70%\n", ["log"] * 3, 1),
], ids=["hash line", "page line", "header of 3 pages", "two exports", "cohort header", "summary hash line"])
def test_lines_held_as_no_data_form_no_sitting(tmp_path, table, text, ids, sittings):
    """A repeated header, a '#' line or a page line (sources/ragged_rows.no_data) is held back for that alone: it is
    in no sitting. Before 7 Dec 2026 (a page line: before READING_RULES 38) each such line of a file without a date
    column was one (its Provider cell a second platform, its learner cell another learner, its header cells a
    question), and the warning said 'its rows form 2 sittings' of one."""
    path = tmp_path / "log.csv"
    path.write_text(text)
    stamp = datetime(2026, 5, 3, 10, 0).timestamp()
    os.utime(path, (stamp, stamp))
    frame = parse_file(path)[1][table]
    assert frame["attempt_id"].tolist() == ids
    said = [w for w in frame.attrs["warnings"] if "sittings by their times" in w]
    assert said == ([note(sittings).replace("question)", "domain)" if table == "domain_scores" else "question)")]
                    if sittings > 1 else [])


def test_an_attempt_column_is_kept_as_written(tmp_path):
    """A file naming its attempts (the bench cohort's `attempt`) takes neither split."""
    path = tmp_path / "log.csv"
    path.write_text("Attempt," + HEADER + "".join(f"a1,2026-05-0{d} 10:00,Q1,Domain 1,true\n" for d in (1, 4)))
    assert parsed(path) == (["a1", "a1"], [])


def daily(repeating: bool, pad: int = 0, start: datetime = datetime(2026, 9, 1, 19, 1)) -> str:
    """The review's logs: 5 questions every 3rd day from 2026-09-01 19:01 to 2026-11-27 (30 sessions);
    question ids 1-5 each session (a daily drill) or new ones; `pad` characters of an ignored Notes cell."""
    out = ["Date,Question,Domain,Correct" + (",Notes" if pad else "")]
    domain = "Data Ingestion and Transformation" if repeating else "Data Store Management"
    for session in range(30):
        for i in range(5):
            when = start + timedelta(days=3 * session, minutes=i)
            question = i + 1 if repeating else 5 * session + i + 1
            out.append(f"{when:%Y-%m-%d %H:%M},{question},{domain},{'yes' if (session + i) % 3 else 'no'}"
                       + ("," + "x" * pad if pad else ""))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("repeating", [False, True])
def test_daily_logs_give_the_same_rows_on_the_bulk_path(tmp_path, monkeypatch, repeating):
    csv = tmp_path / "daily-log.csv"
    csv.write_text(daily(repeating, start=datetime(2026, 1, 5, 7, 30)))  # before test_bulk_ingest.NOW
    db, report = _both_paths(tmp_path, csv, monkeypatch)  # asserts the same report and raw rows
    assert (report.rows_loaded, report.rows_quarantined) == (150, 0)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT attempt_id) FROM raw.answers").fetchone()[0] == 30


def staging_rows(root) -> list[tuple]:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute("SELECT * EXCLUDE (load_id) FROM staging.answers ORDER BY ALL").fetchall()


def test_a_daily_log_counts_each_session_on_its_day_on_both_paths(tmp_path):
    """Both review inputs through `examready run`: 30 attempts each, nothing held back, readiness as of the
    first day counts that day's answers; files over the bulk size (padded with an ignored column) give the
    same staging rows; a second run changes nothing."""
    ws, big = new_workspace(tmp_path / "ws"), new_workspace(tmp_path / "big")
    for repeating, name in ((False, "daily-log.csv"), (True, "daily-log-repeating-ids.csv")):
        (ws.inbox / "exams" / name).write_text(daily(repeating))
        (big.inbox / "exams" / name).write_text(daily(repeating, pad=30_000))
        assert (big.inbox / "exams" / name).stat().st_size >= 4 * 1024 * 1024  # bulk_answers.MIN_BYTES
    runs = [run_cli("run", "-w", str(ws.root)), run_cli("run", "-w", str(big.root))]
    for proc in runs:
        for name in ("daily-log.csv", "daily-log-repeating-ids.csv"):
            assert f"exams/{name} (per_question_csv): 150 loaded, 0 quarantined" in proc.stdout
            assert f"examready: exams/{name}: {note(30)}\n" in proc.stderr
    assert "row by row" not in runs[1].stderr
    assert f"! answers: {note(30)}\n" in run_cli("inspect", str(ws.inbox / "exams" / "daily-log.csv")).stdout
    with duckdb.connect(str(big.db_path), read_only=True) as con:
        # the bulk path's checks (the row path checks 150 rows with Great Expectations: too few for its SQL form)
        assert con.execute("SELECT DISTINCT engine FROM raw.validation_results").fetchall() == [("duckdb_sql",)]
    assert staging_rows(ws.root) == staging_rows(big.root)
    assert len(staging_rows(ws.root)) == 300
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT count(*), min(taken_at) FROM marts.attempts").fetchone() == \
            (60, datetime(2026, 9, 1, 19, 1))
        sources = con.execute("SELECT attempt_id LIKE 'daily-log-repeating-ids%', source, count(*) "
                              "FROM marts.domain_evidence GROUP BY ALL ORDER BY ALL").fetchall()
        assert con.execute("SELECT count(*) FROM raw.quarantine").fetchone()[0] == 0
    # the log's sessions are fresh mocks; the drill's later sessions repeat its questions: retakes
    assert sources == [(False, "mock", 30), (True, "mock", 1), (True, "retake", 29)]
    first_day = run_json("readiness", "-w", str(ws.root), "--as-of", date(2026, 9, 1).isoformat())
    assert [(d["id"], d["questions"]) for d in first_day["domains"]] == [(1, 5), (2, 5), (3, 0), (4, 0)]
    before = staging_rows(ws.root)
    again = run_cli("run", "-w", str(ws.root))
    assert "unchanged exams/daily-log.csv (per_question_csv)" in again.stdout
    assert staging_rows(ws.root) == before


SUMMARY = ("Date,Knowledge Area,Score %,Questions\n"  # the review's D3: two sittings' 'Score by category' pasted
           "2026-11-20,Data Ingestion and Transformation,60%,10\n2026-11-20,Data Store Management,70%,10\n"
           "2026-11-20,Overall,65%,20\n2026-11-27,Data Ingestion and Transformation,80%,10\n"
           "2026-11-27,Data Store Management,90%,10\n2026-11-27,Overall,85%,20\n")


@pytest.mark.parametrize("body, ids, sittings", [
    # one sitting: the file's name, as before, and nothing said
    (SUMMARY.split("2026-11-27")[0], ["sum"] * 3, 1),
    # two dates: each its own attempt, dated by its first row
    (SUMMARY, ["sum 2026-11-20"] * 3 + ["sum 2026-11-27"] * 3, 2),
    # one date, a domain named again: the next sitting that day
    (SUMMARY.replace("2026-11-27", "2026-11-20"), ["sum 2026-11-20"] * 3 + ["sum 2026-11-20 (2)"] * 3, 2),
])
def test_a_file_named_summary_splits_into_sittings(tmp_path, body, ids, sittings):
    """A per-domain summary without a set/attempt column: the same rule, the domain as the item that repeats."""
    path = tmp_path / "sum.csv"
    path.write_text(body)
    frame = parse_file(path)[1]["domain_scores"]
    assert frame["attempt_id"].tolist() == ids
    assert (note(sittings).replace("question)", "domain)") in frame.attrs["warnings"]) == (sittings > 1)


def test_a_summary_of_two_sittings_counts_both_through_run(tmp_path):
    """The review's D3 through `examready run`: two attempts, 4 domain rows counted, the 2 Overall rows kept on
    purpose, nothing held back as a duplicate; the later sitting of the file's set is a retake (docs/model.md:
    summaries list no question ids); a second run changes nothing."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "summary-noset.csv").write_text(SUMMARY)
    proc = run_cli("run", "-w", str(ws.root))
    assert "exams/summary-noset.csv (domain_summary_csv): 4 loaded, 2 quarantined" in proc.stdout
    assert f"examready: exams/summary-noset.csv: {note(2).replace('question)', 'domain)')}\n" in proc.stderr
    held = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert held.startswith("held back: 0 lines (0 reasons) in 0 files, 0 rejected files, "
                           "2 summary rows kept on purpose (nothing to fix)")
    assert "duplicate" not in held

    def marts():
        with duckdb.connect(str(ws.db_path), read_only=True) as con:
            return con.execute("SELECT attempt_id, taken_at, source, sum(correct), sum(total) "
                               "FROM marts.domain_evidence GROUP BY ALL ORDER BY ALL").fetchall()
    before = marts()
    assert before == [("summary-noset 2026-11-20", datetime(2026, 11, 20), "summary", 13, 20),
                      ("summary-noset 2026-11-27", datetime(2026, 11, 27), "retake", 17, 20)]
    again = run_cli("run", "-w", str(ws.root))
    assert "unchanged exams/summary-noset.csv (domain_summary_csv)" in again.stdout
    assert marts() == before
