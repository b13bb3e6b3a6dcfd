"""What the Dagster UI shows of the demo's run: every DuckDB asset's columns, row count and a readable
preview; raw tables that say what each is; check results with counts; the site's pages."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs
from sources.blueprint import load_blueprint

SHORT = 60  # characters of a preview cell at most (pipelines.sql_models.PREVIEW_CELL)


@pytest.fixture(scope="module")
def graph():
    return defs().resolve_asset_graph()


@pytest.fixture(scope="module")
def latest(demo_workspace_readonly, graph):
    """Each asset's metadata, and each check's, as the demo's run recorded them."""
    with dg.DagsterInstance.from_config(str(demo_workspace_readonly / ".dagster")) as instance:
        run = instance.get_runs(limit=1)[0]
        assets = {r.dagster_event.asset_key: r.dagster_event.event_specific_data.materialization.metadata
                  for r in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)}
        checks = {r.dagster_event.event_specific_data.check_name: r.dagster_event.event_specific_data.metadata
                  for r in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)}
    return assets, checks


def _duckdb_keys(graph) -> list[dg.AssetKey]:
    return [k for k in graph.get_all_asset_keys() if "duckdb" in graph.get(k).kinds]


def test_every_duckdb_asset_shows_its_columns_and_a_preview(demo_workspace_readonly, graph, latest):
    assets, _ = latest
    keys = _duckdb_keys(graph)
    assert len(keys) == 32 and set(keys) <= set(assets)
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        for key in keys:
            schema, table = key.path
            columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? "
                                  "AND table_name = ? ORDER BY column_index", [schema, table]).fetchall()
            shown = assets[key]["dagster/column_schema"].schema.columns
            assert columns and [(c.name, c.type) for c in shown] == columns, key.to_user_string()
            empty = con.execute(f"SELECT count(*) = 0 FROM {schema}.{table}").fetchone()[0]
            preview = assets[key]["preview"].md_str
            assert preview == "_empty_" if empty else preview.startswith("| "), key.to_user_string()


def test_raw_and_blueprint_tables_count_their_rows(demo_workspace_readonly, latest):
    assets, _ = latest
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        for table in ("raw.answers", "raw.note_sections", "raw.file_events", "staging.exam_tasks"):
            rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert rows > 0 and assets[dg.AssetKey(table.split("."))]["dagster/row_count"].value == rows


def test_previews_shorten_long_text(latest):
    """Note text would make raw.note_sections' preview a wall of prose; every cell stays short."""
    assets, _ = latest
    for key, metadata in assets.items():
        if "preview" in metadata:
            rows = metadata["preview"].md_str.splitlines()[2:]  # below the header and its rule
            cells = [c.strip() for line in rows for c in line.split("|")] or [""]
            assert max(map(len, cells)) <= SHORT, key.to_user_string()
    notes = assets[dg.AssetKey(["raw", "note_sections"])]["preview"].md_str
    assert "…" in notes


def test_raw_tables_say_what_each_is(graph):
    raw = [graph.get(k) for k in graph.get_all_asset_keys() if k.path[0] == "raw"]
    descriptions = [node.description for node in raw]
    assert len(set(descriptions)) == len(raw) == 7
    assert not any(d.startswith("raw.") for d in descriptions)


def test_check_results_count_what_they_found(latest):
    _, checks = latest
    assert checks["no_half_loaded_file"]["files_with_problems"].value == 0
    assert checks["every_row_loaded_or_quarantined"]["files_with_problems"].value == 0
    assert checks["failed_expectations_quarantined"]["expectations_leaking"].value == 0


def test_site_counts_its_pages_and_says_in_one_line_what_it_is(graph, latest):
    assets, _ = latest
    site = assets[dg.AssetKey(["reports", "site"])]
    assert site["pages_written"].value == len(site["pages"].data) > 5
    assert "\n" not in graph.get(dg.AssetKey(["reports", "site"])).description


def test_the_model_marts_say_what_each_column_means(demo_workspace_readonly, latest):
    """alpha, shared_sd, effective_n… are explained in the UI's Columns, and in DuckDB for a notebook."""
    assets, _ = latest
    for table in ("readiness", "forecast"):
        columns = assets[dg.AssetKey(["marts", table])]["dagster/column_schema"].schema.columns
        assert len(columns) > 5 and all(c.description for c in columns), table
    shown = {c.name: c.description for c in assets[dg.AssetKey(["marts", "readiness"])]["dagster/column_schema"]
             .schema.columns}
    assert "90% band" in shown["low"]
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT comment FROM duckdb_columns() WHERE schema_name = 'marts' "
                           "AND table_name = 'readiness' AND column_name = 'low'").fetchone()[0] == shown["low"]



def test_every_staging_and_marts_column_says_what_it_is(demo_workspace_readonly, graph, latest):
    """Every column of every staging and marts table or view has a comment after a real build, and the
    UI's Columns show it: a new column without one fails here."""
    assets, _ = latest
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        columns = con.execute("SELECT schema_name || '.' || table_name, column_name, comment FROM duckdb_columns() "
                              "WHERE schema_name IN ('staging', 'marts')").fetchall()
    bare = [f"{table}.{column}" for table, column, comment in columns if not (comment or "").strip()]
    assert len({table for table, _, _ in columns}) >= 20 and bare == []
    comments = {(table, column): comment for table, column, comment in columns}
    shown = {key: assets[key]["dagster/column_schema"].schema.columns for key in _duckdb_keys(graph)
             if key.path[0] in ("staging", "marts")}
    assert len(shown) == 25
    for key, described in shown.items():
        assert [c.description for c in described] == [comments[(".".join(key.path), c.name)] for c in described]

def test_the_model_marts_are_checked_within_their_bounds(latest):
    """The demo run's checks on marts.readiness and marts.forecast ran over every row and passed."""
    assets, checks = latest
    for name, key in (("band_within_0_100", ("marts", "readiness")), ("probability_within_0_1", ("marts", "forecast"))):
        assert checks[name]["out_of_bounds"].value == 0
        assert checks[name]["rows_checked"].value == assets[dg.AssetKey(key)]["dagster/row_count"].value > 0


def test_a_band_out_of_bounds_fails_its_check():
    from pipelines.model_checks import MODEL_CHECKS, model_check_results

    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts; CREATE TABLE marts.readiness AS SELECT * FROM (VALUES (55.0, 40.0, 70.0), "
                "(60.0, 70.0, 50.0), (101.0, 90.0, 100.0), (NULL, 1.0, 2.0)) t(readiness, low, high); "
                "CREATE TABLE marts.forecast AS SELECT * FROM (VALUES (0.4, 600.0, 700.0, 800.0), "
                "(1.0000000000000007, 980.0, 997.0, 1000.0), (1.0, 1000.0, 999.3, 1000.0), "
                "(0.0, 600.0, 1000.5, 800.0), (0.5, 800.0, 700.0, 600.0)) "
                "t(pass_probability, scaled_low, scaled_mean, scaled_high)")
    scoring = load_blueprint("DEA-C01").scoring
    results = {r.check_name: r for r in model_check_results(con, {spec.key for spec in MODEL_CHECKS}, scoring)}
    assert not results["band_within_0_100"].passed and not results["probability_within_0_1"].passed
    assert results["band_within_0_100"].metadata["out_of_bounds"].value == 3
    # above 1 by rounding, a mean above the scale, a band upside down; a mean beside a lopsided band is no fault
    assert results["probability_within_0_1"].metadata["out_of_bounds"].value == 3
    assert list(model_check_results(con, set(), scoring)) == []
