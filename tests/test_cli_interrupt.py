"""Ctrl-C in a command other than `run` and `demo` ends it with one line and exit code 130, whether it
lands in Python code (click's Abort) or while DuckDB works (DuckDB's RuntimeError 'Query interrupted',
its InterruptException, or its error wrapping an interrupt raised in Python code it called).
Before: exit code 2, the usage-error code, with nothing said; or a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers_sigint import interrupted_child

# examready's console script with one more command, `busy`, that says it started, then works until stopped
# (python, duckdb), or meets an interrupt in the two other forms DuckDB reports one in, without a signal (whose
# timing decides the form): raised in Python code DuckDB calls (`con.register` reading a frame), con.interrupt()
WITH_A_BUSY_COMMAND = """
import threading, time
import click, duckdb, pandas as pd
from examready import cli

@cli.cli.command()
@click.argument("where", type=click.Choice(["python", "duckdb", "frame", "interrupt"]))
def busy(where):
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    print("started", flush=True)
    if where == "frame":
        def raise_interrupt(self, key):
            raise KeyboardInterrupt
        pd.DataFrame.__getitem__ = raise_interrupt
        con.register("frame", pd.DataFrame({"a": [1, 2]}))
    elif where == "interrupt":
        threading.Timer(0.5, con.interrupt).start()
    if where in ("duckdb", "interrupt"):  # ~3 s: DuckDB acts on a SIGINT at once, or at the query's end in 10-40% of runs
        con.execute("SELECT count(*) FROM range(2000000000) a, range(10) b").fetchall()
    else:
        time.sleep(120)

cli.main()
"""


@pytest.mark.parametrize("where", ["python", "duckdb"])
def test_ctrl_c_ends_a_command_with_one_line_and_130(where):
    code, _, err = interrupted_child(WITH_A_BUSY_COMMAND, "busy", where)
    assert code == 130, err
    assert err.strip() == "interrupted (Ctrl-C)"


@pytest.mark.parametrize("how", ["frame", "interrupt"])
def test_an_interrupt_duckdb_wraps_ends_a_command_with_one_line_and_130(how):
    done = subprocess.run([sys.executable, "-c", WITH_A_BUSY_COMMAND, "busy", how],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "interrupted (Ctrl-C)"
