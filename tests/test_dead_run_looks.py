"""A run's process judged once per look: a zombie is gone, and a run is either released or waited for."""
from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import dagster as dg
import pytest

from pipelines.dagster_runs import release_dead_runs
from pipelines.run_processes import cli_run_tags, is_zombie, process_alive
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace


def zombie() -> subprocess.Popen:
    """A child that has exited and is not reaped yet."""
    proc = subprocess.Popen(["true"])
    deadline = time.monotonic() + 10
    while not Path(f"/proc/{proc.pid}/stat").read_text().split(") ")[1].startswith("Z"):
        assert time.monotonic() < deadline, "the child did not exit"
        time.sleep(0.01)
    return proc


def test_a_zombie_is_no_live_process():
    proc = zombie()
    try:
        assert is_zombie(proc.pid) and not process_alive(proc.pid)
    finally:
        proc.wait()
    assert not process_alive(proc.pid)


def test_a_running_process_is_alive_and_no_zombie():
    with subprocess.Popen(["sleep", "30"]) as proc:
        try:
            assert process_alive(proc.pid) and not is_zombie(proc.pid)
        finally:
            proc.kill()


@pytest.fixture
def instance(tmp_path):
    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as inst:
        yield inst


def started_run(instance, pid: int) -> str:
    """A STARTED `refresh` run whose process is `pid`, as `examready run` tags its own."""
    run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                         status=dg.DagsterRunStatus.STARTED,
                                         tags={**cli_run_tags(), "examready/pid": str(pid)}))
    return run.run_id


def test_one_look_releases_the_runs_whose_process_exited_and_names_the_others_live(instance):
    with subprocess.Popen(["sleep", "30"]) as running:
        exited = zombie()
        try:
            alive_id, dead_id = started_run(instance, running.pid), started_run(instance, exited.pid)
            live: list = []
            released = release_dead_runs(instance, live)
        finally:
            running.kill()
            exited.wait()
    assert [run_id for run_id, _ in released] == [dead_id]
    assert [record.dagster_run.run_id for record in live] == [alive_id]
    assert instance.get_run_by_id(dead_id).status == dg.DagsterRunStatus.FAILURE
    assert instance.get_run_by_id(alive_id).status == dg.DagsterRunStatus.STARTED
