"""The platform rule is written once (sources/platform_rule.sql) and Python agrees with it (xreview D0).

On tricky cases: the suffix in another case, spaces and a tab around the provider, a blank or missing
provider, an id that is just the suffix, nested parentheses, a letter Python lower-cases otherwise.
The macros reach every connection: read-only ones, and a warehouse built before they existed.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.sittings import platform_keys
from warehouse.connection import connect, read_sql
from warehouse.loaded_before import attempts_loaded_before

# (attempt id, provider, its base id, its platform key)
CASES = [
    ("Mock 1 (Udemy)", "Udemy", "Mock 1", "udemy"),
    ("Mock 1 (Udemy)", "UDEMY", "Mock 1 (Udemy)", "udemy"),  # the suffix is matched as spelt
    ("Mock 1 (Udemy)", "  Udemy ", "Mock 1", "udemy"),
    ("Mock 1 (Udemy)", "\tUdemy", "Mock 1 (Udemy)", "\tudemy"),  # DuckDB's trim keeps a tab; Python's strip not
    ("Mock 1 (Udemy)", None, "Mock 1 (Udemy)", ""),
    ("Mock 1 (Udemy)", "   ", "Mock 1 (Udemy)", ""),
    ("Mock 1 ()", "", "Mock 1 ()", ""),
    (" (Udemy)", "Udemy", "", "udemy"),  # the id is just the suffix
    ("(Udemy)", "Udemy", "(Udemy)", "udemy"),
    ("Set (A (B))", "A (B)", "Set", "a (b)"),  # nested parentheses
    ("Set (A (B))", "B", "Set (A (B))", "b"),
    ("Set (B) (B)", "B", "Set (B)", "b"),
    ("Mock (İz)", "İz", "Mock", "iz"),  # Python lower-cases 'İ' to two characters
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    con = connect(tmp_path_factory.mktemp("rule") / "warehouse.duckdb")
    yield con
    con.close()


@pytest.mark.parametrize("attempt, provider, base, platform", CASES)
def test_python_and_sql_agree(warehouse, attempt, provider, base, platform):
    """The macros give the case's base id and platform key; the pandas path's key is the macro's."""
    assert warehouse.execute("SELECT base_id($1, $2), platform_key($2)", [attempt, provider]).fetchone() == (base, platform)
    assert platform_keys(pd.Series([provider, "x"]), None).tolist() == [platform, "x"]


@pytest.mark.parametrize("attempt, provider, base, platform", CASES)
def test_lookup_finds_the_base_id(warehouse, attempt, provider, base, platform):
    """attempts_loaded_before finds a raw row by its base id and platform, as staging reads it, and nothing else."""
    learner = f"rule-{CASES.index((attempt, provider, base, platform))}"
    warehouse.execute("INSERT INTO raw.answers (load_id, learner_id, line, attempt_id, provider) VALUES "
                      "('old', $1, 2, $2, $3)", [learner, attempt, provider])
    assert attempts_loaded_before(warehouse, [(learner, attempt, provider)], other_than="new")  # a re-export
    assert attempts_loaded_before(warehouse, [(learner, base, None)], other_than="new")  # blank matches any
    assert not attempts_loaded_before(warehouse, [(learner, attempt, provider)], other_than="old")
    assert not attempts_loaded_before(warehouse, [(learner, attempt + "x", provider)], other_than="new")
    if platform:  # another platform's sitting of the same base id is none of this one's
        assert not attempts_loaded_before(warehouse, [(learner, base, "Other")], other_than="new")


def test_macros_reach_old_and_read_only_warehouses(tmp_path):
    """A warehouse built by code before the macros: read-only connections get them as TEMP; the first
    write-open stores them, and then any reader of the file (plain DuckDB too) has them."""
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute(read_sql("schema.sql"))
    reader = connect(path, read_only=True)
    assert reader.execute("SELECT platform_key(' UdeMy ')").fetchone()[0] == "udemy"
    reader.close()
    with duckdb.connect(str(path), read_only=True) as plain:
        with pytest.raises(duckdb.CatalogException):
            plain.execute("SELECT platform_key('x')")
    writer = connect(path)
    writer.execute("CREATE VIEW staging.keys AS SELECT platform_key(' UdeMy ') AS k")
    writer.close()
    with duckdb.connect(str(path), read_only=True) as plain:
        assert plain.execute("SELECT k, base_id('A (B)', 'B') FROM staging.keys").fetchone() == ("udemy", "A")
