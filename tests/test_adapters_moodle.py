"""Moodle quiz Grades export with its question → domain map."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sources import moodle, moodle_question_map
from sources.canonical import ANSWERS
from sources.registry import detect, parse_file

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def test_grades_export_with_map():
    adapter, tables = parse_file(INPUTS / "moodle_grades.csv")
    answers = tables["answers"]
    assert adapter is moodle
    assert list(answers.columns) == ANSWERS + ["correct_text", "line", "cells", "extra_cells", "learner_id",
                                                "learner_name"]
    assert dict(zip(answers["learner_id"], answers["learner_name"])) == {"alex@example.com": "Alex Doe",
                                                                         "sam@example.com": "Sam Lee"}
    assert len(answers) == 18  # 3 finished attempts × 6 questions; in-progress and average rows skipped
    assert answers["attempt_id"].nunique() == 3
    assert answers["taken_at"].min() == pd.Timestamp("2026-02-09 21:05")
    first = answers[answers["line"] == 2]
    # 1.00, 0.00, 1.00, '-' (not answered), 2.00 of 2, 0.50 of 1 (partial)
    assert first["correct"].tolist() == [True, False, True, False, True, False]
    assert first["domain_label"].iloc[0] == "Domain 1: Data Ingestion and Transformation"
    assert first["task_label"].tolist() == ["1.1", "1.3", "2.1", "2.4", "3.2", "4.2"]
    assert answers["correct"].isna().sum() == 1  # "Requires grading"
    assert any("skipped" in w for w in answers.attrs["warnings"])


def test_map_file_is_detected_and_loads_no_rows():
    adapter, tables = parse_file(INPUTS / "moodle_grades_map.csv")
    assert adapter is moodle_question_map and tables == {}
    mapping = moodle_question_map.read_map(INPUTS / "moodle_grades_map.csv")
    assert mapping["question"].tolist() == ["1", "2", "3", "4", "5", "6"]


def test_without_map_domains_stay_empty_with_a_warning(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "quiz.csv")
    answers = parse_file(tmp_path / "quiz.csv")[1]["answers"]
    assert len(answers) == 18 and answers["domain_label"].isna().all()
    assert any("no question→domain map" in w for w in answers.attrs["warnings"])


def test_map_named_after_the_export_wins(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "week1.csv")
    (tmp_path / "week1-map.csv").write_text("question,domain\n1,Domain 3\n", encoding="utf-8")
    (tmp_path / "other-map.csv").write_text("question,domain\n1,Domain 4\n", encoding="utf-8")
    answers = parse_file(tmp_path / "week1.csv")[1]["answers"]
    assert set(answers.loc[answers["question_id"] == "1", "domain_label"]) == {"Domain 3"}
    assert detect(tmp_path / "other-map.csv") is moodle_question_map


@pytest.mark.parametrize("maps, picked", [
    (["week1-map.csv", "week10-map.csv"], "week1-map.csv"),  # week10 is not named after week1
    (["week10-map.csv", "week11-map.csv"], None),  # several, none named after it
    (["week10-map.csv"], "week10-map.csv"),  # the only map in the folder
    (["Week1_Map.csv", "week12-map.csv"], "Week1_Map.csv"),
    (["week1 domains.csv", "week2 domains.csv"], "week1 domains.csv"),
    (["week1-map.csv", "week1-b-map.csv"], "week1-map.csv"),  # named exactly <export>-map wins
    (["week1-a-map.csv", "week1-b-map.csv"], None),  # two named after it: no clear one
    (["week1map.csv", "week2-map.csv"], None),  # no separator: not named after it
])
def test_a_map_is_named_after_the_export_by_its_name_then_a_separator(maps, picked):
    folder = Path("inbox/exams")
    assert moodle_question_map.pick_map(folder / "week1.csv", [folder / m for m in maps]) == (
        folder / picked if picked else None)


@pytest.mark.parametrize("beside, picked", [
    (["week1.csv", "week1-map.csv"], None),  # week1's map, not week2's
    (["week1.xlsx.csv", "week1-map.csv"], "week1-map.csv"),  # named after no file there
    (["notes.md", "week1-map.csv"], "week1-map.csv"),
    (["week1-map.csv"], "week1-map.csv"),  # the only map, its export gone: as documented, the only map is used
    (["domains.xlsx", "domains.csv"], "domains.csv"),  # the map's own spreadsheet is no export
    (["week1.csv~", "week1-map.csv"], "week1-map.csv"),  # a backup named like an export, not one
])
def test_a_lone_map_named_after_another_export_beside_it_is_not_this_ones(tmp_path, beside, picked):
    """A teacher's week1.csv and week1-map.csv, then week2.csv without a map: week2's answers took week 1's domains."""
    grades = (INPUTS / "moodle_grades.csv").read_bytes()
    for name in ["week2.csv", *beside]:
        is_map = "map" in name or name == "domains.csv"
        (tmp_path / name).write_bytes(b"question,domain\n1,Domain 3\n" if is_map else
                                      grades if name in ("week1.csv", "week2.csv") else b"x\n")
    assert moodle_question_map.find_map(tmp_path / "week2.csv") == (tmp_path / picked if picked else None)
    assert moodle.companions(tmp_path / "week2.csv", moodle_question_map.map_files(tmp_path)) == (
        [tmp_path / picked] if picked else [])

@pytest.mark.parametrize("maps, reason", [
    (["week1-a-map.csv", "week1-b-map.csv"], "2 question→domain maps are named after this Moodle export "
                                             "(week1-a-map.csv, week1-b-map.csv); keep one, or name the one that "
                                             "goes with it week1-map.csv"),
    (["week10-map.csv", "week11-map.csv"], "2 question→domain maps are in its folder (week10-map.csv, "
                                           "week11-map.csv) and none is named after this Moodle export; name its "
                                           "map week1-map.csv"),
    (["week2-map.csv", "week2.csv"], "the question→domain map in its folder, week2-map.csv, is named after "
                                      "week2.csv, another export; add this one's as week1-map.csv"),
])
def test_without_a_clear_map_the_reason_says_which_to_rename(tmp_path, maps, reason):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "week1.csv")
    for name in maps:  # a map, or another export
        (tmp_path / name).write_bytes(b"question,domain\n1,Domain 3\n" if "map" in name
                                      else (INPUTS / "moodle_grades.csv").read_bytes())
    assert reason in moodle.no_map_reason(tmp_path / "week1.csv")


def test_mark_rules():
    assert moodle.mark_correct("1.00", 1.0) is True
    assert moodle.mark_correct("0,50", 1.0) is False
    assert moodle.mark_correct("-", 1.0) is False
    assert moodle.mark_correct("Requires grading", 1.0) is None


def test_companions_are_the_map_find_map_picks(tmp_path):
    shutil.copyfile(INPUTS / "moodle_grades.csv", tmp_path / "week1.csv")
    assert moodle.companions(tmp_path / "week1.csv") == []
    (tmp_path / "a-map.csv").write_text("question,domain\n1,Domain 3\n", encoding="utf-8")
    assert moodle.companions(tmp_path / "week1.csv") == [tmp_path / "a-map.csv"]
    (tmp_path / "b-map.csv").write_text("question,domain\n1,Domain 4\n", encoding="utf-8")
    assert moodle.companions(tmp_path / "week1.csv") == []  # several, none named after it: no map
    (tmp_path / "week1-map.csv").write_text("question,domain\n1,Domain 2\n", encoding="utf-8")
    maps = moodle_question_map.map_files(tmp_path)
    assert maps == [tmp_path / n for n in ("a-map.csv", "b-map.csv", "week1-map.csv")]
    assert moodle.companions(tmp_path / "week1.csv", maps) == [tmp_path / "week1-map.csv"]
    assert moodle_question_map.find_map(tmp_path / "week1.csv") == tmp_path / "week1-map.csv"


# A teacher's Grades export names several students: each attempt goes to its student as learner id,
# as Toggl/Clockify team exports do (sources/time_tracker.py); a learner's own export names one.
HEADER = 'Surname,"First name","Email address",State,"Started on",Completed,Grade/2.00,"Q. 1 /1.00","Q. 2 /1.00"\n'
AVERAGE = '"Overall average",,,,,,1.00,0.50,0.50\n'


def _attempt(surname, first, email, started="9 February 2026  9:05 PM", state="Finished"):
    return f'{surname},{first},{email},{state},"{started}",-,1.00,1.00,0.00\n'


@pytest.mark.parametrize("rows, learners, attempts", [
    pytest.param([_attempt("Doe", "Alex", "alex@example.com"), _attempt("Lee", "Sam", "sam@example.com")],
                 ["alex@example.com", "sam@example.com"],
                 ["moodle-p6db61e6d-20260209T2105", "moodle-pcd25a617-20260209T2105"], id="emails"),
    pytest.param([_attempt("Doe", "Alex", ""), _attempt("Doe", "Jo", "")],  # emails hidden: names tell
                 ["Alex Doe", "Jo Doe"], ["moodle-doe-20260209T2105", "moodle-doe-20260209T2105"],
                 id="same surname, same minute, no emails"),
    pytest.param([_attempt("Doe", "Alex", "a@example.com"), _attempt("Doe", "Alex", "")],  # one email missing
                 None, ["moodle-p08168cd8-20260209T2105", "moodle-doe-20260209T2105"],  # the surname stands in
                 id="one person, one email blank"),
    pytest.param([_attempt("Doe", "Alex", "alex@example.com"),
                  _attempt("Doe", "Alex", "alex@example.com", started="16 February 2026, 8:00 PM")],
                 None, ["moodle-p6db61e6d-20260209T2105", "moodle-p6db61e6d-20260216T2000"],
                 id="own export"),
    pytest.param([_attempt("Doe", "Alex", "alex@example.com"),
                  _attempt("Lee", "Sam", "sam@example.com", started="17 February 2026  6:45 PM", state="In progress")],
                 ["alex@example.com"], ["moodle-p6db61e6d-20260209T2105"],
                 id="the other student only in progress"),
])
def test_several_people_each_get_their_learner_id(tmp_path, rows, learners, attempts):
    path = tmp_path / "grades.csv"
    path.write_text(HEADER + "".join(rows) + AVERAGE, encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    per_attempt = answers.drop_duplicates("line")
    assert per_attempt["attempt_id"].tolist() == attempts
    if learners is None:
        assert list(answers.columns) == ANSWERS + ["correct_text", "line", "cells", "extra_cells"]
        assert not any("learner id" in w for w in answers.attrs["warnings"])
    else:
        by_email = ["learner_name"] if "@" in learners[0] else []  # the name beside it (raw.learner_names)
        assert list(answers.columns) == ANSWERS + ["correct_text", "line", "cells", "extra_cells", "learner_id",
                                                   *by_email]
        assert per_attempt["learner_id"].tolist() == learners
        assert answers.groupby("line")["learner_id"].nunique().eq(1).all()  # every question of an attempt


def test_names_without_an_email_column(tmp_path):
    path = tmp_path / "grades.csv"
    text = (INPUTS / "moodle_grades.csv").read_text(encoding="utf-8")
    path.write_text(text.replace(',"Email address"', "").replace(",alex@example.com", "")
                    .replace(",sam@example.com", "").replace('"Overall average",,,', '"Overall average",,'),
                    encoding="utf-8")
    answers = parse_file(path)[1]["answers"]
    assert answers.drop_duplicates("line")[["attempt_id", "learner_id"]].values.tolist() == [
        ["moodle-doe-20260209T2105", "Alex Doe"], ["moodle-doe-20260216T2000", "Alex Doe"],
        ["moodle-lee-20260210T0712", "Sam Lee"]]
    assert "2 people (first name and surname): each attempt is stored under its person as learner id" \
        in answers.attrs["warnings"]


def test_the_fixture_names_alex_and_sam(tmp_path):
    answers = parse_file(INPUTS / "moodle_grades.csv")[1]["answers"]
    assert answers["learner_id"].value_counts().to_dict() == {"alex@example.com": 12, "sam@example.com": 6}
    assert "2 people (email address): each attempt is stored under its person as learner id" \
        in answers.attrs["warnings"]


def test_a_class_export_stores_each_student_under_their_own_learner(tmp_path):
    from tests.helpers_workspace import ingest, new_workspace
    from warehouse.connection import open_warehouse, read_sql

    ws = new_workspace(tmp_path / "ws", learner="me")
    for name in ("moodle_grades.csv", "moodle_grades_map.csv"):
        shutil.copy(INPUTS / name, ws.inbox / "exams" / name)
    reports = {r.path: r for r in ingest(ws, "r1")}
    assert (reports["exams/moodle_grades.csv"].status, reports["exams/moodle_grades.csv"].rows_loaded) == ("loaded", 17)
    with open_warehouse(ws.db_path) as con:
        for model in ("staging/current_loads.sql", "staging/answer_exports.sql", "staging/answers.sql"):
            con.execute(read_sql(model))
        staged = con.execute("SELECT learner_id, attempt_id, count(*) FROM staging.answers "
                             "GROUP BY ALL ORDER BY ALL").fetchall()
        raw_learners = con.execute("SELECT learner_id, count(*) FROM raw.answers GROUP BY ALL ORDER BY ALL").fetchall()
    assert staged == [("alex@example.com", "moodle-p6db61e6d-20260209T2105", 6),
                      ("alex@example.com", "moodle-p6db61e6d-20260216T2000", 6),
                      ("sam@example.com", "moodle-pcd25a617-20260210T0712", 5)]  # Q6 awaits grading
    assert raw_learners == [("alex@example.com", 12), ("sam@example.com", 6)]  # none under "me"


def test_a_class_export_with_one_email_blank_keys_by_email_and_holds_that_row_back(tmp_path):
    """One blank email used to re-key the whole export by name (week 1 by email, week 2 by name: each
    student two learners); now Email keys every row and the row without one is quarantined."""
    from tests.helpers_workspace import ingest, new_workspace
    from warehouse.connection import open_warehouse

    ws = new_workspace(tmp_path / "ws", learner="me")
    shutil.copy(INPUTS / "moodle_grades_map.csv", ws.inbox / "exams" / "moodle_grades_map.csv")
    text = (INPUTS / "moodle_grades.csv").read_text()
    (ws.inbox / "exams" / "moodle_grades.csv").write_text(text.replace("sam@example.com", ""))
    report = {r.path: r for r in ingest(ws, "r1")}["exams/moodle_grades.csv"]
    with open_warehouse(ws.db_path) as con:
        learners = con.execute("SELECT DISTINCT learner_id FROM raw.answers ORDER BY 1").fetchall()
        held = con.execute("SELECT DISTINCT check_name, reason FROM raw.quarantine WHERE check_name = 'learner_named'"
                           ).fetchall()
    assert learners[0] == ("alex@example.com",) and ("Sam Roe",) not in learners and ("Alex Doe",) not in learners
    assert report.rows_loaded == 12 and held == [("learner_named", "names no learner in a file that names its "
                                                                    "learners (1 person): its Email address is blank "
                                                                    "(name 'Sam Lee'); fill in the student's email in "
                                                                    "Moodle (their profile) and export the Grades "
                                                                    "report again")]
