"""Workspace settings that tune the engine: DuckDB's memory limit comes from examready.yaml."""
from __future__ import annotations

import json
import re

import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.workspace import find_workspace
from pipelines.workspace_config import WorkspaceError
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace


def _with_setting(tmp_path, line: str):
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    config.write_text("\n".join(ln for ln in config.read_text().splitlines() if not ln.startswith("memory_limit"))
                      + f"\n{line}\n")
    return ws


@pytest.mark.parametrize("setting, duckdb_shows", [("memory_limit: 2GB", "1.8 GiB"), ("memory_limit: 512MiB", "512.0 MiB")])
def test_the_warehouse_resource_opens_duckdb_with_the_workspace_memory_limit(tmp_path, setting, duckdb_shows):
    ws = _with_setting(tmp_path, setting)
    with WarehouseResource(workspace_dir=str(ws.root)).connect() as con:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == duckdb_shows


def test_a_new_workspace_writes_the_default_and_a_bad_value_names_the_file(tmp_path):
    ws = new_workspace(tmp_path / "fresh")
    assert 'memory_limit: "1GB"' in (ws.root / "examready.yaml").read_text()
    bad = _with_setting(tmp_path / "bad", "memory_limit: plenty")
    with pytest.raises(WorkspaceError, match=r"examready\.yaml line 6: memory_limit 'plenty' is not a size"):
        find_workspace(bad.root)


@pytest.mark.parametrize("line, message", [
    ('exam: "XYZ-999"', "exam 'XYZ-999' is unknown; known: "),
    ('learner_id: ""', "learner_id is empty"),
    ('schedule_time: "25:99"', "schedule_time '25:99' is not HH:MM"),
    ("schedule_time: noon", "schedule_time 'noon' is not HH:MM"),
    ("cohort: maybe", "cohort 'maybe' is not true or false"),
    ("learner_id: [sam, alex]", "learner_id is a list, not one name"),
    ("learner_id: {name: sam}", "learner_id is several keys, not one name"),
])
def test_a_bad_setting_stops_every_command_naming_the_file(tmp_path, line, message):
    """As a bad memory_limit does: exit code 2 and the file named, not a traceback or a silent default."""
    key = line.split(":")[0]
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    kept = [ln for ln in config.read_text().splitlines() if not ln.startswith(key)]
    config.write_text("\n".join(kept) + f"\n{line}\n")
    with pytest.raises(WorkspaceError, match=re.escape(f"{config} line {len(kept) + 1}: {message}")):
        find_workspace(ws.root)
    for command in (["run"], ["readiness"], ["run", "--json"]):
        proc = run_cli(*command, "-w", str(ws.root), check=False)
        assert proc.returncode == 2 and str(config) in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("written, learner", [
    ("42", "42"), ("007", "007"), ("2026-12-01", "2026-12-01"), ("yes", "yes"), ("3.50", "3.50"),
    ('"42"', "42"), ("'007'", "007"), ("sam", "sam"),
])
def test_a_learner_id_is_read_as_written_not_as_a_yaml_number_or_date(tmp_path, written, learner):
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    config.write_text(re.sub(r"learner_id: .*", f"learner_id: {written}", config.read_text()))
    assert find_workspace(ws.root).config.learner_id == learner


def test_a_student_number_as_learner_id_counts_their_answers(tmp_path):
    """`learner_id: 42` unquoted: the run stores the answers under "42" and readiness reads them back."""
    ws = new_workspace(tmp_path / "ws", learner="42")
    config = ws.root / "examready.yaml"
    config.write_text(config.read_text().replace('learner_id: "42"', "learner_id: 42"))
    (ws.root / "inbox" / "exams" / "mock.csv").write_text(
        "attempt,taken_at,question,domain,correct\n"
        + "".join(f"m1,2026-11-20 10:00,q{i},D1,{'true' if i % 2 else 'false'}\n" for i in range(10)))
    run_cli("run", "-w", str(ws.root))
    proc = run_cli("readiness", "-w", str(ws.root), "--json")
    report = json.loads(proc.stdout)
    assert report["learner"] == "42"
    assert {d["id"]: d["questions"] for d in report["domains"]}[1] == 10


@pytest.mark.parametrize("text, error", [
    ("", "the file is empty"), ("  \n", "the file is empty"), ("# all defaults\n", None),
])
def test_an_empty_config_file_is_an_error_one_of_comments_keeps_the_defaults(tmp_path, text, error):
    ws = new_workspace(tmp_path / "ws")
    (ws.root / "examready.yaml").write_text(text)
    if error:
        with pytest.raises(WorkspaceError, match=error):
            find_workspace(ws.root)
    else:
        assert find_workspace(ws.root).config.learner_id == "me"


@pytest.mark.parametrize("value, stored", [("7:05", "07:05"), (1110, "18:30")])  # 1110: YAML 1.1's unquoted 18:30
def test_schedule_time_is_read_as_a_24_hour_clock(tmp_path, value, stored):
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    config.write_text(config.read_text().replace('schedule_time: "06:00"', f"schedule_time: {value}"))
    assert find_workspace(ws.root).config.schedule_time == stored


def test_init_on_a_broken_config_keeps_it_and_says_what_to_do(tmp_path):
    run_cli("init", str(tmp_path))
    config = tmp_path / "examready.yaml"
    config.write_text("exam: [DEA-C01\n")
    proc = run_cli("init", str(tmp_path), check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{config}: not valid YAML" in proc.stderr and "delete it and run `examready init" in proc.stderr
    assert config.read_text() == "exam: [DEA-C01\n"


def test_demo_refuses_a_folder_of_the_users_own_and_refills_its_own(tmp_path):
    run_cli("init", str(tmp_path / "mine"))
    proc = run_cli("demo", str(tmp_path / "mine"), check=False)
    assert proc.returncode == 2 and "a workspace of your own, not a demo" in proc.stderr
    assert not any((tmp_path / "mine" / "inbox").rglob("*.*"))  # nothing was written into it
    from examready.demo import write_demo_workspace

    first = write_demo_workspace(tmp_path / "demo", seed=1)
    files = sorted(p.relative_to(first.root) for p in first.inbox.rglob("*") if p.is_file())
    assert write_demo_workspace(tmp_path / "demo", seed=1).root == first.root  # a demo folder is refilled
    assert sorted(p.relative_to(first.root) for p in first.inbox.rglob("*") if p.is_file()) == files


def test_no_workspace_inside_a_workspace(tmp_path):
    """init or demo run inside a workspace (say from inbox/exams) would be read as inbox files: refused."""
    run_cli("init", str(tmp_path / "ws"))
    for command in (["init", "nested"], ["demo"]):
        proc = run_cli(*command, cwd=tmp_path / "ws" / "inbox" / "exams", check=False)
        assert proc.returncode == 2 and f"is inside the workspace {tmp_path / 'ws'}" in proc.stderr
    assert list((tmp_path / "ws" / "inbox" / "exams").iterdir()) == []


def test_init_refuses_an_empty_learner_before_writing(tmp_path):
    proc = run_cli("init", str(tmp_path / "ws"), "--learner", " ", check=False)
    assert proc.returncode == 2 and "learner id is empty" in proc.stderr and not (tmp_path / "ws").exists()


@pytest.mark.parametrize("line, cohort", [(None, None), ("cohort: true", True), ("cohort: false", False)])
def test_cohort_is_read_from_the_config_and_not_written_by_init(tmp_path, line, cohort):
    """A class workspace says `cohort: true` (docs/cohorts.md); init leaves it out: a learner's own workspace."""
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    assert "cohort" not in config.read_text()
    if line:
        config.write_text(config.read_text() + f"{line}\n")
    assert find_workspace(ws.root).config.cohort is cohort


def test_after_the_exam_is_changed_files_are_mapped_again_and_readers_wait_for_that_run(tmp_path):
    """The marts hold the old exam's figures: readiness and gaps refuse them (exit 2) until a run rebuilds; that
    run reads each file again, its labels mapped to the new exam (DEA's 'Data Store Management' is no SAA domain:
    its answers are held back, not counted as SAA's domain 2 by DEA's number)."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m.csv").write_text("attempt,taken_at,question,domain,correct\n"
                                               "m1,2026-11-20 10:00,q1,Data Store Management,true\n"
                                               "m1,2026-11-20 10:00,q2,Data Ingestion and Transformation,false\n")
    run_cli("run", "-w", str(ws.root))
    config = ws.root / "examready.yaml"
    config.write_text(config.read_text().replace('exam: "DEA-C01"', 'exam: "SAA-C03"'))
    for command in ("readiness", "gaps"):
        proc = run_cli(command, "-w", str(ws.root), "--json", check=False)
        assert proc.returncode == 2 and proc.stdout == ""
        assert f"the marts were built for DEA-C01, and {config} now names SAA-C03; run `" in proc.stderr
    proc = run_cli("run", "-w", str(ws.root), "--json")
    assert [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in json.loads(proc.stdout)["files"]] == [
        ("replaced", 0, 2)]
    assert "exams/m.csv: read again: its labels were mapped to DEA-C01's domains" in proc.stderr
    report = json.loads(run_cli("readiness", "-w", str(ws.root), "--json").stdout)
    assert report["exam"] == "SAA-C03" and report["domains"][0]["name"] == "Design Secure Architectures"
    assert [d["questions"] for d in report["domains"]] == [0, 0, 0, 0]
    again = json.loads(run_cli("run", "-w", str(ws.root), "--json").stdout)["files"]
    assert [f["status"] for f in again] == ["unchanged"]
