"""The raw checks executed alone, as the Dagster UI's "Execute" on a check launches them (a run that
selects the checks and no asset): they ingest nothing and check the latest load of each file."""
from __future__ import annotations

import dagster as dg
import duckdb

from pipelines.definitions import defs
from tests.helpers_workspace import add_demo_export

LEDGER = dg.AssetKey(["raw", "file_events"])
KEYS = [dg.AssetCheckKey(LEDGER, "no_half_loaded_file"), dg.AssetCheckKey(LEDGER, "every_row_loaded_or_quarantined"),
        dg.AssetCheckKey(dg.AssetKey(["raw", "validation_results"]), "failed_expectations_quarantined")]


def _checks_alone(root, monkeypatch) -> tuple[dict, int, bool]:
    """A run of the three raw checks and nothing else: ({check: (passed, metadata)}, materializations, whether
    the run succeeded; the checks are blocking, so a failed one fails its step)."""
    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(root))
    monkeypatch.setenv("DAGSTER_HOME", str(root / ".dagster"))
    job = dg.define_asset_job("raw_checks_alone", selection=dg.AssetSelection.checks(*KEYS))
    result = dg.Definitions.merge(defs(), dg.Definitions(jobs=[job])).resolve_job_def(
        "raw_checks_alone").execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    evaluations = {e.check_name: (e.passed, {k: v.value for k, v in e.metadata.items()})
                   for e in result.get_asset_check_evaluations()}
    return evaluations, len(result.get_asset_materialization_events()), result.success


def _ledger(root) -> list[tuple]:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute("SELECT run_id, path, status FROM raw.file_events ORDER BY ALL").fetchall()


def test_a_raw_check_run_alone_checks_each_files_latest_load_and_ingests_nothing(demo_workspace, monkeypatch):
    add_demo_export(demo_workspace, "mock-new")  # a new file: a check run alone must not load it
    ledger = _ledger(demo_workspace)
    files = len({path for _, path, _ in ledger})
    checks, materialized, success = _checks_alone(demo_workspace, monkeypatch)
    assert success and materialized == 0 and _ledger(demo_workspace) == ledger
    assert set(checks) == {k.name for k in KEYS} and files > 20
    for passed, metadata in checks.values():
        assert passed and metadata["files_checked"] == files and "latest load" in metadata["checked"]

    with duckdb.connect(str(demo_workspace / "warehouse.duckdb")) as con:  # corrupt three files' loads
        con.execute("DELETE FROM raw.answers WHERE line = 2 AND load_id = (SELECT load_id FROM raw.file_events "
                    "WHERE path = 'exams/mock-01.csv')")
        con.execute("UPDATE raw.file_events SET rows_loaded = rows_loaded - 1 WHERE path = 'exams/mock-02.csv'")
        con.execute("INSERT INTO raw.validation_results SELECT load_id, learner_id, path, 'answers', 'made_up', "
                    "NULL, false, 1, rows_in, 1, 'great_expectations' FROM raw.file_events "
                    "WHERE path = 'exams/mock-04.csv'")
    checks, _, success = _checks_alone(demo_workspace, monkeypatch)
    assert not success and not any(passed for passed, _ in checks.values())
    assert [p["path"] for p in checks["no_half_loaded_file"][1]["problems"]] == ["exams/mock-01.csv"]
    assert [p["path"] for p in checks["every_row_loaded_or_quarantined"][1]["problems"]] == ["exams/mock-02.csv"]
    leaking = checks["failed_expectations_quarantined"][1]["not_quarantined"]
    assert [(o["table"], o["expectation"]) for o in leaking] == [("answers", "made_up")]
