"""A command a message suggests can be pasted as it is: a learner id with a space (a class export keyed
by display names) is quoted for the shell."""
from __future__ import annotations

import shlex

from examready.suggested import command
from tests.conftest import run_cli
from tests.test_cohort_learners import _toggl

STU = "Stu21 Learner21"
UNDO = "`examready forget --learner 'Stu21 Learner21' --undo`"


def test_command_quotes_the_words_that_need_it():
    assert command("forget", "--learner", STU, "--undo") == UNDO.strip("`")
    assert shlex.split(command("forget", "exams/week 1.csv")) == ["examready", "forget", "exams/week 1.csv"]
    assert command("forget", "--learner", "ana@class.example") == "examready forget --learner ana@class.example"


def test_forget_and_the_roster_quote_a_learner_id_with_a_space(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n"
                                         "exam_dates: dates.csv\n")
    (root / "dates.csv").write_text(f"learner,exam_date\n{STU},2027-01-15\n")
    (root / "inbox" / "hours" / "team.csv").write_text(_toggl((STU, ""), ("Stu22 Learner22", "")))
    run_cli("run", "-w", str(root))
    said = run_cli("forget", "-w", str(root), "--learner", STU)
    assert f"{UNDO} counts them again" in said.stdout
    again = run_cli("forget", "-w", str(root), "--learner", STU, check=False)
    assert f"{UNDO} counts them again" in again.stderr
    run_cli("run", "-w", str(root))  # their rows stop counting from the next run
    assert f"its date is unused until {UNDO}" in run_cli("learners", "-w", str(root)).stderr
    unknown = run_cli("readiness", "-w", str(root), "--learner", STU, check=False)
    assert f"{UNDO}, then `examready run`" in unknown.stderr


def test_a_workspace_path_with_a_space_is_quoted_in_the_run_it_suggests(tmp_path):
    root = tmp_path / "my exam prep"
    said = run_cli("init", str(root), "--learner", "ana", "--timezone", "UTC").stdout
    assert f"`examready run -w '{root}'`" in said
    for args in (("readiness",), ("open",)):
        refused = run_cli(*args, "-w", str(root), check=False)
        suggested = refused.stderr.split("run `", 1)[1].split("`", 1)[0]
        assert shlex.split(suggested) == ["examready", "run", "-w", str(root)], refused.stderr


def test_a_renamed_file_with_a_space_gets_a_forget_command_that_pastes(tmp_path):
    from tests.helpers_workspace import new_workspace
    from tests.test_gone_notices import EXPORT

    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "week 1.csv").write_text(EXPORT.format(a="m1"))
    run_cli("run", "-w", str(ws.root))
    (ws.inbox / "exams" / "week 1.csv").rename(ws.inbox / "exams" / "week-1.csv")
    said = run_cli("run", "-w", str(ws.root)).stderr
    assert "exams/week 1.csv was renamed" in said and "`examready forget 'exams/week 1.csv'` then" in said, said
