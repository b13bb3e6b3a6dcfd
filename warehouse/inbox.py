"""Finding the learner's input files and fingerprinting them (content hash)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

INBOX_KINDS = ("notes", "exams", "hours")
SKIP_PREFIXES = (".", "~$", "_")
SKIP_SUFFIXES = (".tmp", ".part", ".crdownload", ".swp", "-wal", "-journal", "-shm", ".lock")


@dataclass(frozen=True)
class InboxFile:
    path: Path        # absolute
    relative: str     # relative to the inbox folder, with forward slashes
    kind: str         # notes | exams | hours (the folder it sits in)
    sha256: str


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _wanted(path: Path, inbox: Path) -> bool:
    parts = path.relative_to(inbox).parts
    if any(part.startswith(SKIP_PREFIXES) for part in parts):  # .obsidian/, editor temp files
        return False
    return path.is_file() and not path.name.endswith(SKIP_SUFFIXES)


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every input file under inbox/{notes,exams,hours}, sorted by path."""
    found = []
    for kind in INBOX_KINDS:
        folder = inbox / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if _wanted(path, inbox):
                found.append(InboxFile(path, path.relative_to(inbox).as_posix(), kind, file_sha256(path)))
    return found
