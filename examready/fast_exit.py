"""Ending the `examready` process without Python's teardown of every imported module.

With Dagster, Great Expectations, pandas and Plotly imported, the interpreter's teardown (each module's
objects freed one by one) took 0.5-1.0 s after the command had finished (3 Dec: a bare process importing
them exited in 3.0-3.1 s with `os._exit` after the exit functions, 4.0-4.1 s without). Nothing of ours
needs it: the warehouse and Dagster's storage commit as they go and are closed by then. What a normal exit
does that matters is kept: live non-daemon threads are waited for (by a normal exit), the `atexit`
functions run, and stdout and stderr are flushed.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading


def exit_code(code: object) -> int:
    """What Python makes of `sys.exit(code)`: None is 0, an int itself, anything else is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def end_process(code: object) -> None:
    """Leave the process with `code` as `sys.exit` would, skipping the interpreter's module teardown."""
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)  # a thread still working: the normal exit waits for it
    status = exit_code(code)
    atexit._run_exitfuncs()  # what a normal exit runs first (public in CPython since 3.0, no wrapper)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): Python's own exit says 120 then
            status = status or 120
    os._exit(status)
