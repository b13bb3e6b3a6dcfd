"""The platform rule (platform_rule.sql), written once as DuckDB macros: the warehouse defines them on every
connection, and Python asks DuckDB to apply them, so Python and SQL never disagree (Python's strip and lower
are not DuckDB's trim and lower: tabs, 'İ')."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

RULE_SQL = Path(__file__).with_suffix(".sql")


def define_macros(con, temporary: bool = False) -> None:
    """The rule's macros on `con`: stored in its database, or TEMP (a read-only connection's)."""
    create_macros(con, RULE_SQL.read_text(encoding="utf-8"), temporary)


def create_macros(con, text: str, temporary: bool = False) -> None:
    """Run `text`'s CREATE OR REPLACE MACRO statements on `con`, as TEMP macros where `temporary`."""
    con.execute(text.replace("CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO") if temporary else text)


@lru_cache(maxsize=256)
def _by_macro(macro: str, values: tuple[str | None, ...]) -> tuple[str, ...]:
    with duckdb.connect() as con:
        define_macros(con, temporary=True)
        return tuple(con.execute(f"SELECT list_transform($1::VARCHAR[], lambda p: {macro}(p))",
                                 [list(values)]).fetchone()[0])


def platform_keys(providers: tuple[str | None, ...]) -> tuple[str, ...]:
    """Each provider's platform key (platform_rule.sql platform_key)."""
    return _by_macro("platform_key", tuple(providers))


def provider_texts(providers: tuple[str | None, ...]) -> tuple[str, ...]:
    """Each provider as the rule reads it (platform_rule.sql provider_text): trimmed, '' where blank."""
    return _by_macro("provider_text", tuple(providers))
