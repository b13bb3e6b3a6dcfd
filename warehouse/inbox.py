"""Finding the learner's input files and fingerprinting them (content hash).

A file's fingerprint (`InboxFile.sha256`, what the ingestion ledger compares) covers the bytes
of the file *and of its companions*: the other files it is read with. Only a Moodle Grades
export has one, the question map next to it (sources/moodle_question_map.py), so adding,
editing or removing that map changes the export's fingerprint and the export is read again
(reported `replaced`). Every other file's fingerprint is the sha256 of its own bytes.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
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
    sha256: str       # of the file and its companions (see the module docstring)


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def companions(path: Path, maps_by_folder: dict | None = None) -> list[Path]:
    """The files read together with this one: a Moodle export's question map; else none.

    maps_by_folder caches the question-map files of each folder over one scan. A file that
    cannot be read or recognised has no companions (ingestion reports it).
    """
    from sources import moodle, registry  # pandas: not for the runner's no-op path

    try:
        with open(path, "rb") as handle:
            head = handle.read(registry.HEAD_BYTES)
        if not moodle.detect(path, head) or registry.detect(path) is not moodle:
            return []
        cache = {} if maps_by_folder is None else maps_by_folder
        if path.parent not in cache:
            cache[path.parent] = moodle.map_files(path.parent)
        return moodle.companions(path, cache[path.parent])
    except Exception:  # noqa: BLE001  (unreadable or odd input: ingestion reports it, not the scan)
        return []


def file_identity(path: Path, maps_by_folder: dict | None = None, own: str | None = None) -> str:
    """What the ledger compares: the file's sha256 (`own` if already known), or with companions a
    sha256 over all of them."""
    own = own or file_sha256(path)
    try:
        others = [file_sha256(c) for c in companions(path, maps_by_folder)]
    except OSError:  # a companion removed meanwhile: as if it was not there
        others = []
    if not others:
        return own
    digest = hashlib.sha256(b"examready file+companions v1\n" + own.encode())
    for other in others:
        digest.update(b"\n" + other.encode())
    return digest.hexdigest()


def _wanted(path: Path, inbox: Path) -> bool:
    parts = path.relative_to(inbox).parts
    if any(part.startswith(SKIP_PREFIXES) for part in parts):  # .obsidian/, editor temp files
        return False
    return path.is_file() and not path.name.endswith(SKIP_SUFFIXES)


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every input file under inbox/{notes,exams,hours}, sorted by path."""
    wanted = [(path, kind) for kind in INBOX_KINDS if (inbox / kind).is_dir()
              for path in sorted((inbox / kind).rglob("*")) if _wanted(path, inbox)]
    # hashlib releases the GIL: a cohort's ten 100 MB exports hash in half the time on two cores
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        own = list(pool.map(file_sha256, [path for path, _ in wanted]))
    maps_by_folder: dict[Path, list[Path]] = {}
    return [InboxFile(path, path.relative_to(inbox).as_posix(), kind, file_identity(path, maps_by_folder, digest))
            for (path, kind), digest in zip(wanted, own)]
