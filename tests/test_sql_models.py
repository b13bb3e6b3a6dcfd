"""The SQL model step's helpers: Dagster metadata of tables and views, and which models build views."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.sql_models import builds_view, table_metadata


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging; CREATE TABLE staging.t AS SELECT range AS a FROM range(7); "
                "CREATE VIEW staging.v AS SELECT a FROM staging.t WHERE a > 2; "
                "CREATE VIEW staging.nothing AS SELECT a FROM staging.t WHERE a < 0")
    return con


def test_a_table_gets_its_row_count_and_a_preview(con):
    metadata = table_metadata(con, "staging.t")
    assert metadata["dagster/row_count"] == 7
    assert metadata["preview"].md_str.count("\n") == 6  # header, rule and the first 5 rows


def test_a_view_gets_a_preview_without_counting_its_rows(con):
    metadata = table_metadata(con, "staging.v", count_rows=False)
    assert "dagster/row_count" not in metadata
    assert metadata["preview"].md_str.splitlines()[2].strip("| ") == "3"
    assert table_metadata(con, "staging.nothing", count_rows=False)["preview"].md_str == "_empty_"


def test_a_preview_keeps_each_row_on_one_line_of_its_table(con):
    """Pipes, line breaks and long lists stay inside their cell; numbers align right, text and dates left."""
    con.execute("CREATE TABLE staging.odd AS SELECT * FROM (VALUES "
                "(1, 'a|b', 'two\nlines', [repeat('service ', 5), repeat('other ', 9)], DATE '2026-12-06', NULL, 0.25), "
                "(2, 'c', 'windows' || chr(13) || chr(10) || 'line' || chr(13) || 'ends', [], DATE '2026-12-07', NULL, NULL)) AS t(n, piped, broken, services, day, empty, share)")
    lines = table_metadata(con, "staging.odd")["preview"].md_str.splitlines()
    assert len(lines) == 4  # header, rule, two rows
    assert lines[0] == "| n | piped | broken | services | day | empty | share |"
    assert lines[1] == "| --: | :-- | :-- | :-- | :-- | :-- | --: |"
    cells = lines[2].removeprefix("| ").removesuffix(" |").split(" | ")
    assert cells[:3] == ["1", "a\\|b", "two lines"] and cells[4:] == ["2026-12-06", "", "0.25"]
    assert len(cells[3]) == 60 and cells[3].endswith("…")
    assert lines[3].split(" | ")[2] == "windows line ends"


@pytest.mark.parametrize("sql, view", [
    ("CREATE OR REPLACE VIEW staging.answers AS SELECT 1", True),
    ("CREATE OR REPLACE TABLE staging.answers AS SELECT 1", False),
    ("CREATE OR REPLACE VIEW staging.answers_x AS SELECT 1", False),
])
def test_builds_view(sql, view):
    assert builds_view("staging.answers", sql) is view


def test_the_staging_step_counts_rows_of_tables_only(tmp_path, monkeypatch):
    """staging.answers (a view over every raw answer) gets no row count; the tables beside it do."""
    from tests.helpers_workspace import materialize_in_new_workspace

    selected = [dg.AssetKey(["staging", name]) for name in ("current_loads", "answer_exports", "answers")]
    result = materialize_in_new_workspace(tmp_path / "ws", monkeypatch, selected)
    metadata = {e.asset_key.path[-1]: e.materialization.metadata for e in result.get_asset_materialization_events()}
    assert "dagster/row_count" in metadata["answer_exports"]
    assert "dagster/row_count" not in metadata["answers"] and "dagster/row_count" not in metadata["current_loads"]
    assert all("preview" in m for m in metadata.values())
