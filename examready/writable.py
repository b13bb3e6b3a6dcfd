"""Whether a run can write its workspace: one line naming the folder when it cannot (a read-only mount)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from pipelines.workspace import Workspace


class WorkspaceNotWritable(RuntimeError):
    """A folder (or the warehouse file) the run writes to cannot be written: one line naming it."""


RUN_KEEPS = "`examready run` keeps the warehouse, its run history and the pages in the workspace"
FORGET_KEEPS = "`examready forget` records what it forgets in the warehouse"


def not_writable(path: Path, exc: OSError, keeps: str = RUN_KEEPS) -> WorkspaceNotWritable:
    """The one-line error for an OSError met writing under the workspace at `path` (`keeps`: what the command
    writes there)."""
    reason = exc.strerror or str(exc)
    return WorkspaceNotWritable(f"cannot write to {path} ({reason}): {keeps}; make it writable (or copy the "
                                "workspace to a folder you can write) and run again")


def _check_folders(folders: list[Path], keeps: str) -> None:
    """Raise WorkspaceNotWritable naming the first folder that cannot be made or written."""
    for folder in folders:
        try:
            folder.mkdir(exist_ok=True)
            tempfile.TemporaryFile(dir=folder).close()
        except OSError as exc:
            raise not_writable(folder, exc, keeps) from exc


def check_warehouse_writable(ws: Workspace, keeps: str = RUN_KEEPS) -> None:
    """Raise WorkspaceNotWritable unless the warehouse file and its folder (DuckDB's write-ahead log) can be
    written (`forget` writes nothing else)."""
    _check_folders([ws.db_path.parent], keeps)
    try:
        if ws.db_path.exists():
            with open(ws.db_path, "r+b"):
                pass
    except OSError as exc:
        raise not_writable(ws.db_path, exc, keeps) from exc


def check_writable(ws: Workspace) -> None:
    """Raise WorkspaceNotWritable unless every folder the run writes to, and the warehouse file, can be
    written (a read-only mount, a folder without write permission): before anything is changed."""
    _check_folders([ws.root, ws.dagster_home, ws.site_dir, ws.db_path.parent / ".runs"], RUN_KEEPS)
    check_warehouse_writable(ws)
