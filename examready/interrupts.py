"""Ctrl-C during `examready run` and `examready demo`: the run on a worker thread, the main thread
free to stop at once."""
from __future__ import annotations

import os
import shlex
import signal
import sys
import threading
from contextlib import redirect_stdout
from pathlib import Path

from examready.options import EXIT_INTERRUPTED
from examready.runner import RunOutcome, run_pipeline
from pipelines.workspace import Workspace


def run_interruptibly(ws: Workspace, show_progress: bool = False) -> RunOutcome:
    """`run_pipeline` for the CLI, so that Ctrl-C stops it at once, wherever it is.

    The run goes on a worker thread that blocks SIGINT, and so do the processes Dagster starts for
    it (signal masks are inherited: its `tail` log mirrors would otherwise die with a traceback);
    the calling (main) thread waits and gets the KeyboardInterrupt. The caller then ends the
    process (`os._exit`) as a kill would: every file's load is one transaction (a batch of notes shares
    one) and the ledger records a file only with its rows, so nothing is half-loaded or counted twice, and
    `last-run.json`, removed before the job started, makes the next run a full one.
    """
    box: dict = {}

    def work() -> None:
        try:
            box["outcome"] = run_pipeline(ws, show_progress=show_progress, own_process=True)
        except BaseException as exc:  # noqa: BLE001  (re-raised on the calling thread)
            box["error"] = exc

    worker = threading.Thread(target=work, name="examready-run", daemon=True)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        worker.start()  # the new thread starts with SIGINT blocked
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
    while worker.is_alive():
        worker.join(0.25)
    if "error" in box:
        raise box["error"]
    return box["outcome"]


def cancel_own_runs(timeout: float = 3.0) -> None:
    """Mark this process's unfinished Dagster runs canceled and free their pool slots (best effort,
    at most `timeout` seconds), for a run interrupted before it could finish; a run left behind is
    released by the next `examready run` anyway (`settle_earlier_runs`)."""
    import sys

    if "dagster" not in sys.modules or not os.environ.get("DAGSTER_HOME"):
        return

    def cancel() -> None:
        import dagster as dg

        from pipelines.dagster_runs import PID_TAG

        instance = dg.DagsterInstance.get()
        active = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.NOT_STARTED]
        for run in instance.get_runs(filters=dg.RunsFilter(statuses=active, tags={PID_TAG: str(os.getpid())})):
            instance.report_run_canceled(run, message="interrupted (Ctrl-C); `examready run` again rebuilds")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)

    def quietly() -> None:
        try:
            cancel()
        except Exception:  # noqa: BLE001  (best effort: the next run releases it)
            pass

    helper = threading.Thread(target=quietly, daemon=True)
    helper.start()
    helper.join(timeout)


def exit_interrupted(line: str) -> None:
    """Ctrl-C: one line on stderr, this process's runs marked canceled, then the process ends at once
    (exit code 130; a run's thread is not waited for)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while finishing up changes nothing
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
    sys.stdout.flush()
    cancel_own_runs()
    os._exit(EXIT_INTERRUPTED)


def demo_interruptibly(directory: str, seed: int) -> RunOutcome:
    """`examready demo`'s work: write the sample workspace, run the job; Ctrl-C anywhere in it ends
    the process with one line and exit code 130, and the next `examready demo` refills the folder
    (it carries the demo marker from the start: examready/demo.py)."""
    from examready.demo import write_demo_workspace

    try:
        ws = write_demo_workspace(Path(directory), seed=seed)
        with redirect_stdout(sys.stderr):  # stdout carries only the dashboard path
            return run_interruptibly(ws, show_progress=sys.stderr.isatty())
    except KeyboardInterrupt:
        again = "examready demo" + ("" if directory == "demo-workspace" else f" {shlex.quote(str(directory))}")
        exit_interrupted(f"interrupted: the demo stopped part-way; run `{again}` again: it refills the folder "
                         f"and runs everything")
        raise  # not reached: exit_interrupted ends the process
