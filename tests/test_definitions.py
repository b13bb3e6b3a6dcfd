"""The Dagster definitions as a whole: they load (also through `dg check defs`), the refresh job
runs in-process, every writer is in the one `warehouse` pool, the instance config limits it to 1."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
import yaml

from pipelines.dagster_yaml import DAGSTER_YAML
from pipelines.definitions import defs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def test_refresh_job_in_process(definitions):
    job = definitions.resolve_job_def("refresh")
    assert job.executor_def.name == "in_process"


def test_sensor_and_schedule_target_refresh(definitions):
    sensor = definitions.resolve_sensor_def("inbox_sensor")
    schedule = definitions.resolve_schedule_def("daily_refresh")
    assert sensor.job_name == schedule.job_name == "refresh"
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_writers_share_one_pool_and_no_step_has_a_retry_policy(definitions):
    """A held warehouse is retried by the resource (tests/test_lock_retry.py); a RetryPolicy would retry an
    interrupted step too (tests/test_interrupted_notice.py)."""
    graph = definitions.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.assets_def.op.retry_policy is None, key.to_user_string()
        if node.group_name == "reports":  # pages read the warehouse read-only
            continue
        assert node.assets_def.op.pool == "warehouse", f"{key.to_user_string()} writes outside the pool"


def test_workspace_instance_limits_pool_and_runs_to_one(tmp_path):
    assert yaml.safe_load(DAGSTER_YAML)["concurrency"] == {"pools": {"default_limit": 1},
                                                          "runs": {"max_concurrent_runs": 1}}
    (tmp_path / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:  # as the workspace's DAGSTER_HOME
        config = instance.get_concurrency_config()
        assert config.pool_config.default_pool_limit == 1
        assert config.run_queue_config.max_concurrent_runs == 1
        assert instance.event_log_storage.supports_global_concurrency_limits
        assert instance.event_log_storage.get_concurrency_info("warehouse").limit == 1


@pytest.mark.slow
def test_dg_check_defs(tmp_path):
    """What CI runs: `dg check defs` from the project root, without a workspace configured."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "EXAMREADY_WORKSPACE"} | {"DAGSTER_HOME": str(home)}
    result = subprocess.run([str(Path(sys.executable).parent / "dg"), "check", "defs"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_layer_step_materializes_only_the_selected_tables(tmp_path, monkeypatch):
    """The staging models run as one step; selecting three of them builds those three, in order."""
    from tests.helpers_workspace import materialize_in_new_workspace

    selected = [dg.AssetKey(["staging", name]) for name in ("current_loads", "answer_exports", "answers")]
    result = materialize_in_new_workspace(tmp_path / "ws", monkeypatch, selected)
    assert result.success
    built = [e.asset_key for e in result.get_asset_materialization_events()]
    assert built == selected
    graph = defs().resolve_asset_graph()
    assert graph.get(dg.AssetKey(["staging", "learners"])).parent_keys >= {
        dg.AssetKey(["staging", "answer_exports"]), dg.AssetKey(["staging", "note_sections"])}


@pytest.mark.parametrize("before, sql, after", [
    ("CREATE TABLE staging.answers AS SELECT 1 AS a", "CREATE OR REPLACE VIEW staging.answers AS SELECT 2 AS a", 2),
    ("CREATE VIEW staging.answers AS SELECT 1 AS a", "CREATE OR REPLACE TABLE staging.answers AS SELECT 2 AS a", 2),
    ("CREATE VIEW staging.answers AS SELECT 1 AS a", "CREATE OR REPLACE VIEW staging.answers AS SELECT 2 AS a", 2),
    ("SELECT 1", "CREATE OR REPLACE VIEW staging.answers AS SELECT 2 AS a", 2),
])
def test_a_model_that_changed_kind_replaces_the_old_relation(before, sql, after):
    """A warehouse built when staging.answers was a table takes the view (and back) without a rebuild."""
    import duckdb

    from pipelines.sql_models import replace_other_kind

    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging")
    con.execute(before)
    replace_other_kind(con, "staging.answers", sql)
    con.execute(sql)
    assert con.execute("SELECT a FROM staging.answers").fetchall() == [(after,)]


def test_a_ui_materialization_runs_its_steps_in_one_process(tmp_path, monkeypatch):
    """Launched through its executor as the UI's run worker does: no process per step (108 s against 11 s)."""
    from tests.helpers_workspace import asset_job_naming_no_executor, new_workspace

    ws = new_workspace(tmp_path / "ws")
    monkeypatch.setenv("EXAMREADY_WORKSPACE", str(ws.root))
    selected = [dg.AssetKey(["staging", t]) for t in ("exam_domains", "exam_services", "exam_tasks")]
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        job = dg.reconstructable(asset_job_naming_no_executor)
        with dg.execute_job(job, instance, asset_selection=selected) as result:
            assert result.success
            built = [e.asset_key for e in result.get_asset_materialization_events()]
            messages = [e.message or "" for e in result.all_events if e.event_type_value == "ENGINE_EVENT"]
    assert sorted(built) == selected
    assert any(m.startswith("Executing steps in process") for m in messages), messages
    assert not any("ultiprocess" in m for m in messages), messages
    assert defs().resolve_implicit_global_asset_job_def().executor_def.name == "in_process"
