"""Turning a SQL file under warehouse/sql/<layer>/ into a Dagster asset keyed <layer>.<name>."""
import dagster as dg

from pipelines.defs.resources import WarehouseResource
from warehouse.connection import read_sql


def table_metadata(con, table: str) -> dict:
    """Row count and a Markdown preview of a table, for the Dagster UI."""
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    preview = con.execute(f"SELECT * FROM {table} LIMIT 5").df()
    return {"dagster/row_count": rows,
            "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if rows else "_empty_")}


def sql_asset(layer: str, name: str, deps: list[str], description: str) -> dg.AssetsDefinition:
    """An asset that runs warehouse/sql/<layer>/<name>.sql and reports the table it builds."""

    @dg.asset(key=[layer, name], deps=[d.split(".") for d in deps], kinds={"duckdb"},
              group_name=layer, description=description, pool="warehouse")
    def _model(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            con.execute(read_sql(f"{layer}/{name}.sql"))
            return dg.MaterializeResult(metadata=table_metadata(con, f"{layer}.{name}"))

    return _model
