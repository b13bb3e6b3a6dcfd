"""Class exports: every row goes to the right learner, one spelling per person, on every path (docs/cohorts.md)."""
from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from sources.blueprint import load_blueprint
from sources.learners import learner_key
from tests import test_bulk_ingest as answers_paths
from tests import test_bulk_sessions as sessions_paths
from tests.test_bulk_ingest import messy_csv
from warehouse import validation
from warehouse.connection import open_warehouse
from warehouse.ingest import ingest_inbox

NFC, NFD = "Zoë Ålund", unicodedata.normalize("NFD", "Zoë Ålund")
TOGGL = sessions_paths.TOGGL
MOODLE = ('Surname,"First name","Email address",State,"Started on",Completed,"Time taken",Grade/2.00,'
          '"Q. 1 /1.00","Q. 2 /1.00"\n')
MAP = "question,domain\n1,Data Ingestion and Transformation\n2,Data Store Management\n"
NO_LEARNER = "names no learner in a file that names its learners"


@pytest.mark.parametrize("cell, key", [
    ("Student08@Bootcamp.io", "student08@bootcamp.io"),
    ("  student08@bootcamp.io\t", "student08@bootcamp.io"),
    (NFD, NFC),
    (f" {NFC} ", NFC),
    ("Sam Roe", "Sam Roe"),  # a display name keeps its case
    ("Ben  Ode", "Ben Ode"), ("Ben\u00a0Ode", "Ben Ode"), ("Ben \t Ode ", "Ben Ode"),  # one person, however spaced
    ("student07@bootcamp.io\u200b", "student07@bootcamp.io"), ("\ufeffstudent08@bootcamp.io", "student08@bootcamp.io"),
    ("Ben\u200b Ode", "Ben Ode"), ("Zoe\u00ad\u200eLund", "ZoeLund"),  # characters that show as nothing
    ("", None), ("   ", None), (None, None),
])
def test_learner_key(cell, key):
    assert learner_key(cell) == key


def _moodle(*people: tuple[str, str, str]) -> str:
    return MOODLE + "".join(f'{surname},{first},{email},Finished,"9 November 2026  9:0{i} PM",'
                            f'"9 November 2026  9:3{i} PM","26 mins",1.00,1.00,0.00\n'
                            for i, (surname, first, email) in enumerate(people))


def _toggl(*people: tuple[str, str], day: str = "2026-11-03") -> str:
    return ",".join(TOGGL) + "\n" + "".join(
        f"{user},{email},,DEA-C01,Domain 1,Glue ETL jobs,No,{day},0{7 + i}:00:00,{day},0{7 + i}:30:00,00:30:00,aws,\n"
        for i, (user, email) in enumerate(people))


def _per_question(*learners: str) -> str:
    return "learner_id,attempt,taken_at,question,domain,correct\n" + "".join(
        f"{who},mock-0{i + 1},2026-11-02 19:00,{q},Data Store Management,true\n"
        for i, who in enumerate(learners) for q in (1, 2))


CASES = {  # the reviewer's cases: files by inbox path -> (learners stored, {file: (loaded, quarantined)})
    "moodle and toggl name people by email alike": (
        {"exams/class.csv": _moodle(("Doe", "Alex", "alex@example.com"), ("Roe", "Sam", "sam@example.com")),
         "exams/class-map.csv": MAP,
         "hours/team.csv": _toggl(("Alex Doe", "alex@example.com"), ("Sam Roe", "sam@example.com"))},
        {"alex@example.com", "sam@example.com"}, {"exams/class.csv": (4, 0), "hours/team.csv": (2, 0)}),
    "an email's case": (
        {"exams/case.csv": _per_question("Student08@bootcamp.io", "student08@bootcamp.io", "sam@example.com")},
        {"student08@bootcamp.io", "sam@example.com"}, {"exams/case.csv": (6, 0)}),
    "a name's Unicode form": (
        {"exams/nfd.csv": _per_question(NFD, NFC, "sam@example.com")}, {NFC, "sam@example.com"},
        {"exams/nfd.csv": (6, 0)}),
    "a name's inner spaces": (  # a Toggl team export and a class file spacing one name two ways: one person
        {"exams/spaced.csv": _per_question("Ben  Ode", "Ben\u00a0Ode", "sam@example.com"),
         "hours/team.csv": _toggl(("Ben Ode", ""), ("Sam Roe", ""))},
        {"Ben Ode", "Sam Roe", "sam@example.com"}, {"exams/spaced.csv": (6, 0), "hours/team.csv": (2, 0)}),
    "a toggl entry without a user": (  # Email names the people: Kim Poe (no email) names no learner
        {"hours/team.csv": _toggl(("Alex Doe", "alex@example.com"), ("Sam Roe", "sam@example.com"),
                                  ("Kim Poe", ""), ("", "lee@example.com"))},
        {"alex@example.com", "sam@example.com", "lee@example.com", "instructor"}, {"hours/team.csv": (3, 1)}),
    "a moodle attempt without an email": (
        {"exams/week2.csv": _moodle(("Doe", "Alex", "alex@example.com"), ("Roe", "Sam", ""),
                                    ("Poe", "Kim", "kim@example.com")), "exams/week2-map.csv": MAP},
        {"alex@example.com", "kim@example.com", "instructor"}, {"exams/week2.csv": (4, 2)}),
    "a per-question row without a learner": (
        {"exams/blank.csv": _per_question("alex@example.com", "", "sam@example.com")},
        {"alex@example.com", "sam@example.com", "instructor"}, {"exams/blank.csv": (4, 2)}),
    "a per-question file naming one learner, a row without": (
        {"exams/blank.csv": _per_question("alex@example.com", "")},
        {"alex@example.com", "instructor"}, {"exams/blank.csv": (2, 2)}),
    "a one-person moodle export is the workspace learner's": (
        {"exams/makeup.csv": _moodle(("Doe", "Alex", "alex@example.com")), "exams/makeup-map.csv": MAP},
        {"instructor"}, {"exams/makeup.csv": (2, 0)}),
    "a per-domain summary naming its students": (  # before: every row the workspace learner's, unsaid
        {"exams/summary.csv": "Student,Exam,Date,Domain,Correct,Total\n"
                              "ana@class.example,TD 2,2026-11-25,Domain 1,15,22\nana@class.example,TD 2,2026-11-25,Domain 2,10,17\n"
                              "Ben@Class.example,TD 2,2026-11-25,Domain 1,5,22\nben@class.example,TD 2,2026-11-25,Domain 2,4,17\n"},
        {"ana@class.example", "ben@class.example"}, {"exams/summary.csv": (4, 0)}),
    "a one-person summary is the workspace learner's": (  # as a one-person Toggl or Moodle export
        {"exams/mine.csv": "User,Exam,Date,Domain,Correct,Total\nSam Roe,TD 2,2026-11-25,Domain 1,15,22\n"},
        {"instructor"}, {"exams/mine.csv": (1, 0)}),
    "a per-question file keyed by full name": (
        {"exams/names.csv": _per_question("Ana Diaz", "Ben Ode").replace("learner_id,", "Full name,")},
        {"Ana Diaz", "Ben Ode"}, {"exams/names.csv": (4, 0)}),
    "a plain study log naming its students": (  # before: every entry the workspace learner's, 'student' not read
        {"hours/log.csv": "date,minutes,topic,student\n2026-11-25,30,Glue jobs,ana@class.example\n"
                          "2026-11-25,45,Kinesis,Ben@Class.example\n2026-11-26,20,Athena,ben@class.example\n"},
        {"ana@class.example", "ben@class.example"}, {"hours/log.csv": (3, 0)}),
    "a one-person plain study log is the workspace learner's": (
        {"hours/mine.csv": "date,minutes,topic,learner\n2026-11-25,30,Glue jobs,Sam Roe\n2026-11-26,20,EMR,Sam Roe\n"},
        {"instructor"}, {"hours/mine.csv": (2, 0)}),
    "a one-person toggl export is the workspace learner's": (
        {"hours/mine.csv": _toggl(("Sam Learner", "sam@example.com"), ("Sam Learner", "sam@example.com"))},
        {"instructor"}, {"hours/mine.csv": (2, 0)}),
}


@pytest.mark.parametrize("files, learners, counts", CASES.values(), ids=CASES.keys())
def test_each_row_is_stored_under_its_learner(tmp_path: Path, files, learners, counts):
    for name, text in files.items():
        (tmp_path / "inbox" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "inbox" / name).write_text(text, encoding="utf-8")
    with open_warehouse(tmp_path / "warehouse.duckdb") as con:
        reports = ingest_inbox(con, tmp_path / "inbox", load_blueprint("DEA-C01"), "instructor", "run-1",
                               now=datetime(2026, 12, 1))
        stored = {r[0] for r in con.execute("SELECT learner_id FROM raw.answers UNION SELECT learner_id FROM "
                                            "raw.study_sessions UNION SELECT learner_id FROM raw.domain_scores").fetchall()}
        reasons = {r[0] for r in con.execute("SELECT reason FROM raw.quarantine").fetchall()}
    assert stored == learners  # a quarantined row is kept in raw (under the workspace's learner), not counted
    assert {r.path: (r.rows_loaded, r.rows_quarantined) for r in reports if r.path in counts} == counts
    assert all(NO_LEARNER in reason for reason in reasons)
    assert bool(reasons) == any(q for _, q in counts.values())


def _rows_naming_no_one(csv: Path) -> int:
    """Rows whose first cell (the learner) is blank, not counting rows of empty cells (skipped)."""
    return sum(1 for line in csv.read_text().splitlines()[1:] if line.startswith(",") and line.strip(","))


SPELLINGS = ("Student08@Bootcamp.io", " student08@bootcamp.io", NFD, NFC, f"{NFC[:3]}  {NFC[4:]}")


@pytest.mark.parametrize("sql_engine", [False, True])
def test_per_question_ids_are_the_same_on_both_paths(tmp_path, monkeypatch, capsys, sql_engine):
    """The bulk path (DuckDB, files of 4 MiB or more; forced here) stores the ids the pandas path stores."""
    if sql_engine:
        monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_csv(tmp_path / "class.csv", rows=600, learners=SPELLINGS)
    db, report = answers_paths._both_paths(tmp_path, csv, monkeypatch)
    assert "row by row" not in capsys.readouterr().err  # the bulk path took it
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.answers").fetchall()}
    assert stored == {"student08@bootcamp.io", NFC}


def test_per_question_rows_naming_no_one_are_quarantined_on_both_paths(tmp_path, monkeypatch, capsys):
    csv = messy_csv(tmp_path / "class.csv", rows=600, learners=("ana", "ben", ""))
    db, report = answers_paths._both_paths(tmp_path, csv, monkeypatch)
    assert "row by row" not in capsys.readouterr().err
    with duckdb.connect(str(db), read_only=True) as con:
        blank = con.execute("SELECT count(DISTINCT line) FROM raw.quarantine WHERE check_name = 'learner_named' "
                            "AND reason = ?", [f"{NO_LEARNER} (2 people)"]).fetchall()[0][0]
    assert blank == _rows_naming_no_one(csv) > 0


@pytest.mark.parametrize("users, learners", [
    ([NFD, NFC, "ben", "Ben "], {NFC, "ben", "Ben"}),  # a display name: its Unicode form, not its case
])
def test_team_export_ids_are_the_same_on_both_paths(tmp_path, monkeypatch, capsys, users, learners):
    """Toggl's bulk path (files of 1 MiB or more; forced here) stores the ids the pandas path stores."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    header = [h for h in TOGGL if h != "Email"]  # User keys the people
    csv = sessions_paths.messy_export(tmp_path / "team.csv", header, users)
    bulk, taken = sessions_paths._both_paths(tmp_path, monkeypatch, csv)
    assert taken == [bulk] and "row by row" not in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.study_sessions").fetchall()}
    assert stored == learners


@pytest.mark.parametrize("cohort, learners", [(False, {"me"}), (True, {"sam learner@bootcamp.example"})])
def test_a_one_person_export_is_read_alike_on_both_paths(tmp_path, monkeypatch, capsys, cohort, learners):
    from sources.learners import class_workspace

    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = sessions_paths.messy_export(tmp_path / "week.csv", TOGGL, ["Sam Learner"])
    with class_workspace(cohort):
        bulk, taken = sessions_paths._both_paths(tmp_path, monkeypatch, csv)
    assert taken == [bulk] and "row by row" not in capsys.readouterr().err
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        assert {r[0] for r in con.execute("SELECT DISTINCT learner_id FROM raw.study_sessions").fetchall()} == learners


@pytest.mark.parametrize("sql_engine", [False, True])
def test_team_entries_naming_no_one_are_quarantined_not_given_to_the_workspace(tmp_path, monkeypatch, capsys,
                                                                              sql_engine):
    """One blank User in a class export: that entry is quarantined, the others stay their learners'."""
    if sql_engine:
        monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    header = [h for h in TOGGL if h != "Email"]
    csv = sessions_paths.messy_export(tmp_path / "team.csv", header, ["ana", "ben", "cleo", ""], odd=0.0)
    bulk, taken = sessions_paths._both_paths(tmp_path, monkeypatch, csv)
    with duckdb.connect(str(tmp_path / "bulk.duckdb"), read_only=True) as con:
        named = con.execute("SELECT count(*) FROM raw.quarantine WHERE check_name = 'learner_named'").fetchall()[0][0]
        engines = {r[0] for r in con.execute("SELECT engine FROM raw.validation_results").fetchall()}
        learners = dict(con.execute("SELECT learner_id, count(*) FROM raw.study_sessions GROUP BY 1").fetchall())
    assert named == _rows_naming_no_one(csv) > 0
    assert engines == {"duckdb_sql" if sql_engine else "great_expectations"}
    assert set(learners) == {"ana", "ben", "cleo", "me"} and learners["me"] == named  # only they are in raw as "me"


def test_rows_stored_under_an_old_spelling_are_respelled_when_their_file_is_read_again(tmp_path, monkeypatch):
    """Raw is append-only: an earlier version's rows keep their spelling until a new export of the file
    replaces their load (docs/cohorts.md)."""
    from warehouse import ingest

    inbox = tmp_path / "inbox"
    (inbox / "exams").mkdir(parents=True)
    csv = inbox / "exams" / "class.csv"
    csv.write_text(_per_question("Student08@bootcamp.io", "sam@example.com"), encoding="utf-8")
    bp, now = load_blueprint("DEA-C01"), datetime(2026, 12, 1)
    with open_warehouse(tmp_path / "warehouse.duckdb") as con:
        with monkeypatch.context() as old:  # as an earlier version stored them: as written
            old.setattr(ingest, "learner_keys", lambda cells: cells)
            ingest_inbox(con, inbox, bp, "instructor", "run-1", now=now)
        csv.write_text(_per_question("Student08@bootcamp.io", "sam@example.com", "kim@example.com"), encoding="utf-8")
        [report] = ingest_inbox(con, inbox, bp, "instructor", "run-2", now=now)
        by_load = con.execute("SELECT load_id, list(DISTINCT learner_id ORDER BY learner_id) FROM raw.answers "
                              "GROUP BY load_id").fetchall()
        latest = con.execute("SELECT load_id FROM raw.file_events WHERE path = 'exams/class.csv' "
                             "ORDER BY recorded_at DESC LIMIT 1").fetchall()[0][0]
    assert report.status == "replaced"
    assert dict(by_load)[latest] == ["kim@example.com", "sam@example.com", "student08@bootcamp.io"]
    assert ["Student08@bootcamp.io", "sam@example.com"] in dict(by_load).values()  # the old load, as stored


@pytest.mark.parametrize("people, mine, theirs", [
    # three people (by User), Email names one: Email keys the file, the rows without one name no one
    ([("Ana", "ana@x.io"), ("Ben", ""), ("Cleo", "")], ["ana@x.io", None, None], ["ana@x.io", None, None]),
    ([("Ana", ""), ("Ben", ""), ("Cleo", "")], ["Ana", "Ben", "Cleo"], ["Ana", "Ben", "Cleo"]),  # no emails
    # one person: the workspace learner's own export, or (class workspace) that person's, by email
    ([("Sam Roe", "Sam@X.io"), ("Sam Roe", "sam@x.io")], None, ["sam@x.io", "sam@x.io"]),
    ([("Sam Roe", ""), ("Sam Roe", "")], None, ["Sam Roe", "Sam Roe"]),
])
def test_which_column_keys_a_team_export(tmp_path, people, mine, theirs):
    from sources.learners import class_workspace
    from sources.registry import parse_file

    path = tmp_path / "team.csv"
    path.write_text(_toggl(*people), encoding="utf-8")
    for cohort, ids in ((False, mine), (True, theirs)):
        with class_workspace(cohort):
            sessions = parse_file(path)[1]["study_sessions"]
        assert (sessions["learner_id"].tolist() if "learner_id" in sessions else None) == ids


ONE_PERSON = {"exams/makeup.csv": _moodle(("Doe", "Alex", "Alex@Example.com")), "exams/makeup-map.csv": MAP,
              "hours/week.csv": _toggl(("Sam Roe", "sam@example.com"), ("Sam Roe", "sam@example.com")),
              "exams/own.csv": _per_question("kim@example.com")}


@pytest.mark.parametrize("setting, learners", [
    ("", {"instructor", "kim@example.com"}),  # a learner's own workspace: one-person exports are theirs
    ("cohort: true\n", {"alex@example.com", "sam@example.com", "kim@example.com"}),  # a class's: each person's
])
def test_a_class_workspace_stores_a_one_person_file_under_that_person(tmp_path, setting, learners):
    """Through `examready init` and `examready run` (Dagster): the workspace setting reaches every format."""
    from tests.conftest import run_cli, run_json

    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + setting)
    for name, text in ONE_PERSON.items():
        (root / "inbox" / name).write_text(text, encoding="utf-8")
    report = run_json("run", "-w", str(root))
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT learner_id FROM raw.answers UNION SELECT learner_id FROM "
                                            "raw.study_sessions UNION SELECT learner_id FROM raw.domain_scores").fetchall()}
    assert stored == learners
    assert sum(f["rows_quarantined"] for f in report["files"]) == 0
