"""`examready init`'s workspace: its folders, config file, dagster.yaml and empty warehouse."""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from pipelines.dagster_yaml import write_dagster_yaml
from pipelines.workspace import Workspace, find_workspace, workspace_among
from pipelines.workspace_config import CONFIG_NAME, Config, WorkspaceError

INBOX_KINDS = ("notes", "exams", "hours")


def make_folder(path: Path) -> None:
    """mkdir -p `path` for a new workspace; a file in the way or a folder that cannot be made is one
    WorkspaceError naming it, not a traceback."""
    if in_the_way := next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None):
        raise WorkspaceError(f"{path} is a file, not a folder: give the workspace a folder (a new one is created)"
                             if in_the_way == path else f"cannot create the workspace folder {path}: {in_the_way} "
                                                        "is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace folder {path}: {exc.strerror or exc}") from exc


def create_workspace(root: Path, config: Config) -> Workspace:
    """Create the folders, config file and warehouse (empty raw tables); an existing config is
    kept, never overwritten, and an existing warehouse is not opened."""
    from pipelines.code_repo import code_repo_of, not_a_workspace

    root = Path(root).resolve()
    if (repo := code_repo_of(root)) is not None:
        raise WorkspaceError(not_a_workspace(root, repo))
    if outer := workspace_among(root.parents):
        raise WorkspaceError(f"{root} is inside the workspace {outer}: a workspace there would be read as inbox "
                             f"files or mixed with its folders; pick a folder outside it")
    for folder in [root, *(root / "inbox" / kind for kind in INBOX_KINDS), root / "site", root / ".dagster"]:
        make_folder(folder)
    home = root / ".dagster"
    write_dagster_yaml(home)
    config_path = root / CONFIG_NAME
    if not config_path.exists():
        data = {k: str(v) for k, v in asdict(config).items() if v is not None}
        lines = [f"{key}: {json.dumps(value)}" for key, value in data.items()]  # quoted: '06:00' stays text
        # written beside it, then renamed: a Ctrl-C mid-write leaves no empty examready.yaml to refuse next time
        partial = config_path.with_name(f".{CONFIG_NAME}.{os.getpid()}.partial")
        partial.write_text("# examready workspace settings (see `examready init --help`)\n"
                           + "\n".join(lines) + "\n", encoding="utf-8")
        os.replace(partial, config_path)
    ws = find_workspace(root)
    if not ws.db_path.exists():
        from warehouse.connection import connect

        connect(ws.db_path, memory_limit=ws.config.memory_limit).close()
    return ws
