"""The SQL files under warehouse/sql/<layer>/ as Dagster assets keyed <layer>.<name>."""
from dataclasses import dataclass
from decimal import Decimal
from time import perf_counter

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from warehouse.connection import read_sql


@dataclass(frozen=True)
class SqlModel:
    """warehouse/sql/<layer>/<name>.sql: the table it builds, what it reads, what it is."""
    name: str
    deps: tuple[str, ...]
    description: str


PREVIEW_CELL = 60  # characters of a text cell in a preview: note text and quarantined rows run to kilobytes


def column_schema(con, relation: str) -> dg.TableSchema:
    """A table's or view's columns, DuckDB types and column comments, for the asset page's Columns section."""
    schema, name = relation.split(".")
    columns = con.execute("SELECT column_name, data_type, comment FROM duckdb_columns() "
                          "WHERE database_name = current_database() AND schema_name = $s AND table_name = $n "
                          "ORDER BY column_index", {"s": schema, "n": name}).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(column, kind, description=comment or None)
                                   for column, kind, comment in columns])


def _cell(value) -> str:
    """A preview cell: empty for NULL, a float as %g, anything else as text cut to PREVIEW_CELL characters."""
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    text = " ".join(text.replace("|", "\\|").splitlines())  # every line break Markdown knows, \r\n and \r too
    return text[:PREVIEW_CELL - 1] + "…" if len(text) > PREVIEW_CELL else text


def markdown_preview(columns: list[str], rows: list[tuple]) -> str:
    """Rows as a Markdown table, numeric columns right-aligned (written here: pandas' to_markdown took ~4 ms a table)."""
    values = [[row[i] for row in rows if row[i] is not None] for i in range(len(columns))]
    numeric = [bool(column) and all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in column)
               for column in values]
    lines = [columns, ["--:" if right else ":--" for right in numeric], *([_cell(v) for v in row] for row in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def table_metadata(con, table: str, count_rows: bool = True) -> dict:
    """Row count (unless `count_rows` is off), column schema and a Markdown preview of a table, for the Dagster UI."""
    cursor = con.execute(f"SELECT * FROM {table} LIMIT 5")
    rows = cursor.fetchall()
    preview = markdown_preview([c[0] for c in cursor.description], rows) if rows else "_empty_"
    counted = {"dagster/row_count": con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]} if count_rows else {}
    return {**counted, "dagster/column_schema": column_schema(con, table), "preview": dg.MetadataValue.md(preview)}


def builds_view(relation: str, sql: str) -> bool:
    """Whether a model's SQL makes `relation` a view (not a table)."""
    return f"CREATE OR REPLACE VIEW {relation} " in sql


def replace_other_kind(con, relation: str, sql: str) -> None:
    """Drop `relation` if the model now builds the other kind (a table that became a view, or back).

    DuckDB's CREATE OR REPLACE does not replace a table by a view; a warehouse built by an older
    version keeps working without a rebuild.
    """
    makes_view = builds_view(relation, sql)
    schema, name = relation.split(".")
    found = con.execute("SELECT 'VIEW' FROM duckdb_views() WHERE schema_name = $s AND view_name = $n UNION ALL "
                        "SELECT 'TABLE' FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n",
                        {"s": schema, "n": name}).fetchall()
    if found and (found[0][0] == "VIEW") != makes_view:
        con.execute(f"DROP {found[0][0]} {relation}")


def sql_layer(layer: str, models: list[SqlModel]) -> dg.AssetsDefinition:
    """A layer's SQL models as one step, each its own asset with its own lineage (as dbt's assets are).

    One step instead of one per table: a run's fixed cost is per step (events, resource set-up),
    and the models of a layer are quick. `models` is in dependency order; a subset runs only
    the selected tables.
    """
    specs = [dg.AssetSpec([layer, m.name], deps=[d.split(".") for d in m.deps], kinds={"duckdb"},
                          group_name=layer, description=m.description) for m in models]

    @dg.multi_asset(name=f"{layer}_models", specs=specs, pool="warehouse", can_subset=True)
    def _models(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        with warehouse.connect() as con:
            # the workspace's learner, for the models that list learners (getvariable('workspace_learner'))
            con.execute("SET VARIABLE workspace_learner = ?", [warehouse.workspace().config.learner_id])
            for model in models:
                key = dg.AssetKey([layer, model.name])
                if key not in context.selected_asset_keys:
                    continue
                started = perf_counter()
                relation, sql = f"{layer}.{model.name}", read_sql(f"{layer}/{model.name}.sql")
                replace_other_kind(con, relation, sql)
                con.execute(sql)
                # no row count for a view: counting runs its whole query (13M answers in a cohort)
                metadata = table_metadata(con, relation, count_rows=not builds_view(relation, sql))
                yield dg.MaterializeResult(asset_key=key, metadata={
                    **metadata, "seconds": round(perf_counter() - started, 3)})

    return _models
