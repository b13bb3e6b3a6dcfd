"""Look-ups in the warehouse's catalog: what a warehouse built by an older version may not have yet."""
from __future__ import annotations


def has_relations(con, schema: str, *names: str) -> bool:
    """Whether every table or view `schema.name` exists (e.g. raw.withdrawn_learners in a warehouse not opened
    for writing since schema.sql added it)."""
    return con.execute("SELECT count(DISTINCT table_name) FROM information_schema.tables WHERE table_schema = ? "
                       "AND table_name IN (SELECT unnest(?))", [schema, list(names)]).fetchone()[0] == len(set(names))


def has_column(con, schema: str, table: str, column: str) -> bool:
    """Whether the table or view `schema.table` exists and has `column` (e.g. staging.study_entries.date_only
    before the staging step has run again)."""
    return con.execute("SELECT count(*) FROM duckdb_columns() WHERE schema_name = ? AND table_name = ? "
                       "AND column_name = ?", [schema, table, column]).fetchone()[0] > 0
