"""Whether a run can write its workspace: one line naming the folder when it cannot (a read-only mount)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from pipelines.workspace import Workspace


class WorkspaceNotWritable(RuntimeError):
    """A folder (or the warehouse file) the run writes to cannot be written: one line naming it."""


def not_writable(path: Path, exc: OSError) -> WorkspaceNotWritable:
    """The one-line error for an OSError met writing under the workspace at `path`."""
    reason = exc.strerror or str(exc)
    return WorkspaceNotWritable(
        f"cannot write to {path} ({reason}): `examready run` keeps the warehouse, its run history and the pages "
        "in the workspace; make it writable (or copy the workspace to a folder you can write) and run again")


def check_writable(ws: Workspace) -> None:
    """Raise WorkspaceNotWritable unless every folder the run writes to, and the warehouse file, can be
    written (a read-only mount, a folder without write permission): before anything is changed."""
    folders = [ws.root, ws.dagster_home, ws.site_dir, ws.db_path.parent / ".runs"]
    for folder in folders:
        try:
            folder.mkdir(exist_ok=True)
            tempfile.TemporaryFile(dir=folder).close()
        except OSError as exc:
            raise not_writable(folder, exc) from exc
    try:
        if ws.db_path.exists():
            with open(ws.db_path, "r+b"):
                pass
    except OSError as exc:
        raise not_writable(ws.db_path, exc) from exc
