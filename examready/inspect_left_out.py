"""What `inspect FOLDER` says a run leaves out there, and why: nothing under an inbox is dropped without a word."""
from __future__ import annotations

import os
from pathlib import Path

SHOWN = 3  # names shown per reason


def left_out_lines(path: Path) -> list[str]:
    """'  REASON: N (first names)' for the files and folders under `path` the rules leave out; a folder left out
    whole (.obsidian/, _Inbox/) is one entry, not entered."""
    from examready.inspect import kind_folder
    from warehouse.inbox import INBOX_KINDS
    from warehouse.inbox_rules import REASONS

    found: dict[str, list[str]] = {}
    kinds = [path / kind for kind in INBOX_KINDS if (path / kind).is_dir()] if path.name == "inbox" else []
    for top in kinds or [path]:  # the rules read against the inbox kind's folder; outside one, as inbox/notes
        _walk(top, path, kind_folder(top) or top, found)
    return [f"  {REASONS[reason]}: {len(names)} ({', '.join(names[:SHOWN])}{', …' if len(names) > SHOWN else ''})"
            for reason, names in found.items()]


def _walk(top: Path, path: Path, base: Path, found: dict[str, list[str]]) -> None:
    """Add to `found` what the rules leave out under `top`, read against `base`, named relative to `path`."""
    from warehouse.inbox_rules import SKIP_PREFIXES, left_out

    notes, vaults = base.name not in ("exams", "hours"), {}
    for here, folders, files in os.walk(top):
        here = Path(here)
        for name in sorted(folders):
            if name.startswith(SKIP_PREFIXES):
                found.setdefault("prefix", []).append((here / name).relative_to(path).as_posix() + "/")
        folders[:] = sorted(name for name in folders if not name.startswith(SKIP_PREFIXES))
        for name in sorted(files):
            if reason := left_out(here / name, base, notes, vaults):
                found.setdefault(reason, []).append((here / name).relative_to(path).as_posix())
