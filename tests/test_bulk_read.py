"""`bulk_read.read_by`: a cast instead of a join only where DuckDB reads every value as the adapter did."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from warehouse.bulk_read import lookup, read_by

FINITE = "CASE WHEN NOT isnan({0}) THEN {0} END"


@pytest.mark.parametrize("values, results, kind, form, cast", [
    (["45", "1.5", "-3"], [45.0, 1.5, -3.0], "float64", FINITE, True),
    (["45", "12,5"], [45.0, 12.5], "float64", FINITE, False),  # DuckDB reads '12,5' as nothing
    (["45", "nan"], [45.0, float("nan")], "float64", FINITE, False),  # NaN vs NULL
    (["-0"], [0.0], "float64", FINITE, False),  # the sign counts
    (["true", "false"], [True, False], "boolean", "{}", True),
    (["true", "yes"], [True, None], "boolean", "{}", False),
    ([], [], "float64", FINITE, True),  # nothing to read
])
def test_cast_only_where_every_value_reads_the_same(values, results, kind, form, cast):
    con = duckdb.connect()
    lookup(con, "map_x", {"value": values}, {"result": pd.Series(results, dtype=kind)})
    con.execute("CREATE TABLE t AS SELECT unnest($cells) AS x", {"cells": [*values, None, *values]})
    expression, join = read_by(con, "map_x", "m", "t.x", form)
    assert (join == "") == cast
    got = con.execute(f"SELECT ({expression})::VARCHAR FROM t {join} ORDER BY t.rowid").fetchall()
    joined = con.execute(f"SELECT ({form.format('m.result')})::VARCHAR FROM t LEFT JOIN map_x m ON m.value = t.x "
                         "ORDER BY t.rowid").fetchall()
    assert got == joined


def test_timestamps_to_the_nanosecond():
    con = duckdb.connect()
    values = ["2026-03-05 10:00", "2026-03-05 10:00:00.1234567"]
    lookup(con, "map_x", {"value": values}, {"result": pd.to_datetime(pd.Series(values), format="ISO8601")})
    assert read_by(con, "map_x", "m", "t.x")[1] == ""
    lookup(con, "map_x", {"value": values}, {"result": pd.to_datetime(pd.Series(values), format="ISO8601").dt.floor("s")})
    assert read_by(con, "map_x", "m", "t.x")[1] != ""  # the adapter dropped digits DuckDB would keep
