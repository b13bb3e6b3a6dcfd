"""A warehouse file DuckDB cannot open (cut short, not a database) gets one error naming the file and what
to do, exit code 2, from every command that opens it, and is left as it was. Before: a DuckDB traceback.
`open` (which reads the pages, not the warehouse) still opens them."""
from __future__ import annotations

import os

import duckdb
import pytest

from tests.conftest import run_cli
from warehouse.connection import is_lock_error

DAMAGE = {
    "cut short": lambda path: os.truncate(path, 100_000),
    "not a database": lambda path: path.write_text("date,score\n2026-11-20,61\n"),
}
COMMANDS = [["run", "--json"], ["readiness"], ["gaps", "--json"], ["quarantine"], ["learners"],
            ["forget", "exams/mock-01.csv"], ["open", "--learner", "me"]]


@pytest.fixture(scope="module", params=list(DAMAGE))
def damaged(request, tmp_path_factory):
    """A workspace built once (its pages written) whose warehouse file was then damaged, and the file's bytes."""
    root = tmp_path_factory.mktemp("damaged") / "ws"
    run_cli("init", str(root), "--learner", "me")
    run_cli("run", "-w", str(root))
    DAMAGE[request.param](root / "warehouse.duckdb")
    return root, (root / "warehouse.duckdb").read_bytes()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_names_the_damaged_file_and_leaves_it(damaged, command):
    root, before = damaged
    done = run_cli(*command, "-w", str(root), check=False, env={"BROWSER": "true"})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {root / 'warehouse.duckdb'}: the warehouse cannot be opened (")
    assert "Restore it from a backup, or move it aside" in done.stderr
    assert (root / "warehouse.duckdb").read_bytes() == before


def test_open_shows_the_pages_of_a_damaged_warehouse(damaged):
    root, _ = damaged
    done = run_cli("open", "-w", str(root), env={"BROWSER": "true"})
    assert done.stdout.strip().endswith("index.html")


def test_moved_aside_the_next_run_builds_a_new_warehouse(damaged, tmp_path):
    root, before = damaged
    work = tmp_path / "ws"
    run_cli("init", str(work), "--learner", "me")
    (work / "warehouse.duckdb").write_bytes(before)
    (work / "warehouse.duckdb").rename(work / "damaged.duckdb")
    run_cli("run", "-w", str(work))
    assert "pass probability" in run_cli("readiness", "-w", str(work)).stdout
    assert (work / "damaged.duckdb").read_bytes() == before


@pytest.mark.parametrize("message, is_lock", [
    ('IO Error: Could not set lock on file "w.duckdb": Conflicting lock is held in python (PID 7)', True),
    ('IO Error: Could not read enough bytes from file "w.duckdb": attempted to read 4096 bytes from block 3', False),
    ('IO Error: The file "w.duckdb" exists, but it is not a valid DuckDB database file!', False),
])
def test_only_a_lock_error_is_taken_for_the_lock(message, is_lock):
    assert is_lock_error(duckdb.IOException(message)) is is_lock
