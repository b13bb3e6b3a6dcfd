"""A mistyped email in an export makes a new learner: `examready run` and `examready learners` say, on
stderr, which id looks like a typo of which, and the file its rows came from."""
from __future__ import annotations

import json

from examready.learner_typos import alike_pairs
from tests.conftest import run_cli
from tests.test_learners import class_export

S07, S08, TYPO = "student07@bootcamp.io", "student08@bootcamp.io", "studnet07@bootcamp.io"
SAID = (f"Warning: {TYPO} (1 mock) looks like {S07}: a typo in exams/week2.csv? fix the file and run again")


def test_alike_ids_share_domain_and_digits_and_are_one_edit_apart():
    ids = [S07, S08, TYPO, "student07@other.io", "stuent07@bootcamp.io", "ann@x.io", "anne@x.io",
           "sudtnet07@bootcamp.io"]
    assert alike_pairs(ids) == {(S07, TYPO), (S07, "stuent07@bootcamp.io")}


def test_run_and_learners_name_a_typo_and_its_file(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "week1.csv").write_text(class_export({S07: 0.8, S08: 0.5}))
    week2 = class_export({TYPO: 0.8, S08: 0.5}).replace("mock-0", "wk2-0")
    (root / "inbox" / "exams" / "week2.csv").write_text(
        "\n".join(line for line in week2.splitlines() if "wk2-02" not in line) + "\n")  # one mock each
    run = run_cli("run", "-w", str(root), "--json")
    assert {f["path"] for f in json.loads(run.stdout)["files"]} == {"exams/week1.csv", "exams/week2.csv"}
    said = [line for line in run.stderr.splitlines() if "looks like" in line]
    assert said == [SAID], run.stderr
    learners = run_cli("learners", "-w", str(root))
    assert TYPO in learners.stdout  # still a learner: the file decides
    assert [line for line in learners.stderr.splitlines() if "looks like" in line] == [SAID]
    data = json.loads(run_cli("learners", "-w", str(root), "--json").stdout)  # in the JSON too, not only on stderr
    assert data["typos"] == [{"learner": TYPO, "looks_like": S07, "rows": {"mock": 1}, "files": ["exams/week2.csv"]}]
    assert data["warnings"] == [SAID.removeprefix("Warning: ")]


def test_an_id_alike_to_two_learners_is_named_once(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    typo, other = "studnt07@bootcamp.io", "studant07@bootcamp.io"  # one letter from each of S07, other
    (root / "inbox" / "exams" / "week1.csv").write_text(class_export({S07: 0.8, other: 0.5}))
    week2 = class_export({typo: 0.8}).replace("mock-0", "wk2-0")
    (root / "inbox" / "exams" / "week2.csv").write_text(
        "\n".join(line for line in week2.splitlines() if "wk2-02" not in line) + "\n")
    said = [line for line in run_cli("run", "-w", str(root)).stderr.splitlines() if "looks like" in line]
    assert len(said) == 1 and said[0].startswith(f"Warning: {typo} (1 mock) looks like "), said
