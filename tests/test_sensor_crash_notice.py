"""The inbox sensor gives up on a file whose last run's process was killed (out of memory, `kill -9`):
its skip message says why in one short line, the step that was running, and where the full log is.
Before: "(last: Dagster run 1a2b3c4d: Run execution process for 1a2b3c4d-… was terminated by signal 9
(SIGKILL). This usually indicates that the process was killed by the operating system due to running
out of memory. Possible solutions include …)", Dagster's whole paragraph."""
from __future__ import annotations

import os
import signal
import time

import dagster as dg
import pytest

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.helpers_ui_run import ui_run
from tests.test_sensors import _instance, _ready, evaluate, finish, submit


@pytest.fixture
def ws(tmp_path):
    return create_workspace(tmp_path / "ws", Config(learner_id="sam"))


def _step_started(instance, run_id: str, timeout: float = 60) -> None:
    """Waits until the run's step has started (its process holds the pool's slot a little before)."""
    deadline = time.monotonic() + timeout
    while not instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_START, limit=1).records:
        assert time.monotonic() < deadline, "the run's step never started"
        time.sleep(0.2)


def _killed_by_the_code_server(instance, run_id: str, timeout: float = 60) -> None:
    """Waits until the code server has seen the run's worker die and failed the run."""
    deadline = time.monotonic() + timeout
    while instance.get_run_by_id(run_id).status != dg.DagsterRunStatus.FAILURE:
        assert time.monotonic() < deadline, "the code server never failed the killed run"
        time.sleep(0.2)


def test_the_give_up_message_says_a_killed_runs_cause_in_one_short_line(ws, monkeypatch):
    import pipelines.defs.sensors as sensors

    monkeypatch.setattr(sensors, "RETRY_BASE_SECONDS", 0.0)
    instance = _instance(ws)
    runs, cursor = _ready(ws)
    for _ in range(sensors.MAX_FAILED_RUNS - 1):
        finish(ws, submit(ws, runs[0]), success=False)
        runs, _, cursor = evaluate(ws, cursor)
    [last] = runs
    with ui_run(ws, instance, tags={**last.tags, "dagster/run_key": last.run_key}) as ui:
        _step_started(instance, ui.run.run_id)
        os.kill(ui.pid, signal.SIGKILL)  # the worker alone: the code server sees it die and fails the run
        _killed_by_the_code_server(instance, ui.run.run_id)
    runs, skip, _ = evaluate(ws, cursor)
    assert runs == [] and "exams/mock-01.csv" in skip and "not asked for again after 5 failed runs" in skip, skip
    short = ui.run.run_id[:8]
    assert (f"(last: Dagster run {short}, step hold_the_warehouse: the run's process was killed (signal 9, "
            f"SIGKILL: out of memory, or killed by hand); its full log: run {short} in `examready ui`)") in skip, skip
    assert "This usually indicates" not in skip and ui.run.run_id not in skip, skip
