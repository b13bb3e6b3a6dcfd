"""A class export keyed by display names (the Email column blank) makes a second learner for each person
another file names beside their email: `examready run` and `examready learners` say so, naming the file
and the email, and leave both learners as they are (docs/cohorts.md)."""
from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.test_cohort_learners import MAP, _moodle

TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,"
         "Amount ()\n" + "".join(f"{user},{email},,DEA-C01,Domain 1,Glue ETL,No,2026-11-02,07:00:00,2026-11-02,"
                                 "07:45:00,00:45:00,aws,\n" for user, email in (("Ana Diaz", "ana@class.example"),
                                                                               ("Ben Ode", "ben@class.example"))))
CLOCKIFY = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,"
            "Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n" + "".join(
                f"DEA-C01,,Redshift tuning,Domain 2,{user},,,aws,No,11/16/2026,07:15:00 PM,11/16/2026,08:00:00 PM,"
                "00:45:00,0.75,0.00,0.00\n" for user in ("Ana Diaz", "Ben Ode")))


def said(name: str, email: str, files: str, named_in: str) -> str:
    return (f"'{name}' ({files}) is the name of {email} in {named_in}: one person as two learners? export {files} "
            "again with emails shown (the Email column) and run again")


def class_ws(tmp_path, files: dict[str, str]):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n")
    for name, text in files.items():
        (root / "inbox" / name).write_text(text, encoding="utf-8")
    return root


def warnings(stderr: str) -> list[str]:
    return [line.removeprefix("Warning: ") for line in stderr.splitlines() if "is the name of" in line]


def test_a_team_export_without_emails_is_named_beside_the_one_with_them(tmp_path):
    root = class_ws(tmp_path, {"hours/toggl-team.csv": TOGGL, "hours/clockify-team.csv": CLOCKIFY})
    expected = [said(name, email, "hours/clockify-team.csv", "hours/toggl-team.csv")
                for name, email in (("Ana Diaz", "ana@class.example"), ("Ben Ode", "ben@class.example"))]
    assert warnings(run_cli("run", "-w", str(root)).stderr) == expected
    learners = run_cli("learners", "-w", str(root))
    assert warnings(learners.stderr) == expected
    assert "Ana Diaz" in learners.stdout and "ana@class.example" in learners.stdout  # warned of, not merged
    data = json.loads(run_cli("learners", "-w", str(root), "--json").stdout)
    assert data["names_of_emails"][0] == {"learner": "Ana Diaz", "emails": ["ana@class.example"],
                                          "files": ["hours/clockify-team.csv"], "named_in": ["hours/toggl-team.csv"]}
    assert data["warnings"] == expected


def test_a_moodle_export_with_emails_names_the_people_of_a_toggl_export_without(tmp_path):
    toggl = TOGGL.replace("ana@class.example", "").replace("ben@class.example", "").replace("Ben Ode", "Ben Kay")
    root = class_ws(tmp_path, {"hours/week.csv": toggl, "exams/quiz-map.csv": MAP,
                               "exams/quiz.csv": _moodle(("Diaz", "Ana", "ana@class.example"),
                                                         ("Ode", "Ben", "ben@class.example"))})
    assert warnings(run_cli("run", "-w", str(root)).stderr) == [
        said("Ana Diaz", "ana@class.example", "hours/week.csv", "exams/quiz.csv")]  # Ben Kay is no one's name
