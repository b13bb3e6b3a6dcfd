"""The pages are built from marts only (docs/architecture.md): no query of reports/, of the warehouse
helpers it imports or of an SQL file they name reads a staging or raw table, and the site asset depends
on every mart they read (so a run that rebuilds one rebuilds the pages)."""
from __future__ import annotations

import re
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs

ROOT = Path(__file__).resolve().parents[1]
RELATION = re.compile(r"\b(raw|staging|marts)\.([a-z_][a-z0-9_]*)\b")
WAREHOUSE_IMPORT = re.compile(r"^\s*from (warehouse(?:\.\w+)+) import", re.M)
SQL_FILE = re.compile(r"[\"']([\w/]+\.sql)[\"']")


def files_the_pages_read() -> dict[str, str]:
    """Relative path -> text: reports/**/*.py, the warehouse modules they import, and the .sql files named in those."""
    files = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "reports").rglob("*.py"))}
    for text in list(files.values()):
        for module in WAREHOUSE_IMPORT.findall(text):
            path = ROOT / (module.replace(".", "/") + ".py")
            files[path] = path.read_text(encoding="utf-8")
    for text in list(files.values()):
        for name in SQL_FILE.findall(text):
            path = ROOT / "warehouse" / "sql" / name
            files[path] = path.read_text(encoding="utf-8")
    return {str(p.relative_to(ROOT)): text for p, text in files.items()}


def relations(schemas: tuple[str, ...]) -> dict[str, set[str]]:
    """Relative path -> the `schema.table` names of `schemas` it mentions."""
    found = {path: {f"{s}.{t}" for s, t in RELATION.findall(text) if s in schemas}
             for path, text in files_the_pages_read().items()}
    return {path: names for path, names in found.items() if names}


def test_the_pages_read_no_staging_or_raw_table():
    files = files_the_pages_read()
    assert "reports/data.py" in files and "warehouse/service_labels.py" in files
    assert relations(("staging", "raw")) == {}


def test_the_site_asset_depends_on_every_mart_the_pages_read():
    read = set().union(*relations(("staging", "raw", "marts")).values())
    parents = defs().resolve_asset_graph().get(dg.AssetKey(["reports", "site"])).parent_keys
    assert len(read) >= 10
    assert sorted(read - {".".join(k.path) for k in parents}) == []
