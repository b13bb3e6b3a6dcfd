"""In a learner's own workspace, a mock export whose learner column names someone else (Udemy's Username) counts as
theirs, and `run` says so: before, nothing was said and `readiness` told the learner to drop in a mock exam."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli

def rows(who: str) -> str:
    return "Username,Quiz,Date,Question,Domain,Correct\n" + "".join(
        f"{who},Practice 1,2026-11-20 10:00,{q},Domain 1,true\n" for q in range(1, 4))
SAID = ("examready: exams/udemy.csv: its learner column names sam_l, not the workspace's learner me: its rows count as "
        "theirs (`examready learners` lists them); an export of your own needs no learner column, or set learner_id in "
        "examready.yaml to the name it gives (docs/cohorts.md)")


@pytest.mark.parametrize("who, cohort, said", [("sam_l", False, True), ("me", False, False), ("sam_l", True, False)])
def test_a_file_naming_another_learner_in_an_own_workspace_is_said(tmp_path, who, cohort, said):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--timezone", "UTC")
    if cohort:
        (root / "examready.yaml").write_text((root / "examready.yaml").read_text() + "cohort: true\n")
    (root / "inbox" / "exams" / "udemy.csv").write_text(rows(who))
    run = run_cli("run", "-w", str(root))
    assert (SAID in run.stderr) is said, run.stderr
    assert ("its learner column names" in run.stderr) is said
