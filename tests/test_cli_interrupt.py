"""Ctrl-C in a command other than `run` and `demo` ends it with one line and exit code 130, whether it
lands in Python code (click's Abort) or during a DuckDB query (DuckDB's RuntimeError 'Query interrupted').
Before: exit code 2, the usage-error code, with nothing said; or a traceback."""
from __future__ import annotations

import pytest

from tests.helpers_sigint import interrupted_child

# examready's console script with one more command, `busy`, that says it started, then works until stopped
WITH_A_BUSY_COMMAND = """
import time
import click, duckdb
from examready import cli

@cli.cli.command()
@click.argument("where", type=click.Choice(["python", "duckdb"]))
def busy(where):
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    print("started", flush=True)
    if where == "duckdb":  # ~3 s: DuckDB acts on a SIGINT at once, or at the query's end in 10-40% of runs
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
