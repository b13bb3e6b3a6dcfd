"""Dependencies run the way the data flows (design.md, Layout): no module of sources/, warehouse/, readiness/
or reports/ imports a layer downstream of it, at module level or inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Each layer and the top-level packages it must not import. Dagster only in pipelines/ (and the CLI); the
# readiness model is pure functions over mart rows (readiness/__init__.py: no Dagster, no DuckDB).
FORBIDDEN = {"sources": {"warehouse", "pipelines", "reports", "examready", "dagster"},
             "warehouse": {"pipelines", "reports", "examready", "readiness"},
             "readiness": {"warehouse", "pipelines", "reports", "examready", "dagster", "duckdb"},
             "reports": {"pipelines", "examready", "dagster"}}
# Known exceptions, (module, imported package): each to be removed by the change named beside it.
ALLOWED = {("sources/sittings.py", "warehouse")}  # moved by s15-layering (platform_rule into sources/)
MODULES = sorted(path.relative_to(ROOT).as_posix() for layer in FORBIDDEN for path in (ROOT / layer).rglob("*.py"))


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports anywhere in it (relative imports stay in its own package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("module", MODULES)
def test_a_layer_imports_nothing_downstream(module):
    wrong = {p for p in imported_packages(ROOT / module) & FORBIDDEN[module.split("/")[0]]
             if (module, p) not in ALLOWED}
    assert not wrong, f"{module} imports {sorted(wrong)}"


def test_the_walk_sees_every_layer_and_imports_inside_functions():
    """An empty walk, or one that missed function-level imports, cannot pass the test above."""
    assert {m.split("/")[0] for m in MODULES} == set(FORBIDDEN) and len(MODULES) > 60
    assert "readiness" in imported_packages(ROOT / "reports/plan_data.py")  # imported inside a function only


def test_each_allowed_exception_is_still_needed():
    """An exception whose import is gone is taken out of ALLOWED (so none outlives its fix)."""
    assert all(package in imported_packages(ROOT / module) for module, package in ALLOWED)
