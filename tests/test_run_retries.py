"""A failed daily run is run again by Dagster's run retries, at most twice; other runs are not (the
inbox sensor asks again for its files itself); `examready run` names a failed background run.

What Dagster itself decides is read from the run's `dagster/will_retry` tag, which the instance sets
when a run fails (from dagster.yaml's run_retries and the run's tags); launching the retry is the
daemon's job: `test_the_daemon_launches_two_retries_then_stops` runs a real `dagster-daemon`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import pytest

from pipelines.dagster_runs import cli_run_tags
from pipelines.dagster_yaml import DAGSTER_YAML, OLD_DAGSTER_YAMLS, write_dagster_yaml
from pipelines.defs.schedules import RUN_RETRIES, build_daily_refresh
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.conftest import run_cli

WILL_RETRY = "dagster/will_retry"


def schedule_tags() -> dict[str, str]:
    """The tags of the daily schedule's run request for one tick."""
    tick = datetime(2026, 12, 2, 6, 0, tzinfo=timezone.utc)
    context = dg.build_schedule_context(scheduled_execution_time=tick)
    return dict(build_daily_refresh("0 6 * * *", "UTC").evaluate_tick(context).run_requests[0].tags)


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A workspace whose warehouse cannot be opened (not a DuckDB file): every run of the job fails."""
    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    (ws.inbox / "exams" / "m.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                             "m1,2026-02-01 10:00,Q1,Domain 1,true\n", encoding="utf-8")
    ws.db_path.write_bytes(b"this is not a DuckDB database " * 200)
    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(ws.root))
    monkeypatch.setenv("DAGSTER_HOME", str(ws.dagster_home))
    return ws


def failed_run(ws, tags: dict[str, str]) -> dg.DagsterRun:
    from pipelines.definitions import defs

    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        job = defs().resolve_job_def("refresh")
        result = job.execute_in_process(instance=instance, raise_on_error=False, tags=tags)
        assert not result.success
        return instance.get_run_by_id(result.run_id)


def test_the_workspace_instance_runs_the_retry_daemon_and_retries_nothing_by_default(tmp_path):
    ws = create_workspace(tmp_path / "ws", Config())
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        assert instance.run_retries_enabled and instance.run_retries_max_retries == 0
        assert "EVENT_LOG_CONSUMER" in instance.get_required_daemon_types()  # the daemon that launches retries


@pytest.mark.parametrize("old", OLD_DAGSTER_YAMLS, ids=["first", "with-run-monitoring"])
def test_a_dagster_yaml_an_earlier_version_wrote_gets_run_retries(tmp_path, old):
    (tmp_path / "dagster.yaml").write_text(old, encoding="utf-8")
    assert write_dagster_yaml(tmp_path).read_text(encoding="utf-8") == DAGSTER_YAML


def test_the_schedules_runs_ask_for_two_retries_of_all_steps():
    tags = schedule_tags()
    assert tags["dagster/max_retries"] == str(RUN_RETRIES) == "2" and tags["dagster/retry_strategy"] == "ALL_STEPS"


@pytest.mark.parametrize("launched_by, will_retry", [
    ("schedule", "true"),
    ("inbox", "false"),   # the sensor asks again for the files itself, after a back-off
    ("cli", "false"),     # `examready run` reports its failure and exits 1
])
def test_a_failed_scheduled_run_is_to_be_retried_and_no_other(broken, launched_by, will_retry):
    tags = {"schedule": schedule_tags(), "inbox": {"examready/trigger": "inbox"}, "cli": cli_run_tags()}[launched_by]
    run = failed_run(broken, tags)
    assert run.status == dg.DagsterRunStatus.FAILURE and run.tags[WILL_RETRY] == will_retry


def test_retries_stop_after_the_second(broken):
    """A run group of the failed daily run and the retries Dagster launched for it (as the daemon
    records them): the first retry's failure is retried again, the second's is not."""
    tags = schedule_tags()
    with dg.DagsterInstance.from_config(str(broken.dagster_home)) as instance:
        root = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()), tags=tags,
                                              status=dg.DagsterRunStatus.STARTED))
        instance.report_run_failed(root, "the worker was killed")
        seen = [instance.get_run_by_id(root.run_id).tags[WILL_RETRY]]
        parent = root
        for number in (1, 2):
            retry = instance.add_run(dg.DagsterRun(
                job_name="refresh", run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED,
                tags={**tags, "dagster/retry_number": str(number), "dagster/parent_run_id": parent.run_id,
                      "dagster/root_run_id": root.run_id}, parent_run_id=parent.run_id, root_run_id=root.run_id))
            instance.report_run_failed(retry, "the worker was killed")
            seen.append(instance.get_run_by_id(retry.run_id).tags[WILL_RETRY])
            parent = retry
    assert seen == ["true", "true", "false"]


def test_examready_run_names_a_failed_background_run_once(broken):
    run = failed_run(broken, schedule_tags())
    broken.db_path.unlink()  # the cause is gone: the next run can write
    env = {"EXAMREADY_FULL_RUN": "1"}
    first = run_cli("run", "-w", str(broken.root), env=env)
    said = [line for line in first.stderr.splitlines() if "last background run failed" in line]
    assert len(said) == 1, first.stderr
    assert f"Dagster run {run.run_id[:8]}" in said[0] and "the daily schedule" in said[0]
    assert "not a valid DuckDB database" in said[0] and "This run does its work now" in said[0]
    second = run_cli("run", "-w", str(broken.root), env=env)  # the last run is now the CLI's own, a good one
    assert "last background run" not in second.stderr


@pytest.mark.slow
def test_the_daemon_launches_two_retries_then_stops(broken):
    """A real `dagster-daemon` (what `examready ui` runs inside `dg dev`) and a run of `refresh` with the
    daily schedule's tags, launched through the daemon's queue: it fails, is retried twice, then left."""
    from examready.cmd_ui import write_workspace_file

    workspace_file = str(write_workspace_file(broken.dagster_home))
    env = dict(os.environ, EXAMREADY_WORKSPACE=str(broken.root), DAGSTER_HOME=str(broken.dagster_home))
    dg.DagsterInstance.from_config(str(broken.dagster_home)).dispose()  # the run storage, created once
    bin_dir = Path(sys.executable).parent
    daemon = subprocess.Popen([str(bin_dir / "dagster-daemon"), "run", "-w", workspace_file], env=env,
                              cwd=broken.root, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        subprocess.run([str(bin_dir / "dagster"), "job", "launch", "-w", workspace_file, "-j", "refresh",
                        "--tags", json.dumps(schedule_tags())], env=env, cwd=broken.root, check=True,
                       capture_output=True, timeout=120)
        runs = _runs_when_settled(broken, expected=1 + RUN_RETRIES, deadline=300)
    finally:
        os.killpg(daemon.pid, 15)
        daemon.wait(timeout=60)
    runs.sort(key=lambda run: int(run.tags.get("dagster/retry_number", "0")))
    assert [run.status for run in runs] == [dg.DagsterRunStatus.FAILURE] * 3
    assert [run.tags.get("dagster/retry_number") for run in runs] == [None, "1", "2"]
    assert [run.tags[WILL_RETRY] for run in runs] == ["true", "true", "false"]
    assert all(run.tags["examready/trigger"] == "schedule" for run in runs)
    assert runs[1].parent_run_id == runs[0].run_id and runs[2].parent_run_id == runs[1].run_id


def _runs_when_settled(ws, expected: int, deadline: float, quiet: float = 20.0) -> list:
    """Every run, once `expected` runs have all ended and no new run came for `quiet` seconds."""
    ended = (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.CANCELED)
    started, settled_at = time.monotonic(), None
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        while time.monotonic() - started < deadline:
            runs = instance.get_runs()
            done = len(runs) >= expected and all(run.status in ended for run in runs)
            settled_at = (settled_at or time.monotonic()) if done else None
            if settled_at and time.monotonic() - settled_at >= quiet:
                return runs
            time.sleep(2)
        raise AssertionError(f"runs after {deadline} s: {[(r.run_id[:8], r.status.value) for r in instance.get_runs()]}")
