"""Runs whose process is gone (the UI killed with its process group, power loss, out of memory):
failed, their `warehouse` pool slot freed, by the CLI before its run and by the inbox sensor; a live
run is waited for, saying so, and the wait stops at once on Ctrl-C or SIGTERM."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import dagster as dg
import pytest
import yaml

from pipelines.dagster_runs import settle_earlier_runs
from pipelines.dagster_yaml import DAGSTER_YAML, OLD_DAGSTER_YAMLS, write_dagster_yaml
from pipelines.run_processes import run_process, same_process_alive
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.helpers_ui_run import ui_run

POOL = "warehouse"


@pytest.fixture
def ws(tmp_path):
    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    (ws.inbox / "exams" / "m.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                             "m1,2026-02-01 10:00,Q1,Domain 1,true\n", encoding="utf-8")
    return ws


@pytest.fixture
def instance(ws):
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as inst:
        yield inst


def dead_pid() -> int:
    proc = subprocess.Popen(["sleep", "60"])
    proc.kill()
    proc.wait()
    return proc.pid


def slot_holders(instance) -> set[str]:
    return {slot.run_id for slot in instance.event_log_storage.get_concurrency_info(POOL).claimed_slots}


def test_a_ui_run_whose_worker_is_gone_is_failed_and_its_slot_freed(ws, instance):
    with ui_run(ws, instance) as ui:
        dead = ui.run
        assert run_process(instance, dead)[0] == ui.pid  # read from the event Dagster's worker wrote
        assert slot_holders(instance) == {dead.run_id}
        ui.kill()
        assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.STARTED
        assert settle_earlier_runs(instance) == [dead.run_id]
    run = instance.get_run_by_id(dead.run_id)
    assert run.status == dg.DagsterRunStatus.FAILURE and slot_holders(instance) == set()
    failure = instance.get_records_for_run(dead.run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    assert "process" in failure[-1].event_log_entry.dagster_event.message


def test_the_inbox_sensor_releases_a_dead_run(ws, instance):
    """While `examready ui` runs, the sensor is what notices a worker killed on its own (OOM)."""
    from pipelines.defs.resources import WarehouseResource
    from pipelines.defs.sensors import inbox_sensor

    with ui_run(ws, instance) as ui:
        dead = ui.run
        ui.kill()
        with dg.build_sensor_context(instance=instance, resources={
                "warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as context:
            inbox_sensor(context)
    assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
    assert slot_holders(instance) == set()


def test_a_live_run_is_left_alone_and_a_reused_pid_is_not_taken_for_it(ws, instance):
    from pipelines.dagster_runs import release_dead_runs

    with ui_run(ws, instance) as ui:
        live = ui.run
        assert release_dead_runs(instance) == []
        assert instance.get_run_by_id(live.run_id).status == dg.DagsterRunStatus.STARTED
        assert slot_holders(instance) == {live.run_id}
    # a pid recorded an hour ago that now belongs to a process started since (e.g. after a reboot)
    assert same_process_alive(os.getpid(), time.time())
    assert not same_process_alive(os.getpid(), time.time() - 3600)
    assert not same_process_alive(dead_pid(), time.time())


def _start_cli(ws):
    env = {k: v for k, v in os.environ.items() if k not in ("EXAMREADY_WORKSPACE", "DAGSTER_HOME")}
    return subprocess.Popen([sys.executable, "-m", "examready", "run", "-w", str(ws.root)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_line(proc, needle: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        if needle in line:
            return line
    proc.kill()
    raise AssertionError(f"no '{needle}' on stderr; got:\n{''.join(seen)}")


def test_cli_waits_for_a_live_ui_run_saying_so_then_runs_when_its_worker_dies(ws, instance):
    """The reviewer's hang: the UI's run holds the slot; `examready run` used to wait silently forever."""
    with ui_run(ws, instance) as ui:
        held = ui.run
        cli = _start_cli(ws)
        line = _wait_for_line(cli, "waiting for Dagster run")
        assert held.run_id[:8] in line and "inbox sensor" in line and f"kill {ui.pid}" in line
        assert "Terminate it in the Dagster UI" in line and "Ctrl-C" in line
        ui.kill()  # the UI killed with its process group (or its worker out of memory)
        # a hang detector: the CLI frees the slot, then the whole job runs (over 120 s in a 76-minute CI); a CLI
        # that hangs is killed, not left to spin through the rest of the suite
        try:
            out, err = cli.communicate(timeout=300)
        finally:
            cli.kill()
        assert cli.returncode == 0, err[-3000:]
    assert instance.get_run_by_id(held.run_id).status == dg.DagsterRunStatus.FAILURE
    assert slot_holders(instance) == set()
    assert "m.csv" in out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_cli_waiting_for_a_live_run_stops_at_once_on_ctrl_c_or_sigterm(ws, instance, sig):
    with ui_run(ws, instance) as ui:
        cli = _start_cli(ws)
        _wait_for_line(cli, "waiting for Dagster run")
        sent = time.monotonic()
        cli.send_signal(sig)
        try:
            cli.communicate(timeout=10)
        finally:
            cli.kill()
        assert cli.returncode != 0 and time.monotonic() - sent < 5
        # the live run is not touched by the command that gave up waiting
        assert instance.get_run_by_id(ui.run.run_id).status == dg.DagsterRunStatus.STARTED
        assert slot_holders(instance) == {ui.run.run_id}


def test_workspace_instance_has_run_monitoring(tmp_path):
    """Run monitoring on, as the default run launcher allows it (no resume); old default files upgraded."""
    settings = yaml.safe_load(DAGSTER_YAML)["run_monitoring"]
    assert settings["enabled"] and settings["max_resume_run_attempts"] == 0
    assert settings["free_slots_after_run_end_seconds"] > 0
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text(OLD_DAGSTER_YAMLS[0], encoding="utf-8")
    write_dagster_yaml(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == DAGSTER_YAML
    with dg.DagsterInstance.from_config(str(home)) as inst:
        assert inst.run_monitoring_enabled and inst.run_monitoring_start_timeout_seconds == 180
    edited = "telemetry:\n  enabled: false\n"
    (home / "dagster.yaml").write_text(edited, encoding="utf-8")
    write_dagster_yaml(home)
    assert (home / "dagster.yaml").read_text(encoding="utf-8") == edited
