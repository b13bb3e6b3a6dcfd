"""A run that took the warehouse's pool slot after `examready run` looked for live runs
(pipelines/dagster_runs.py `settle_earlier_runs`): the CLI's run waits for it inside Dagster, and
says so in one line as soon as one of its steps waits (Dagster's own wait says nothing at the CLI's
log level)."""
from __future__ import annotations

import sys
import threading
from contextlib import contextmanager

from pipelines.run_notices import clock

POOL = "warehouse"              # the pool every asset that opens the warehouse is in
POOL_POLL_SECONDS = 0.5


def _slot_taker(instance, run_id: str):
    """The run holding the pool slot that a step of run `run_id` is waiting for, or None."""
    info = instance.event_log_storage.get_concurrency_info(POOL)
    if not any(step.run_id == run_id and step.assigned_timestamp is None for step in info.pending_steps):
        return None
    holders = [slot.run_id for slot in info.claimed_slots if slot.run_id != run_id]
    return instance.get_run_record_by_id(holders[0]) if holders else None


def pool_wait_line(instance, record) -> str:
    """What `examready run` says when its step waits for another run's hold on the warehouse pool."""
    from pipelines.dagster_runs import launcher
    from pipelines.run_processes import run_process

    run = record.dagster_run
    known = run_process(instance, run)
    stop = f"`kill {known[0]}`, " if known else ""
    return (f"examready: waiting for Dagster run {run.run_id[:8]} (started by {launcher(run)} at "
            f"{clock(record.start_time or record.create_timestamp.timestamp())}) to free the warehouse: it "
            f"started after this command looked, and the warehouse takes one run at a time. To stop that run: "
            f"Terminate it in the Dagster UI (Runs), {stop}or stop `examready ui`. Ctrl-C stops this command instead.")


@contextmanager
def say_when_waiting_for_pool(instance, run_id: str, err=None, poll: float = POOL_POLL_SECONDS):
    """While the block runs run `run_id`, say once on `err` (stderr) when one of its steps waits for the
    warehouse pool slot another run holds (Dagster's own wait says nothing at the CLI's log level), and free
    that slot if the holder's process dies meanwhile (no sensor may be left to do it)."""
    err = err or sys.stderr
    done = threading.Event()

    def watch() -> None:
        from pipelines.dagster_runs import release_dead_runs

        said = False
        while not done.wait(poll):
            try:
                holder = _slot_taker(instance, run_id)
                if holder is None:
                    continue
                if not said:
                    print(pool_wait_line(instance, holder), file=err, flush=True)
                    said = True
                release_dead_runs(instance)  # its process killed meanwhile (the UI with it): the slot is freed
            except Exception:  # noqa: BLE001  (storage busy or closing: look again, or stop with the run)
                continue

    watcher = threading.Thread(target=watch, name="examready-pool-wait", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join(2.0)
