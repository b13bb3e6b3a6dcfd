"""Dependencies run the way the data flows (design.md, Layout): `sources/` (pure parsing, the blueprints)
imports nothing of the store, the wiring, the pages or the CLI, at module level or inside a function."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[1] / "sources"
DOWNSTREAM = {"warehouse", "pipelines", "reports", "examready"}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports anywhere in it (relative imports stay in its own package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", sorted(SOURCES.rglob("*.py")), ids=lambda p: p.relative_to(SOURCES).as_posix())
def test_sources_import_nothing_downstream(path):
    """No module of sources/ imports warehouse, pipelines, reports or examready."""
    wrong = imported_packages(path) & DOWNSTREAM
    assert not wrong, f"{path.relative_to(SOURCES.parent)} imports {sorted(wrong)}"


def test_the_walk_sees_sources_and_their_imports():
    """The walk finds sources/ and reads imports from it (so an empty walk cannot pass the test above)."""
    assert "pandas" in imported_packages(SOURCES / "sittings.py")
    assert len(list(SOURCES.rglob("*.py"))) > 20
