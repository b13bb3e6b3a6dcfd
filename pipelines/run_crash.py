"""A run whose process died (SIGKILL, out of memory, a crash): Dagster's code server records why in
an engine event, a paragraph ("[DagsterApiServer] Run execution process for RUN was terminated by
signal 9 (SIGKILL). This usually indicates …"), and then fails the run with a message that says
nothing ("marked as failed from outside the execution context"). A run interrupted (SIGINT or
SIGTERM: `examready ui` stopped while it ran) fails with the bare class name
`dagster._core.errors.DagsterExecutionInterruptedError`. The notices say either in examready's words."""
from __future__ import annotations

import re

_DIED = re.compile(r"^(?:\[\w+\] )?Run execution process for \S+ (?:was terminated by signal (\d+) \((\w+)\)"
                   r"|unexpectedly exited with code (-?\d+))")
_INTERRUPTED = re.compile(r"^(?:[\w.]+\.)?DagsterExecutionInterruptedError\b|^KeyboardInterrupt\b")
INTERRUPTED = "it was interrupted (`examready ui` stopped while it ran, or its process got SIGINT or SIGTERM)"


def crash_event_message(instance, run_id: str) -> str | None:
    """The code server's line on the run's process having died, or None."""
    import dagster as dg

    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT,
                                               ascending=False, limit=20).records:
        message = (record.event_log_entry.dagster_event.message or "").strip()
        if _DIED.match(message):
            return message
    return None


def crash_text(cause: str) -> str | None:
    """The process's death or interruption in examready's words (None when `cause` is neither)."""
    if _INTERRUPTED.match(cause.strip()):
        return INTERRUPTED
    died = _DIED.match(cause.strip())
    if died is None:
        return None
    number, name, code = died.groups()
    if code is not None:
        return f"the run's process exited unexpectedly (exit code {code})"
    why = ": out of memory, or killed by hand" if name == "SIGKILL" else ""
    return f"the run's process was killed (signal {number}, {name}{why})"
