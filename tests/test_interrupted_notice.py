"""A background run interrupted (`examready ui` stopped while it ran: SIGINT to its process) is named
as interrupted by the failed-background-run notice. Before: "… failed at 15:14:41):
dagster._core.errors.DagsterExecutionInterruptedError. …", a class name, not examready's words."""
from __future__ import annotations

import io
import signal
import subprocess
import sys
import time

import dagster as dg

from tests.helpers_workspace import new_workspace

RUN_AS_THE_SENSOR = """
import os, signal, sys
import dagster as dg
signal.signal(signal.SIGINT, signal.default_int_handler)  # a shell's background job starts with SIGINT ignored
os.environ["EXAMREADY_WORKSPACE"] = sys.argv[1]
from pipelines.definitions import defs
with dg.DagsterInstance.from_config(sys.argv[2]) as instance:
    defs().resolve_job_def("refresh").execute_in_process(
        instance=instance, raise_on_error=False, tags={"examready/trigger": "inbox"})
"""


def _step_started(home: str) -> bool:
    with dg.DagsterInstance.from_config(home) as instance:
        runs = instance.get_run_records(limit=1)
        return bool(runs) and bool(instance.get_records_for_run(
            runs[0].dagster_run.run_id, of_type=dg.DagsterEventType.STEP_START, limit=1).records)


def _interrupted_run(tmp_path, after_step_started: float):
    """A workspace whose inbox sensor-style run got one SIGINT `after_step_started` seconds into its first
    step, and that run's record and event types once its process ended."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "exams" / "m1.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                               "m1,2026-11-20 10:00,1,Data Store Management,true\n")
    home = str(ws.dagster_home)
    # the run storage, created once before the worker starts: two processes creating it at the same moment
    # may both stamp its schema, and the one that reads it then fails ("more than one head present")
    dg.DagsterInstance.from_config(home).dispose()
    err = tmp_path / "worker.err"
    with err.open("w") as stderr:
        worker = subprocess.Popen([sys.executable, "-c", RUN_AS_THE_SENSOR, str(ws.root), home], stderr=stderr)
    try:
        deadline = time.monotonic() + 120
        while not _step_started(home):
            assert worker.poll() is None and time.monotonic() < deadline, "the run ended before a step started"
            time.sleep(0.05)
        time.sleep(after_step_started)
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=120)
    finally:
        worker.kill()
    with dg.DagsterInstance.from_config(home) as instance:
        run = instance.get_run_records(limit=1)[0].dagster_run
        events = {r.event_log_entry.dagster_event.event_type_value
                  for r in instance.get_records_for_run(run.run_id).records if r.event_log_entry.dagster_event}
    return ws, run, events, _lost_in_a_callback(err.read_text())


def _lost_in_a_callback(stderr: str) -> bool:
    """Whether Python dropped the interrupt: Dagster's SIGINT handler raises, and when the signal lands while a
    garbage-collection callback runs (SQLAlchemy's `_collection_gced`), Python prints the exception as 'Exception
    ignored in' and goes on; the run then never saw an interrupt (7 Dec 2026: in CI, and in 10 of 19 runs of the
    1 s case here, on this session's code and on the last session's alike)."""
    return "Exception ignored in" in stderr and "DagsterExecutionInterruptedError" in stderr


def _delivered_interrupted_run(tmp_path, after_step_started: float):
    """`_interrupted_run`, set up again (a fresh workspace) while Python dropped the interrupt, up to 4 times:
    what is tested is what a run does with an interrupt it gets."""
    for attempt in range(4):
        ws, run, events, lost = _interrupted_run(tmp_path / f"attempt-{attempt}", after_step_started)
        if not lost:
            return ws, run, events
    raise AssertionError("Python dropped the interrupt in a garbage-collection callback 4 times")


def test_a_background_run_interrupted_is_said_to_be_interrupted(tmp_path):
    from examready.background_notice import say_if_background_run_failed

    ws, run, _ = _delivered_interrupted_run(tmp_path, 0.0)
    assert run.status == dg.DagsterRunStatus.FAILURE
    err = io.StringIO()
    say_if_background_run_failed(ws, err)
    [said] = err.getvalue().splitlines()
    assert "(started by the inbox sensor, failed at " in said
    assert ("): it was interrupted (`examready ui` stopped while it ran, or its process got SIGINT or SIGTERM). "
            "What this command shows") in said, said
    assert "DagsterExecutionInterruptedError" not in said


def test_one_interrupt_ends_the_run_without_a_retry(tmp_path):
    """One SIGINT during a step (the UI stopped, a run terminated) fails the run: before, the step was
    retried under the warehouse RetryPolicy, which Dagster applies to interrupts too, and the run succeeded
    (probed on the old code: 1 s after the first step started, raw_inbox retried). 0.3 s now: at 1 s raw_inbox is
    where Python dropped the interrupt in most runs (`_lost_in_a_callback`), at 0.3 s in 1 of 5."""
    _, run, events = _delivered_interrupted_run(tmp_path, 0.3)
    assert run.status == dg.DagsterRunStatus.FAILURE
    assert "STEP_UP_FOR_RETRY" not in events
