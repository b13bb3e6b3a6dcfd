"""A damaged SQLite file of Dagster's run storage (runs, event index, schedules) makes `run` say which
file and what to do, exit code 2, and leaves the file as it was; moved aside, the next run starts Dagster's
history anew. Before: a sqlalchemy traceback. The commands that read the warehouse never open these files."""
from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from examready.dagster_storage import damaged_files, unreadable
from tests.conftest import run_cli

STORAGE = ["history/runs.db", "history/runs/index.db", "schedules/schedules.db"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A workspace after one run (the demo's inbox is not needed: Dagster's files are written by any run)."""
    root = tmp_path_factory.mktemp("history") / "ws"
    run_cli("init", str(root), "--learner", "me")
    run_cli("run", "-w", str(root))
    (root / ".dagster" / "last-run.json").unlink()  # so the next run is a job run, which opens the storage
    return root


@pytest.mark.parametrize("name", STORAGE)
def test_run_names_the_damaged_file_and_leaves_it(built, tmp_path, name):
    root = tmp_path / "ws"
    shutil.copytree(built, root)
    damaged = root / ".dagster" / name
    os.truncate(damaged, 5000)
    before = damaged.read_bytes()

    done = run_cli("run", "-w", str(root), check=False)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {damaged}: Dagster's run history cannot be read ("), done.stderr
    assert "move it aside and run again" in done.stderr
    assert damaged.read_bytes() == before
    assert "pass probability" in run_cli("readiness", "-w", str(root)).stdout

    damaged.rename(damaged.with_name(damaged.name + ".damaged"))
    run_cli("run", "-w", str(root))
    assert damaged_files(root / ".dagster") == []


def test_a_sound_storage_or_another_error_is_no_damage(built, tmp_path):
    assert damaged_files(built / ".dagster") == []
    assert unreadable(built / ".dagster", sqlite3.OperationalError("database is locked")) is None
    (tmp_path / "runs.db").write_text("not a database")
    assert damaged_files(tmp_path) == [tmp_path / "runs.db"]
    assert unreadable(tmp_path, ValueError("not SQLite's")) is None
    assert "runs.db: Dagster's run history cannot be read (file is not a database)" in \
        str(unreadable(tmp_path, sqlite3.DatabaseError("file is not a database")))
