"""The warehouse resource keeps one writing connection per run: shared, closed on failure and at teardown."""
from __future__ import annotations

import subprocess
import sys

import dagster as dg
import pytest

from pipelines.defs.resources import WarehouseResource
from tests.helpers_workspace import new_workspace

OPEN_FOR_WRITING = "import sys, duckdb; duckdb.connect(sys.argv[1]).close()"


def _lock_is_free(db_path) -> bool:
    """Another process can open the file for writing (DuckDB allows one writing process)."""
    return subprocess.run([sys.executable, "-c", OPEN_FOR_WRITING, str(db_path)], capture_output=True).returncode == 0


def test_steps_share_one_writer_and_the_file_is_free_after_the_run(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    with dg.build_resources({"warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as resources:
        warehouse = resources.warehouse
        with warehouse.connect() as first:
            first.execute("CREATE TABLE kept AS SELECT 1 AS x")
        with warehouse.connect() as second, warehouse.connect(read_only=True) as reader:
            assert second is first and reader is first
            assert reader.execute("SELECT x FROM kept").fetchall() == [(1,)]
        assert not _lock_is_free(ws.db_path)  # held between steps: no other writer slips in
    assert _lock_is_free(ws.db_path)


def test_a_failing_step_closes_the_writer_and_its_open_work_is_rolled_back(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    with dg.build_resources({"warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as resources:
        warehouse = resources.warehouse
        with pytest.raises(RuntimeError, match="step failed"):
            with warehouse.connect() as failed:
                failed.execute("BEGIN")
                failed.execute("CREATE TABLE half_done AS SELECT 1 AS x")
                raise RuntimeError("step failed")
        assert _lock_is_free(ws.db_path)
        with warehouse.connect() as fresh:
            assert fresh is not failed
            assert fresh.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'half_done'").fetchone() == (0,)


def test_read_only_before_any_write_gets_its_own_connection_closed_after_use(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    with dg.build_resources({"warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as resources:
        with resources.warehouse.connect() as con:
            con.execute("CREATE TABLE t AS SELECT 1 AS x")
    with dg.build_resources({"warehouse": WarehouseResource(workspace_dir=str(ws.root))}) as resources:
        with resources.warehouse.connect(read_only=True) as reader:
            assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
        assert _lock_is_free(ws.db_path)
