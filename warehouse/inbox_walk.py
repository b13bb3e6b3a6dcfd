"""Every path under an inbox folder, through links to folders elsewhere (a cloud folder, a vault linked in)."""
from __future__ import annotations

import os
from pathlib import Path


def walk(folder: Path, inbox: Path, skip_prefixes: tuple[str, ...]) -> list[Path]:
    """Files and links under `folder`, sorted, not entering folders named with `skip_prefixes` (.git/); a
    linked folder is followed once, unless it leads back into `inbox` (its files are read where they are).
    pathlib's rglob (Python 3.11) follows none."""
    inbox, found, seen = inbox.resolve(), [], set()
    for here, folders, files in os.walk(folder, followlinks=True):
        try:
            stat = os.stat(here)
        except OSError:  # removed meanwhile
            continue
        if (stat.st_dev, stat.st_ino) in seen:  # a link loop, or two links to one folder
            folders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        here = Path(here)
        folders[:] = sorted(name for name in folders  # sorted: of two links to one folder, the first is read
                            if not name.startswith(skip_prefixes) and not _back_into(here / name, inbox))
        found += [here / name for name in files]
    return sorted(found)


def _back_into(path: Path, inbox: Path) -> bool:
    """A link to a folder inside the inbox (or to the inbox itself, or above it)."""
    if not path.is_symlink():
        return False
    target = path.resolve()
    return target.is_relative_to(inbox) or inbox.is_relative_to(target)
