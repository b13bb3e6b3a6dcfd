"""A run after new files of some kinds rebuilds only what those files can change, with the same result."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from pipelines.selection import stale_assets
from tests.conftest import run_json
from tests.helpers_workspace import add_demo_export

NOTE = "# Lake Formation\n\n## AWS Lake Formation\nTag-based access control grants columns to roles.\n"


def _keys(*names: str) -> set[dg.AssetKey]:
    return {dg.AssetKey(n.split(".")) for n in names}


@pytest.mark.parametrize("kinds, rebuilt, kept", [
    ({"exams"}, _keys("raw.answers", "staging.answers", "marts.readiness", "marts.forecast", "reports.site"),
     _keys("raw.note_sections", "staging.study_sessions", "marts.hours_weekly", "staging.exam_domains")),
    ({"hours"}, _keys("raw.study_sessions", "staging.study_sessions", "marts.hours_weekly", "staging.learners",
                      "marts.service_coverage", "reports.site"),
     _keys("raw.answers", "staging.answers", "marts.readiness", "marts.forecast", "marts.attempts")),
    ({"notes"}, _keys("staging.note_sections", "marts.service_coverage", "raw.quarantine", "reports.site"),
     _keys("staging.answers", "marts.hours_weekly", "marts.domain_evidence", "staging.exam_services")),
    ({"exams", "hours", "notes"}, _keys("raw.answers", "staging.study_sessions", "staging.note_sections",
                                        "marts.hours_weekly", "reports.site"),
     _keys("staging.exam_domains", "staging.exam_tasks", "staging.exam_services")),
])
def test_stale_assets_follow_the_kinds_that_changed(kinds, rebuilt, kept):
    stale = set(stale_assets(defs().resolve_asset_graph(), kinds))
    assert rebuilt <= stale and not kept & stale


def _built(ws) -> list[str]:
    """Asset keys materialized by the workspace's latest Dagster run."""
    with dg.DagsterInstance.from_config(str(ws / ".dagster")) as instance:
        run = instance.get_runs(limit=1)[0]
        records = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        return sorted(r.dagster_event.asset_key.to_user_string() for r in records)


def _model_rows(ws) -> dict[str, list]:
    """Every staging and marts table's rows, without when and under which id each file was loaded."""
    with duckdb.connect(str(ws / "warehouse.duckdb"), read_only=True) as con:
        columns = con.execute("SELECT schema_name || '.' || table_name, list(column_name ORDER BY column_index) "
                              "FILTER (column_name NOT IN ('load_id', 'recorded_at')) FROM duckdb_columns() "
                              "WHERE schema_name IN ('staging', 'marts') GROUP BY 1 ORDER BY 1").fetchall()
        return {t: con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL").fetchall() for t, cols in columns}


def test_a_new_export_rebuilds_less_and_gives_what_a_full_run_gives(demo_workspace, tmp_path, monkeypatch):
    import shutil

    # The runner rebuilds only part of the workspace after a clean run of the same day: a run now
    # (a no-op the same day) keeps a workspace built before midnight from making both runs full.
    run_json("run", "-w", str(demo_workspace))
    full = tmp_path / "full"
    shutil.copytree(demo_workspace, full)
    for ws in (demo_workspace, full):
        add_demo_export(ws, "mock-99")
    selective = run_json("run", "-w", str(demo_workspace))
    everything = run_json("run", "-w", str(full), env={"EXAMREADY_FULL_RUN": "1"})
    built, built_in_full = _built(demo_workspace), _built(full)
    assert len(built_in_full) == 25 and set(built) < set(built_in_full)
    assert "raw/answers" in built and "reports/site" in built and "staging/note_sections" not in built
    assert [(f["path"], f["status"]) for f in selective["files"]] == \
        [(f["path"], f["status"]) for f in everything["files"]]
    assert _model_rows(demo_workspace) == _model_rows(full)
    second = run_json("run", "-w", str(demo_workspace))
    assert {f["status"] for f in second["files"]} == {"unchanged"}


def test_a_file_of_another_kind_arriving_mid_run_gets_a_full_rerun(demo_workspace, monkeypatch):
    """The inbox is looked at before the run; a note dropped after that is loaded and its tables rebuilt."""
    from examready import runner
    from examready.workspace import find_workspace

    for key in ("DAGSTER_HOME", "EXAMREADY_WORKSPACE", "EXAMREADY_PROGRESS"):
        monkeypatch.setenv(key, "")
    looked_at = runner._inbox_stats

    def inbox_then_a_new_note(ws):
        stats = looked_at(ws)
        (ws.inbox / "notes" / "lake-formation.md").write_text(NOTE, encoding="utf-8")
        return stats

    monkeypatch.setattr(runner, "_inbox_stats", inbox_then_a_new_note)
    add_demo_export(demo_workspace, "mock-99")
    outcome = runner.run_pipeline(find_workspace(str(demo_workspace)))
    statuses = {f["path"]: f["status"] for f in outcome.files}
    assert statuses["notes/lake-formation.md"] == "loaded" and statuses["exams/mock-99.csv"] == "loaded"
    assert "staging/note_sections" in _built(demo_workspace)
    with duckdb.connect(str(demo_workspace / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM staging.note_sections WHERE heading = 'AWS Lake Formation'"
                           ).fetchone()[0] == 1
    assert not (demo_workspace / ".dagster" / runner.STATE_NAME).exists(), "the next run starts from scratch"
