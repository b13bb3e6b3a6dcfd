"""No Python file of the repo (tests included) reaches into Dagster's private modules (`dagster._…`):
they change without notice between Dagster releases; the public `dagster` API does not."""
from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRIVATE = "dagster" + "._"  # split, so this file's own text holds no such name


def python_files() -> list[Path]:
    """The repo's .py files, outside hidden folders (.venv, .git) and caches."""
    return [p for p in REPO.rglob("*.py")
            if not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(REPO).parts)]


def private_uses(path: Path) -> list[str]:
    """`file:line name` of each import of a private Dagster module, and each such module name in a string
    (importlib.import_module, mock targets)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names if node.module == "dagster"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]
        else:
            continue
        found += [f"{path.relative_to(REPO)}:{node.lineno} {name}" for name in names if name.startswith(PRIVATE)]
    return found


def test_no_file_imports_a_private_dagster_module():
    files = python_files()
    assert len(files) > 100 and REPO / "tests" / "test_dead_runs.py" in files
    assert [use for path in files for use in private_uses(path)] == []
