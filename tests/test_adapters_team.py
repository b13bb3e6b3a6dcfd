"""Time-tracker team exports: entries of several people go to their own learners."""
from __future__ import annotations

from pathlib import Path

import pytest

from sources.registry import parse_file

TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,"
         "Duration,Tags,Amount ()\n")
CLOCKIFY = ("Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
            "End Date,End Time,Duration (h),Duration (decimal)\n")


def _email(user: str, emails: bool) -> str:
    return f"{user.lower()}@x.example" if emails else ""


def _toggl(users, emails: bool = True):
    return TOGGL + "".join(f"{u},{_email(u, emails)},,DEA,,Glue,No,2026-10-0{i + 1},09:00:00,"
                           f"2026-10-0{i + 1},09:30:00,00:30:00,,\n" for i, u in enumerate(users))


def _clockify(users, emails: bool = True):
    return CLOCKIFY + "".join(f"DEA,,Kinesis,,{u},,{_email(u, emails)},,No,10/0{i + 1}/2026,09:00:00 AM,"
                              f"10/0{i + 1}/2026,09:45:00 AM,00:45:00,0.75\n" for i, u in enumerate(users))


@pytest.mark.parametrize("make", [_toggl, _clockify])
@pytest.mark.parametrize("users, emails, ids", [
    (["learner-001", "learner-002", "learner-001"], True,  # Email names the people: it keys them
     ["learner-001@x.example", "learner-002@x.example", "learner-001@x.example"]),
    (["Learner-001", "learner-002", "learner-001"], True,  # an email's case does not make another person
     ["learner-001@x.example", "learner-002@x.example", "learner-001@x.example"]),
    (["learner-001", "learner-002", "learner-001"], False,  # no emails: User (the display name) keys them
     ["learner-001", "learner-002", "learner-001"]),
])
def test_team_export_keeps_each_persons_entries_apart(tmp_path: Path, make, users, emails, ids):
    path = tmp_path / "team.csv"
    path.write_text(make(users, emails))
    assert parse_file(path)[1]["study_sessions"]["learner_id"].tolist() == ids


@pytest.mark.parametrize("make", [_toggl, _clockify])
def test_own_export_belongs_to_the_workspace_learner(tmp_path: Path, make):
    path = tmp_path / "mine.csv"
    path.write_text(make(["Sam Learner", "Sam Learner"]))
    assert "learner_id" not in parse_file(path)[1]["study_sessions"].columns


def test_cohort_rows_are_validated_per_learner(tmp_path: Path):
    """Two learners may share an attempt id and study at the same time: neither is a duplicate."""
    from datetime import datetime

    from sources.blueprint import load_blueprint
    from warehouse.mapping import MAPPERS
    from warehouse.validation import validate_batch

    bp = load_blueprint("DEA-C01")
    answers = tmp_path / "cohort.csv"
    answers.write_text("learner_id,attempt_id,taken_at,provider,question_id,domain,correct\n"
                       "ana,Mock 1,2026-10-01,TD,Q1,1,true\nben,Mock 1,2026-10-01,TD,Q1,1,false\n"
                       "ana,Mock 1,2026-10-01,TD,Q1,1,true\n")
    hours = tmp_path / "team.csv"
    hours.write_text(_toggl(["ana", "ben"]).replace("2026-10-02", "2026-10-01"))  # same time, two people
    now = datetime(2026, 11, 1)
    answer_rows = MAPPERS["answers"](parse_file(answers)[1]["answers"], bp)
    failures, _ = validate_batch("answers", answer_rows, now, [1, 2, 3, 4])
    assert failures[["line", "check_name"]].values.tolist() == [[4, "unique_within_file"]]
    session_rows = MAPPERS["study_sessions"](parse_file(hours)[1]["study_sessions"], bp)
    failures, _ = validate_batch("study_sessions", session_rows, now, [1, 2, 3, 4])
    assert failures.empty
