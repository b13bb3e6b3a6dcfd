"""The commands that read the marts say, on stderr, when the last background run failed (it may have
left them older than the inbox), as `examready run` does; the answer is kept until a run is recorded."""
from __future__ import annotations

import shlex

import json

import dagster as dg

from pipelines.workspace import find_workspace
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
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
    assert f"`examready run -w {shlex.quote(str(ws.root))}` brings it up to date" in said[0]
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
    from pipelines.run_notices import CAUSE_LIMIT, failure_line

    cause = "_duckdb.BinderException: Binder Error: " + "column x not found " * 30 + "\nLINE 1: SELECT x"
    line = failure_line({"run_id": "abcdef0123", "launcher": "the daily schedule", "retries": "",
                         "ended": 0.0, "cause": cause}, "Then.")
    said = line.split("): ", 1)[1]
    assert said.startswith("column x not found") and said.endswith("…. Then.")
    assert len(said) <= CAUSE_LIMIT + len(". Then.") and "LINE 1" not in line and "Binder" not in line


def _failed_run(instance, message: str) -> dg.DagsterRun:
    """A `refresh` run of the daily schedule, recorded in the instance's run storage as failed."""
    import uuid

    run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                         status=dg.DagsterRunStatus.STARTED, tags=schedule_tags()))
    instance.report_run_failed(run, message)
    return instance.get_run_by_id(run.run_id)


def _said(ws) -> list[str]:
    import io

    from examready.background_notice import say_if_background_run_failed

    err = io.StringIO()
    say_if_background_run_failed(ws, err)
    return err.getvalue().splitlines()


def test_a_workspace_without_run_storage_has_no_notice_and_keeps_no_answer(tmp_path):
    from examready.background_notice import CHECKED_NAME, _storage_stamp

    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    assert _storage_stamp(ws.dagster_home) is None
    assert _said(ws) == [] and not (ws.dagster_home / CHECKED_NAME).exists()


def test_the_storage_stamp_names_the_run_database_and_changes_when_a_run_is_recorded(tmp_path):
    from examready.background_notice import _storage_stamp

    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        instance.get_runs(limit=1)  # creates the run storage
        before = _storage_stamp(ws.dagster_home)
        assert before and before[0][0] == str(ws.dagster_home / "history" / "runs.db")
        assert _storage_stamp(ws.dagster_home) == before
        _failed_run(instance, "the warehouse was held by a notebook")
    assert _storage_stamp(ws.dagster_home) != before


def test_the_kept_answer_is_used_while_the_storage_is_unchanged_and_worked_out_again_after_a_new_run(tmp_path):
    """`examready run` keeps the answer (remember); a reader uses it without asking Dagster until a run is
    recorded: the kept answer, edited here, is what it says, until a new failed run replaces it."""
    from examready.background_notice import CHECKED_NAME, _storage_stamp, remember

    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    kept = ws.dagster_home / CHECKED_NAME
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        first = _failed_run(instance, "first failure")
        remember(ws, instance)
        saved = json.loads(kept.read_text(encoding="utf-8"))
        assert saved["stamp"] == _storage_stamp(ws.dagster_home)
        assert saved["answer"]["run_id"] == first.run_id and saved["answer"]["cause"] == "first failure"
        saved["answer"]["cause"] = "from the kept answer"
        kept.write_text(json.dumps(saved), encoding="utf-8")
        said = _said(ws)
        assert len(said) == 1 and f"Dagster run {first.run_id[:8]}" in said[0]
        assert "from the kept answer" in said[0] and "the daily schedule" in said[0]
        second = _failed_run(instance, "second failure")
    said = _said(ws)
    assert len(said) == 1 and f"Dagster run {second.run_id[:8]}" in said[0] and "second failure" in said[0]
    again = json.loads(kept.read_text(encoding="utf-8"))
    assert again["stamp"] == _storage_stamp(ws.dagster_home) and again["answer"]["run_id"] == second.run_id


def test_remember_after_a_successful_run_keeps_no_failure(tmp_path):
    import time
    import uuid

    from examready.background_notice import CHECKED_NAME, remember
    from pipelines.dagster_runs import cli_run_tags

    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        _failed_run(instance, "the warehouse was held by a notebook")
        assert len(_said(ws)) == 1
        run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                             status=dg.DagsterRunStatus.STARTED, tags=cli_run_tags()))
        instance.handle_new_event(dg.EventLogEntry(
            error_info=None, level="DEBUG", user_message="", run_id=run.run_id, timestamp=time.time(),
            dagster_event=dg.DagsterEvent(dg.DagsterEventType.RUN_SUCCESS.value, job_name="refresh")))
        remember(ws, instance)
    assert json.loads((ws.dagster_home / CHECKED_NAME).read_text(encoding="utf-8"))["answer"] is None
    assert _said(ws) == []


def test_open_names_a_failed_background_run_on_stderr(demo_workspace):
    ws = find_workspace(demo_workspace)
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        run = _failed_run(instance, "the warehouse was held by a notebook")
    opened = run_cli("open", "-w", str(demo_workspace), env={"BROWSER": "true"})
    assert opened.stdout.strip() == str(ws.site_dir / "index.html")  # stdout: the page's path alone
    said = _notices(opened)
    assert len(said) == 1 and f"Dagster run {run.run_id[:8]}" in said[0] and "the daily schedule" in said[0]
    assert f"What this command shows may be from before it: `examready run -w {shlex.quote(str(ws.root))}`" in said[0]


# What Dagster 1.13's code server records when a run's worker is killed (seen with `examready ui` and
# `kill -9` on the worker): an engine event with the signal, prefixed with the class that reported it,
# then a run failure with its default message.
KILLED = ("[DagsterApiServer] Run execution process for {run_id} was terminated by signal 9 (SIGKILL). This usually indicates "
          "that the process was killed by the operating system due to running out of memory. Possible "
          "solutions include increasing the amount of memory available to the run, reducing the amount of "
          "memory used by the ops in the run, or configuring the executor to run fewer ops concurrently.")


def test_a_background_run_whose_process_was_killed_is_said_so_not_dagsters_default_message(tmp_path):
    """Before: "… failed at 15:06:58): This run has been marked as failed from outside the execution
    context. …" — nothing about why; the code server's engine event holds the signal."""
    import uuid

    ws = create_workspace(tmp_path / "ws", Config(learner_id="sam"))
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        run = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                             status=dg.DagsterRunStatus.STARTED,
                                             tags={"examready/trigger": "inbox"}))
        instance.report_engine_event(KILLED.format(run_id=run.run_id), run)
        instance.report_run_failed(run)
        exited = instance.add_run(dg.DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()),
                                                status=dg.DagsterRunStatus.STARTED, tags=schedule_tags()))
    [said] = _said(ws)
    assert f"Dagster run {run.run_id[:8]} (started by the inbox sensor" in said
    assert ("): the run's process was killed (signal 9, SIGKILL: out of memory, or killed by hand). "
            "What this command shows") in said, said
    assert "outside the execution context" not in said
    with dg.DagsterInstance.from_config(str(ws.dagster_home)) as instance:
        instance.report_engine_event(f"Run execution process for {exited.run_id} unexpectedly exited with code 1.",
                                     exited)
        instance.report_run_failed(exited)
    [said] = _said(ws)
    assert "): the run's process exited unexpectedly (exit code 1). What this" in said, said
