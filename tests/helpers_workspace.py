"""Small shared helpers for tests: a fresh workspace, in-process ingestion, table digests."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipelines.workspace import Workspace
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace


def new_workspace(root: Path, exam: str = "DEA-C01", learner: str = "me") -> Workspace:
    """An empty workspace (config, inbox folders) at root."""
    return create_workspace(root, Config(exam=exam, learner_id=learner))


def add_demo_export(ws_root: Path, name: str) -> None:
    """A copy of the demo workspace's first mock export under another attempt id: one new export."""
    lines = (ws_root / "inbox" / "exams" / "mock-01.csv").read_text().splitlines()
    rows = [lines[0]] + [line.replace("mock-01", name) for line in lines[1:]]
    (ws_root / "inbox" / "exams" / f"{name}.csv").write_text("\n".join(rows) + "\n")


def materialize_in_new_workspace(root: Path, monkeypatch, selection: list):
    """The refresh job run in-process on an empty workspace at root, materializing only `selection`."""
    import dagster as dg

    from pipelines.definitions import defs

    ws = new_workspace(root)
    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(ws.root))
    monkeypatch.setenv("DAGSTER_HOME", str(ws.dagster_home))
    return defs().resolve_job_def("refresh").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), asset_selection=selection)


def asset_job_naming_no_executor():
    """An asset job that names no executor, as the one the UI's "Materialize" buttons launch (Dagster's
    implicit asset job, which cannot be reconstructed under its reserved name); here, so that a
    multiprocess executor's step processes can import it."""
    import dagster as dg

    from pipelines.definitions import defs

    plain = dg.Definitions(jobs=[dg.define_asset_job("materialize")])
    return dg.Definitions.merge(defs(), plain).resolve_job_def("materialize")


def run_refresh(ws: Workspace):
    """One run of the refresh job on the workspace, in this process as `examready run` does; its
    outcome, asserted successful."""
    import pytest

    from examready.job_run import use_workspace
    from examready.runner import run_pipeline

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EXAMREADY_WORKSPACE", str(ws.root))
        mp.setenv("DAGSTER_HOME", str(ws.dagster_home))
        use_workspace(ws)
        outcome = run_pipeline(ws)
    assert outcome.success, outcome.error
    return outcome


def ingest(ws: Workspace, run_id: str = "test-run"):
    """Run ingestion alone (no Dagster) over the workspace inbox; returns the file reports."""
    from sources.blueprint import load_blueprint
    from warehouse.connection import open_warehouse
    from warehouse.ingest import ingest_inbox

    with open_warehouse(ws.db_path) as con:
        return ingest_inbox(con, ws.inbox, load_blueprint(ws.config.exam), ws.config.learner_id, run_id)


def table_digests(db_path: Path) -> dict[str, str]:
    """{schema.table: sha256 of its rows in a canonical order} for every table and view in the warehouse."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() UNION ALL SELECT schema_name, "
                             "view_name FROM duckdb_views() WHERE NOT internal ORDER BY ALL").fetchall()
        out = {}
        for schema, table in tables:
            rows = con.execute(f'SELECT * FROM "{schema}"."{table}" ORDER BY ALL').fetchall()
            out[f"{schema}.{table}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def inbox_fingerprint(inbox: Path) -> dict[str, tuple[str, int]]:
    """{relative path: (sha256, mtime_ns)} of every file in the inbox, to prove it is untouched."""
    return {p.relative_to(inbox).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(inbox.rglob("*")) if p.is_file()}


def read_again_at_new_rules(ws: Workspace, held_reason: str) -> None:
    """A workspace whose one file was loaded at READING_RULES 42 (its file events marked so): the next run reads it
    again once (`replaced`: 1 line loaded, 1 held back for `held_reason`), the run after finds it `unchanged`."""
    from tests.conftest import run_json

    with duckdb.connect(str(ws.db_path)) as con:
        con.execute("UPDATE raw.file_events SET rules = 42")  # as that version stored it: 43 reads it again
    report = run_json("run", "-w", str(ws.root))
    assert [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]] == [("replaced", 1, 1)]
    assert [r["reason"] for r in run_json("quarantine", "-w", str(ws.root))["quarantined"]] == [held_reason]
    again = run_json("run", "-w", str(ws.root))
    assert [(f["status"], f["rows_loaded"]) for f in again["files"]] == [("unchanged", 0)]
