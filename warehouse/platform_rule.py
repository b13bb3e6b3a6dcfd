"""The platform rule for Python: DuckDB's own macros (sql/macros.sql), so Python and SQL never disagree
(Python's strip and lower are not DuckDB's trim and lower: tabs, 'İ')."""
from __future__ import annotations

from functools import lru_cache

import duckdb

from warehouse.connection import define_macros


@lru_cache(maxsize=256)
def _by_macro(macro: str, values: tuple[str | None, ...]) -> tuple[str, ...]:
    with duckdb.connect() as con:
        define_macros(con, temporary=True)
        return tuple(con.execute(f"SELECT list_transform($1::VARCHAR[], lambda p: {macro}(p))",
                                 [list(values)]).fetchone()[0])


def platform_keys(providers: tuple[str | None, ...]) -> tuple[str, ...]:
    """Each provider's platform key (macros.sql platform_key)."""
    return _by_macro("platform_key", tuple(providers))


def provider_texts(providers: tuple[str | None, ...]) -> tuple[str, ...]:
    """Each provider as the rule reads it (macros.sql provider_text): trimmed, '' where blank."""
    return _by_macro("provider_text", tuple(providers))
