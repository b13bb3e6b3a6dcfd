"""`examready learners`: a class workspace's learners, lowest pass chance first, through a real run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

TOGGL = "User,Email,Project,Description,Start date,Start time,End date,End time,Duration\n"


def class_export(accuracy: dict[str, float]) -> str:
    """Two 65-question mocks per learner; a learner answers the first round(accuracy * 65) right."""
    rows = ["learner_id,attempt,taken_at,question,domain,correct"]
    for learner, share in accuracy.items():
        for mock, day in (("mock-01", "2026-11-02"), ("mock-02", "2026-11-09")):
            rows += [f"{learner},{mock},{day} 10:00,{q},D{q % 4 + 1},{'true' if q < share * 65 else 'false'}"
                     for q in range(65)]
    return "\n".join(rows) + "\n"


def team_hours(people: list[str]) -> str:
    return TOGGL + "".join(f"{p},{p},DEA,Glue crawlers,2026-11-0{i + 1},09:00:00,2026-11-0{i + 1},10:30:00,01:30:00\n"
                           for i, p in enumerate(people))


@pytest.fixture(scope="module")
def class_workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("class") / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({"ana@class.example": 0.9,
                                                                       "ben@class.example": 0.3}))
    (root / "inbox" / "hours" / "team.csv").write_text(team_hours(["ana@class.example", "dana@class.example"]))
    run_cli("run", "-w", str(root))
    return root


def test_learners_json_ranks_the_class_lowest_pass_chance_first(class_workspace):
    data = json.loads(run_cli("learners", "-w", str(class_workspace), "--json").stdout)
    rows = {r["learner"]: r for r in data["learners"]}
    assert [r["learner"] for r in data["learners"]][:2] == ["ben@class.example", "ana@class.example"]
    assert rows["ben@class.example"]["pass_probability"] < 0.3 < 0.7 < rows["ana@class.example"]["pass_probability"]
    assert rows["ana@class.example"]["mocks"] == 2 and rows["ana@class.example"]["questions"] == 130
    assert rows["ana@class.example"]["measured_domains"] == 4 and rows["ana@class.example"]["hours"] == 1.5
    assert rows["ben@class.example"]["last_practice"] == "2026-11-09"
    # hours but no exam-style question: no pass chance, listed last
    assert rows["dana@class.example"]["practised"] is False and rows["dana@class.example"]["pass_probability"] is None
    assert rows["dana@class.example"]["hours"] == 1.5 and rows["dana@class.example"]["weakest_domain"] is None
    assert [r["learner"] for r in data["learners"][2:]] == ["dana@class.example"]
    assert "instructor" not in rows and data["workspace_learner"] == "instructor"  # nothing counts under them
    assert [d["learners_measured"] for d in data["domains"]] == [2, 2, 2, 2]


def test_learners_json_contract(class_workspace):
    """docs/cli.md's keys: a new one is added here and there, never dropped."""
    data = json.loads(run_cli("learners", "-w", str(class_workspace), "--json").stdout)
    assert set(data) == {"exam", "workspace_learner", "learners", "domains", "typos", "names_of_emails",
                         "warnings"}
    assert data["typos"] == [] and data["warnings"] == []  # nothing to warn of in this class
    assert set(data["learners"][0]) == {
        "learner", "as_of", "practised", "pass_probability", "predicted_scaled_score", "measured_domains", "questions",
        "mocks", "hours", "last_practice", "weakest_domain", "exam_date", "days_to_exam"}
    assert set(data["domains"][0]) == {"id", "name", "weight", "learners_measured", "median_readiness"}


def test_learners_json_agrees_with_readiness_for_one_learner(class_workspace):
    data = json.loads(run_cli("learners", "-w", str(class_workspace), "--json").stdout)
    ben = next(r for r in data["learners"] if r["learner"] == "ben@class.example")
    one = json.loads(run_cli("readiness", "-w", str(class_workspace), "--learner", "ben@class.example",
                             "--json").stdout)
    assert ben["pass_probability"] == pytest.approx(one["pass_probability"], abs=1e-3)
    weakest = min((d for d in one["domains"] if d["measured"]), key=lambda d: d["readiness"])
    assert ben["weakest_domain"]["id"] == weakest["id"]


def test_learners_text_counts_the_class(class_workspace):
    out = run_cli("learners", "-w", str(class_workspace)).stdout
    assert "3 learner(s), 2 with exam-style questions · pass chance < 30%: 1, 30–70%: 0, ≥ 70%: 1" in out
    lines = out.splitlines()
    assert lines[1].lstrip().startswith("ben@class.example") and lines[2].lstrip().startswith("ana@class.example")
    assert "dana@class.example" in out and "1.5 h logged" in out and "no exam-style questions yet" in out
    assert "instructor" not in out


def test_the_workspaces_learner_with_rows_is_one_of_the_class(tmp_path):
    """A study group whose owner practises too: listed with the others, on the class page as well."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "ana@class.example", "--timezone", "UTC")
    (root / "inbox" / "exams" / "group.csv").write_text(class_export({"ana@class.example": 0.9,
                                                                       "ben@class.example": 0.3}))
    (root / "inbox" / "hours" / "team.csv").write_text(team_hours(["ana@class.example", "dana@class.example"]))
    run_cli("run", "-w", str(root))
    data = json.loads(run_cli("learners", "-w", str(root), "--json").stdout)
    assert [r["learner"] for r in data["learners"]] == ["ben@class.example", "ana@class.example", "dana@class.example"]
    assert "Learners<b>3</b>2 with exam-style questions" in (root / "site" / "class.html").read_text()


def test_learners_before_any_run_says_run_first(tmp_path):
    run_cli("init", str(tmp_path / "ws"))
    proc = run_cli("learners", "-w", str(tmp_path / "ws"), check=False)
    assert proc.returncode == 2 and "examready run" in proc.stderr


def test_the_home_page_of_a_class_workspace_points_at_the_other_learners(class_workspace, demo_workspace_readonly):
    page = (class_workspace / "site" / "index.html").read_text()
    assert "These pages are instructor&#x27;s" in page or "These pages are instructor's" in page
    assert "also holds 3 other learner(s)" in page and "examready learners" in page
    assert "also holds" not in (demo_workspace_readonly / "site" / "index.html").read_text()  # one learner


def test_a_class_learner_with_hours_alone_sees_them_on_their_dashboard(class_workspace, monkeypatch, tmp_path):
    """Before (found by a probe of the pages): dana's dashboard said only 'No practice evidence yet'."""
    import shutil

    from click.testing import CliRunner

    from examready.cli import cli

    workspace = shutil.copytree(class_workspace, tmp_path / "ws")  # the shared one's site/learners stays empty
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(cli, ["open", "-w", str(workspace), "--learner", "dana@class.example",
                                      "--page", "dashboard"])
    assert result.exit_code == 0, result.output
    page = Path(opened[-1].removeprefix("file://")).read_text()
    assert "No practice evidence yet" in page and 'id="fig-hours"' in page and "Numbers: hours per week" in page


def test_open_builds_and_opens_another_learners_pages(class_workspace, monkeypatch):
    from click.testing import CliRunner

    from examready.cli import cli

    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    own_index = class_workspace / "site" / "index.html"
    own_before = own_index.read_bytes()
    result = CliRunner().invoke(cli, ["open", "-w", str(class_workspace), "--learner", "ben@class.example"])
    assert result.exit_code == 0, result.output
    folder = next((class_workspace / "site" / "learners").iterdir())
    assert folder.name.startswith("ben-class-example-") and opened == [(folder / "index.html").as_uri()]
    page = (folder / "index.html").read_text()
    assert "ben@class.example" in page and "also holds 2 other learner(s)" in page  # ana, dana: not the instructor
    assert len(list(folder.glob("attempt-*.html"))) == 2  # ben's two mocks, each with its page
    assert own_index.read_bytes() == own_before  # the workspace learner's pages are left as they are
    CliRunner().invoke(cli, ["open", "-w", str(class_workspace), "--learner", "instructor", "--page", "plan"])
    assert opened[-1] == (class_workspace / "site" / "plan.html").as_uri()
    typo = CliRunner().invoke(cli, ["open", "-w", str(class_workspace), "--learner", "ben@class.exampel"])
    assert typo.exit_code == 2 and "unknown learner" in typo.output and "ben@class.example" in typo.output


@pytest.mark.parametrize("a, b", [("ana.b", "ana-b"), ("Ana@x.example", "ana@x.example")])
def test_learner_folders_differ_for_ids_that_read_alike(a, b):
    from reports.learner_pages import learner_folder

    assert learner_folder(a) != learner_folder(b) and learner_folder(a).startswith("ana-")
