"""A learner without evidence yet, and a --learner that names nobody, through real `examready` processes.

The workspace's own learner (examready.yaml learner_id) is always a learner: before any file is
loaded every in-scope service and task statement is a gap for it (the documented meaning of
gap: no notes, practice or hours), on `gaps`, in its text form and on the index page, and its
readiness is the prior, said to be a starting assumption. A --learner that is neither the
workspace's learner nor one with rows is a typo: exit 2, naming it and the known learners.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from bench.cohort import write_cohort
from sources.blueprint import load_blueprint
from tests.conftest import run_cli, run_json

EXAM = "DEA-C01"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> tuple[Path, dict]:
    """A workspace of learner 'alex' after `init` and one `run` with an empty inbox: (root, run report)."""
    root = tmp_path_factory.mktemp("fresh") / "ws"
    run_cli("init", str(root), "--exam", EXAM, "--learner", "alex")
    return root, run_json("run", "-w", str(root))


def _counts(text: str) -> dict[str, int]:
    """{'services gap': 72, ...} from `examready gaps`'s text output."""
    return {m[0]: int(m[1]) for m in re.findall(r"^(\w+ \w+) \((\d+)\):", text, flags=re.M)}


def test_fresh_learner_has_every_service_and_task_as_a_gap(fresh):
    root, _ = fresh
    bp = load_blueprint(EXAM)
    data = run_json("gaps", "-w", str(root))
    assert data["learner"] == "alex"
    assert sorted(s["name"] for s in data["services"]) == sorted(s.name for s in bp.services)
    assert [t["id"] for t in data["tasks"]] == sorted(t.id for t in bp.tasks)
    assert {r["status"] for r in data["services"] + data["tasks"]} == {"gap"}
    for service in data["services"]:
        assert (service["note_sections"], service["questions"], service["hours"]) == (0, 0, 0)
        assert service["accuracy"] is None
    explicit = run_json("gaps", "-w", str(root), "--learner", "alex")
    assert explicit == data


def test_fresh_learner_text_output_and_index_page_agree(fresh):
    root, report = fresh
    bp = load_blueprint(EXAM)
    counts = _counts(run_cli("gaps", "-w", str(root)).stdout)
    assert counts == {"services gap": len(bp.services), "services weak": 0, "services covered": 0,
                      "tasks gap": len(bp.tasks), "tasks weak": 0, "tasks covered": 0}
    index = Path(report["pages"]["index"]).read_text(encoding="utf-8")
    assert f"{len(bp.services)} services never studied, 0 weak, 0 covered." in index


def test_fresh_learner_readiness_is_the_prior_and_says_so(fresh):
    root, _ = fresh
    text = run_cli("readiness", "-w", str(root))
    assert "alex" in text.stdout and "starting assumption" in text.stdout
    data = run_cli("readiness", "-w", str(root), "--json")
    assert "starting assumption" in data.stderr  # stdout stays the JSON contract
    assert all(d["questions"] == 0 for d in json.loads(data.stdout)["domains"])


@pytest.mark.parametrize("command", ["readiness", "gaps"])
@pytest.mark.parametrize("as_json", [False, True])
def test_unknown_learner_is_a_usage_error(fresh, command, as_json):
    root, _ = fresh
    proc = run_cli(command, "-w", str(root), "--learner", "nobody", *(["--json"] if as_json else []), check=False)
    assert proc.returncode == 2, proc.stdout
    assert "'nobody'" in proc.stderr and "alex" in proc.stderr  # the typo and the known learner
    assert proc.stdout == ""


def test_cohort_learners_are_known_and_a_typo_lists_close_ones(tmp_path):
    """A workspace whose files carry other learners' ids (a cohort): each is a learner, so is the
    workspace's own one without rows; a typo names the closest ids."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", EXAM, "--learner", "alex")
    write_cohort(root / "inbox", 3, attempts=2, sessions=3)
    run_cli("run", "-w", str(root))
    other = run_json("gaps", "-w", str(root), "--learner", "learner-00002")
    assert other["learner"] == "learner-00002"
    assert len(other["services"]) == len(load_blueprint(EXAM).services)
    own = run_json("gaps", "-w", str(root))
    assert own["learner"] == "alex" and {r["status"] for r in own["services"] + own["tasks"]} == {"gap"}
    practised = run_json("readiness", "-w", str(root), "--learner", "learner-00003")
    assert practised["learner"] == "learner-00003" and sum(d["questions"] for d in practised["domains"]) == 2 * 65
    proc = run_cli("gaps", "-w", str(root), "--learner", "learner-0002", check=False)
    assert proc.returncode == 2
    assert "'learner-0002'" in proc.stderr and "learner-00002" in proc.stderr and "alex" in proc.stderr


def test_demo_learner_gaps_follow_its_evidence(demo_workspace_readonly):
    """The demo learner (files and workspace alike) keeps its gaps: one row per blueprint service and
    task, each status as documented, and the row totals are the learner's staged evidence."""
    root = demo_workspace_readonly
    bp = load_blueprint(EXAM)
    data = run_json("gaps", "-w", str(root))
    learner = data["learner"]
    assert sorted(s["name"] for s in data["services"]) == sorted(s.name for s in bp.services)
    assert [t["id"] for t in data["tasks"]] == sorted(t.id for t in bp.tasks)
    for row in data["services"] + data["tasks"]:  # a task is a gap without practice questions
        studied = row["questions"] + row.get("note_sections", 0) + row.get("hours", 0) > 0
        covered = row["questions"] >= 3 and row["accuracy"] >= 0.7
        assert row["status"] == ("gap" if not studied else "covered" if covered else "weak"), row
    statuses = Counter(s["status"] for s in data["services"])
    assert statuses["gap"] and statuses["weak"] and statuses["covered"]  # a realistic learner, not all gaps
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        names = [s.name for s in bp.services]
        questions, = con.execute("SELECT count(*) FROM staging.answers WHERE learner_id = ? "
                                 "AND list_contains(?, service)", [learner, names]).fetchone()
        notes, = con.execute("SELECT count(*) FROM (SELECT unnest(services) AS s FROM staging.note_sections "
                             "WHERE learner_id = ?) WHERE list_contains(?, s)", [learner, names]).fetchone()
        learners = [r[0] for r in con.execute("SELECT learner_id FROM staging.learners").fetchall()]
    assert sum(s["questions"] for s in data["services"]) == questions > 0
    assert sum(s["note_sections"] for s in data["services"]) == notes > 0
    assert learners == [learner]  # the workspace's learner is the files' learner: listed once
    assert run_json("gaps", "-w", str(root), "--learner", learner) == data


def test_known_learners_with_a_comma_in_their_id_are_quoted():
    """Before: "Known learners: instructor, O'Brien, Sean, +1 555": three ids or four?"""
    from examready.summaries import UnknownLearner

    said = str(UnknownLearner("sean", "instructor", ["instructor", "O'Brien, Sean", "+1 555"], 3))
    assert said.endswith('Known learners: instructor, "O\'Brien, Sean", +1 555')
