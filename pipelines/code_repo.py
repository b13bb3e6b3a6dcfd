"""The examready code repo (a checkout) is never the workspace (design: The workspace), except a folder
its .gitignore leaves out, such as `make demo`'s demo-workspace/."""
from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path


def _is_examready_checkout(folder: Path) -> bool:
    """The folder holds examready's own pyproject.toml."""
    try:
        return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == "examready"
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _ignored(repo: Path, parts: tuple[str, ...]) -> bool:
    """The folder repo/parts/… is within a folder the checkout's .gitignore names (`name/` lines)."""
    try:
        lines = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    patterns = [line.strip().strip("/") for line in lines if line.strip().endswith("/")]
    for n in range(1, len(parts) + 1):
        prefix = "/".join(parts[:n])
        # as git reads them: a pattern with no inner slash matches a folder at any depth
        if any(fnmatch(prefix, p) if "/" in p else fnmatch(parts[n - 1], p) for p in patterns):
            return True
    return False


def code_repo_of(folder: Path) -> Path | None:
    """The examready checkout whose code `folder` is (its root, or a folder in it that git tracks), else None."""
    folder = Path(folder).resolve()
    repo = next((f for f in [folder, *folder.parents] if _is_examready_checkout(f)), None)
    if repo is None or _ignored(repo, folder.relative_to(repo).parts):
        return None
    return repo


def not_a_workspace(folder: Path, repo: Path) -> str:
    """Why `folder` cannot be the workspace, and where one goes instead."""
    where = "is the examready code repo" if Path(folder).resolve() == repo else f"is inside the examready code repo {repo}"
    return (f"{folder} {where}, which is never the workspace (the code and your data stay apart); "
            f"create the workspace in a folder outside it, e.g. `examready init ~/examready-workspace`, "
            f"and pass --workspace DIR (or set EXAMREADY_WORKSPACE)")
