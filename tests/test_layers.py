"""Dependencies run the way the data flows (design.md, Layout): no module of sources/, warehouse/, readiness/,
reports/ or pipelines/ imports a layer downstream of it, at module level or inside a function, and no two
packages import each other."""
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
             "reports": {"pipelines", "examready", "dagster"},
             "pipelines": {"examready"}}  # the Dagster definitions and the workspace; the CLI drives them
PACKAGES = (*FORBIDDEN, "examready")
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



def package_graph() -> dict[str, dict[str, list[str]]]:
    """{package: {package it imports: [its modules that do]}} over every module of every package."""
    graph: dict[str, dict[str, list[str]]] = {package: {} for package in PACKAGES}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for other in sorted(imported_packages(path) & set(PACKAGES) - {package}):
                graph[package].setdefault(other, []).append(path.relative_to(ROOT).as_posix())
    return graph


def a_cycle(graph: dict[str, dict]) -> list[str]:
    """The packages of one import cycle, first one again at the end; [] when there is none."""
    def walk(package: str, path: list[str]) -> list[str]:
        for other in graph[package]:
            if other in path:
                return path[path.index(other):] + [other]
            if found := walk(other, path + [other]):
                return found
        return []
    return next((found for package in graph if (found := walk(package, [package]))), [])


def test_no_two_packages_import_each_other():
    """pipelines/ importing examready/ (the CLI, which runs the pipelines) made a cycle: the workspace and the
    Dagster run helpers lived in examready/; they are in pipelines/ now."""
    graph = package_graph()
    cycle = a_cycle(graph)
    assert not cycle, "import cycle " + " -> ".join(cycle) + ": " + "; ".join(
        f"{a} -> {b} in {', '.join(graph[a][b])}" for a, b in zip(cycle, cycle[1:]))


def test_the_cycle_finder_finds_a_cycle():
    """A finder that never finds one cannot pass the test above."""
    assert a_cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}) == ["a", "b", "c", "a"]
    assert a_cycle({"a": {"b": []}, "b": {}}) == []
    assert package_graph()["examready"].get("pipelines")  # the CLI runs the pipelines
