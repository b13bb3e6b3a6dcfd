"""A class export's held-back rows say what is wrong in its own words and what to do: a Moodle answer the
teacher has yet to grade names its question (advice `wait`: nothing in the file to fix), and a team
report's entry without an email names its User and how to fill the email in (docs/cohorts.md)."""
from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.test_cohort_learners import MAP, _moodle, _toggl

UNGRADED = "Q. 2 is not graded yet ('Requires grading'): grade it in Moodle and export the Grades report again"
NO_EMAIL = ("names no learner in a file that names its learners (2 people): its Email is blank (User "
            "'Stu03 Learner03'); fill in the member's email in Toggl (their profile) and export the report again")


def test_class_exports_say_whose_row_and_what_to_do(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n")
    quiz = _moodle(("Diaz", "Ana", "ana@class.example"), ("Ode", "Ben", "ben@class.example"))
    lines = quiz.splitlines()
    lines[2] = lines[2].removesuffix("1.00,0.00") + '1.00,"Requires grading"'  # Ben's Q. 2
    (root / "inbox" / "exams" / "quiz.csv").write_text("\n".join(lines) + "\n")
    (root / "inbox" / "exams" / "quiz-map.csv").write_text(MAP)
    (root / "inbox" / "hours" / "team.csv").write_text(
        _toggl(("Ana Diaz", "ana@class.example"), ("Ben Ode", "ben@class.example"), ("Stu03 Learner03", "")))
    run_cli("run", "-w", str(root))
    held = {r["check"]: r
            for r in json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)["quarantined"]}
    assert set(held) == {"correct_not_null", "learner_named"}
    assert (held["correct_not_null"]["reason"], held["correct_not_null"]["advice"]) == (UNGRADED, "wait")
    assert held["correct_not_null"]["values"]["correct_text"] == "Requires grading"
    assert (held["learner_named"]["reason"], held["learner_named"]["advice"]) == (NO_EMAIL, "fix")
    assert held["learner_named"]["values"]["learner_name"] == "Stu03 Learner03"  # whose entry it is
    text = run_cli("quarantine", "-w", str(root)).stdout
    assert (f"  exams/quiz.csv:3 [correct] {UNGRADED} (correct_not_null) — nothing to fix in the file: it counts once "
            "graded in Moodle and the Grades report is exported again") in text.splitlines()
    assert f"  hours/team.csv:4 [learner_id] {NO_EMAIL} (learner_named)" in text.splitlines()
