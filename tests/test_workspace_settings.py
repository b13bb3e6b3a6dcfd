"""Workspace settings that tune the engine: DuckDB's memory limit comes from examready.yaml."""
from __future__ import annotations

import pytest

from examready.workspace import WorkspaceError, find_workspace
from pipelines.defs.resources import WarehouseResource
from tests.helpers_workspace import new_workspace


def _with_setting(tmp_path, line: str):
    ws = new_workspace(tmp_path / "ws")
    config = ws.root / "examready.yaml"
    config.write_text("\n".join(ln for ln in config.read_text().splitlines() if not ln.startswith("memory_limit"))
                      + f"\n{line}\n")
    return ws


@pytest.mark.parametrize("setting, duckdb_shows", [("memory_limit: 2GB", "1.8 GiB"), ("memory_limit: 512MiB", "512.0 MiB")])
def test_the_warehouse_resource_opens_duckdb_with_the_workspace_memory_limit(tmp_path, setting, duckdb_shows):
    ws = _with_setting(tmp_path, setting)
    with WarehouseResource(workspace_dir=str(ws.root)).connect() as con:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == duckdb_shows


def test_a_new_workspace_writes_the_default_and_a_bad_value_names_the_file(tmp_path):
    ws = new_workspace(tmp_path / "fresh")
    assert 'memory_limit: "1GB"' in (ws.root / "examready.yaml").read_text()
    bad = _with_setting(tmp_path / "bad", "memory_limit: plenty")
    with pytest.raises(WorkspaceError, match=r"examready\.yaml: memory_limit 'plenty' is not a size"):
        find_workspace(bad.root)
