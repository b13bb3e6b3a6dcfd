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
    wrong = imported_packages(ROOT / module) & FORBIDDEN[module.split("/")[0]]
    assert not wrong, f"{module} imports {sorted(wrong)}"


def test_the_walk_sees_every_layer_and_imports_inside_functions():
    """An empty walk, or one that missed function-level imports, cannot pass the test above."""
    assert {m.split("/")[0] for m in MODULES} == set(FORBIDDEN) and len(MODULES) > 60
    assert "readiness" in imported_packages(ROOT / "reports/plan_data.py")  # imported inside a function only

