"""The commands that read the marts say, on stderr, when the last background run failed (it may have
left them older than the inbox), as `examready run` does; the answer is kept until a run is recorded."""
from __future__ import annotations

import json

import dagster as dg

from examready.workspace import Config, create_workspace, find_workspace
from tests.conftest import run_cli
from tests.test_run_retries import schedule_tags


def failed_scheduled_run(ws, tmp_path, monkeypatch) -> dg.DagsterRun:
    """A real run of the refresh job, tagged as the daily schedule's, recorded in the workspace's
    Dagster instance, that failed: its warehouse resource points at a file that is not DuckDB."""
    from pipelines.definitions import defs

    broken = create_workspace(tmp_path / "broken", Config(learner_id="sam"))
    broken.db_path.write_bytes(b"this is not a DuckDB database " * 200)
    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(broken.root))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        result = defs().resolve_job_def("refresh").execute_in_process(
            instance=instance, raise_on_error=False, tags=schedule_tags())
        assert not result.success
        return instance.get_run_by_id(result.run_id)


def _notices(proc) -> list[str]:
    return [line for line in proc.stderr.splitlines() if "last background run failed" in line]


def test_readiness_and_gaps_name_a_failed_background_run_until_a_run_succeeds(demo_workspace, tmp_path,
                                                                               monkeypatch):
    ws = find_workspace(demo_workspace)
    run = failed_scheduled_run(ws, tmp_path, monkeypatch)
    readiness = run_cli("readiness", "-w", str(demo_workspace), "--json")
    assert json.loads(readiness.stdout)["domains"]  # stdout holds the JSON alone
    said = _notices(readiness)
    assert len(said) == 1, readiness.stderr
    assert f"Dagster run {run.run_id[:8]}" in said[0] and "the daily schedule" in said[0]
    assert "not a valid DuckDB database" in said[0]
    assert f"`examready run -w {ws.root}` brings it up to date" in said[0]
    assert _notices(run_cli("gaps", "-w", str(demo_workspace))) == said  # from the answer kept
    assert _notices(run_cli("learners", "-w", str(demo_workspace))) == said
    run_cli("run", "-w", str(demo_workspace), env={"EXAMREADY_FULL_RUN": "1"})
    assert _notices(run_cli("readiness", "-w", str(demo_workspace))) == []


def test_no_notice_when_the_last_background_run_succeeded(demo_workspace):
    readiness = run_cli("readiness", "-w", str(demo_workspace))
    assert _notices(readiness) == [] and "pass probability" in readiness.stdout


def test_a_background_run_failed_on_a_held_warehouse_is_said_in_examready_words(demo_workspace, tmp_path,
                                                                               monkeypatch):
    """A scheduled run that could not open the warehouse (another process held DuckDB's write lock)
    is named as the warehouse in use, with the holder's PID: not DuckDB's error, on one short line."""
    import subprocess
    import sys

    from pipelines.definitions import defs

    ws = find_workspace(demo_workspace)
    held = create_workspace(tmp_path / "held", Config(learner_id="sam"))
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('holding', flush=True); time.sleep(300)", str(held.db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        monkeypatch.setenv("EXAMREADY_WORKSPACE", str(held.root))
        with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
            result = defs().resolve_job_def("refresh").execute_in_process(
                instance=instance, raise_on_error=False, tags=schedule_tags())
    finally:
        holder.kill()
        holder.wait()
    assert not result.success
    for command in ("readiness", "gaps", "learners"):
        said = _notices(run_cli(command, "-w", str(demo_workspace)))
        assert len(said) == 1
        assert f"the warehouse was in use by another process (PID {holder.pid}). What this" in said[0], said[0]
        assert "IOException" not in said[0] and "duckdb.org" not in said[0] and len(said[0]) < 400
    run = _notices(run_cli("run", "-w", str(demo_workspace), env={"EXAMREADY_FULL_RUN": "1"}))
    assert len(run) == 1 and f"another process (PID {holder.pid}). This run does its work now." in run[0], run


def test_another_error_is_its_first_line_without_the_exception_class_and_trimmed():
    from examready.run_notices import CAUSE_LIMIT, failure_line

    cause = "_duckdb.BinderException: Binder Error: " + "column x not found " * 30 + "\nLINE 1: SELECT x"
    line = failure_line({"run_id": "abcdef0123", "launcher": "the daily schedule", "retries": "",
                         "ended": 0.0, "cause": cause}, "Then.")
    said = line.split("): ", 1)[1]
    assert said.startswith("column x not found") and said.endswith("…. Then.")
    assert len(said) <= CAUSE_LIMIT + len(". Then.") and "LINE 1" not in line and "Binder" not in line
