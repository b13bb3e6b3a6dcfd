"""A large CSV as a DuckDB text view, and per-distinct-value lookup tables built in Python.

A bootcamp's export holds millions of rows but few distinct values per column (a dozen domain
labels, two spellings of correct, a few thousand dates). Each distinct value goes once through
the same Python readers the pandas adapters use; a join applies the result to every row.
A file DuckDB would read differently from `sources.csvread` raises NotBulk (see
`sources/csvfast.py`): it takes the pandas path.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.csv_columns import norm
from sources.csvfast import NotPlain, load, not_blank, stripped

NotBulk = NotPlain  # a file the bulk path leaves to the pandas path
TEXT_VIEW = "bulk_text"  # `read_text`'s view: line + each canonical column as written


def read_text(con, path: Path, aliases: dict[str, str]) -> dict[str, str]:
    """Temp view bulk_text: `line` plus each aliased column as stripped text (blank -> NULL).

    The cells are stripped once, as DuckDB reads them. Returns canonical name -> column of the
    file for the columns the header has.
    """
    found: dict[str, str] = {}

    def select(names: list[str], odd: bool) -> str:
        for name in names:
            canonical = aliases.get(norm(name))
            if canonical and canonical not in found:
                found[canonical] = name
        others = [n for n in names if n not in found.values()]
        return ", ".join([f'{stripped(column, odd)} AS "{canonical}"' for canonical, column in found.items()]
                         + [f"{not_blank(others, odd)} AS other_cells"] * bool(others))

    names, _ = load(con, path, "bulk_text_raw", select)
    columns = [f'"{c}"' for c in found]
    keep = [f"coalesce({', '.join(columns)}) IS NOT NULL"] * bool(found) + ["other_cells"] * (len(found) < len(names))
    # rowid: the row's place in the file (DuckDB keeps insertion order); line 1 is the header
    con.execute(f"CREATE OR REPLACE TEMP VIEW {TEXT_VIEW} AS SELECT {', '.join(['rowid + 2 AS line', *columns])} "
                f"FROM bulk_text_raw WHERE {' OR '.join(keep)}")
    return found


def drop_temp(con, views: tuple[str, ...], lookups) -> None:
    """Remove a bulk path's temp views (read in order), the text `read_text` made, and its lookups."""
    con.execute("".join(f"DROP VIEW IF EXISTS {view}; " for view in (*views, TEXT_VIEW))
                + "DROP TABLE IF EXISTS bulk_text_raw")
    for name in lookups:
        con.unregister(name)  # a name never registered is ignored


def lookup(con, name: str, keys: dict[str, list], values: dict[str, pd.Series]) -> None:
    """Register a lookup table `name` (key columns + value columns) for joins."""
    frame = pd.DataFrame({**{k: pd.Series(v, dtype=object) for k, v in keys.items()}, **values})
    con.register(name, frame)


def read_by(con, name: str, alias: str, cell: str, result: str = "{}") -> tuple[str, str]:
    """(SQL expression, join) giving a row `result` of what lookup `name` read from `cell` ("{}": its
    `result` column, e.g. "CASE WHEN NOT isnan({0}) THEN {0} END").

    When DuckDB's TRY_CAST to the reading's type gives exactly that for every value of the lookup (the
    file's distinct cells; compared as text, so -0.0, NaN and sub-second digits count) the expression is
    that cast, with no join: a join probes a hash table for each of the file's rows."""
    kind = next(r[1] for r in con.execute(f"DESCRIBE {name}").fetchall() if r[0] == "result")
    cast = f"TRY_CAST({{}} AS {kind})"
    same = con.execute(f"SELECT bool_and(({cast.format('value')})::VARCHAR IS NOT DISTINCT FROM "
                       f"({result.format('result')})::VARCHAR) FROM {name}").fetchall()[0][0]
    if same is not False:  # None: no values
        return cast.format(cell), ""
    return result.format(f"{alias}.result"), f"LEFT JOIN {name} {alias} ON {alias}.value = {cell}"
