"""Finding the learner's input files and fingerprinting them (content hash).

A file's fingerprint (`InboxFile.sha256`, what the ingestion ledger compares) covers the bytes
of the file *and of its companions*: the other files it is read with. Only a Moodle Grades
export has one, the question map next to it (sources/moodle_question_map.py), so adding,
editing or removing that map changes the export's fingerprint and the export is read again
(reported `replaced`). A Markdown note's covers its file name too, which is its title unless its front
matter gives one (`note_title`). Every other file's fingerprint is the sha256 of its own bytes.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from warehouse.inbox_names import inbox_name
from warehouse.inbox_rules import SKIP_PREFIXES, left_out
from warehouse.inbox_walk import walk

INBOX_KINDS = ("notes", "exams", "hours")


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


def file_digest(path: Path) -> str:
    """The file's sha256; for a file that cannot be read (a link to nothing) one of its name, its link's
    target and the error, which ingestion rejects saying why (sources.registry.parse_file)."""
    try:
        return file_sha256(path)
    except OSError as exc:
        target = os.readlink(path) if path.is_symlink() else ""
        return hashlib.sha256(f"examready unreadable\n{path.name}\n{target}\n{exc.errno}".encode()).hexdigest()


def file_head(path: Path) -> bytes | None:
    """The file's first bytes, as format detection reads them; None when it cannot be read (ingestion reports it,
    not the scan)."""
    from sources.registry import HEAD_BYTES

    try:
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return None


def companions(path: Path, head: bytes, maps_by_folder: dict | None = None) -> list[Path]:
    """The files read together with this one (`head`: its first bytes): a Moodle export's question map; else none.

    maps_by_folder caches the question-map files of each folder over one scan. A file that
    cannot be recognised has no companions (ingestion reports it).
    """
    from sources import moodle, registry  # pandas: not for the runner's no-op path

    try:
        if not moodle.detect(path, head) or registry.detect(path) is not moodle:
            return []
        cache = {} if maps_by_folder is None else maps_by_folder
        if path.parent not in cache:
            cache[path.parent] = moodle.map_files(path.parent)
        return moodle.companions(path, cache[path.parent])
    except Exception:  # noqa: BLE001  (unreadable or odd input: ingestion reports it, not the scan)
        return []


def note_title(path: Path, head: bytes) -> str | None:
    """A Markdown note's file name without its extension, which reads as its title (and names the services the
    text before its first heading is about); None for any other file. Part of a note's identity: a note renamed
    or copied under another name reads differently, so it is loaded as a file of its own."""
    from sources import markdown_notes

    try:
        return path.stem if markdown_notes.detect(path, head) else None
    except Exception:  # noqa: BLE001  (odd input: ingestion reports it, not the scan)
        return None


def file_identity(path: Path, maps_by_folder: dict | None = None, own: str | None = None) -> str:
    """What the ledger compares: the file's sha256 (`own` if already known), or with companions a
    sha256 over all of them; a note's with its name. The file's head is read once for both."""
    own = own or file_digest(path)
    if (head := file_head(path)) is None:
        return own
    if (title := note_title(path, head)) is not None:
        return hashlib.sha256(f"examready note+name v1\n{own}\n{title}".encode()).hexdigest()
    try:
        others = [file_sha256(c) for c in companions(path, head, maps_by_folder)]
    except OSError:  # a companion removed meanwhile: as if it was not there
        others = []
    if not others:
        return own
    digest = hashlib.sha256(b"examready file+companions v1\n" + own.encode())
    for other in others:
        digest.update(b"\n" + other.encode())
    return digest.hexdigest()


def wanted(path: Path, folder: Path, notes: bool, vaults: dict | None = None) -> bool:
    """Whether ingestion reads `path` found under `folder` (an inbox kind's folder; `notes`: inbox/notes; `vaults`:
    left_out's cache over one walk)."""
    if left_out(path, folder, notes, vaults):
        return False
    return path.is_file() or (path.is_symlink() and not path.exists())  # a link to nothing: rejected, said why


def inbox_files(inbox: Path) -> list[tuple[Path, str]]:
    """(path, kind) of every file ingestion reads under inbox/{notes,exams,hours}, sorted by path per kind."""
    vaults: dict = {}  # a vault's templates folders, read once per scan: its settings may change between scans
    return [(path, kind) for kind, folder in ((kind, inbox / kind) for kind in INBOX_KINDS) if folder.is_dir()
            for path in walk(folder, inbox, SKIP_PREFIXES) if wanted(path, folder, kind == "notes", vaults)]


def file_signature(path: Path, change_time: bool = False) -> tuple[int, ...] | None:
    """(size, mtime_ns) of a file, with `change_time` its ctime_ns too, or None if it cannot be read any more. The
    change time tells an edit that keeps the size and puts the old mtime back (`cp -p`, `rsync -t`, `touch -r`, an
    archive extracted): no one can set it back."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns) if change_time else (st.st_size, st.st_mtime_ns)


def file_stamp(path: Path | None) -> list | None:
    """[path, size, mtime_ns] of a file (file_signature), or None when there is none."""
    signature = file_signature(path) if path else None
    return [str(path), *signature] if signature else None


# sha256 digests started early (`hash_in_background`), by path: (size and mtime then, the digest's future)
_STARTED: dict[Path, tuple[tuple[int, int] | None, Future]] = {}


def hash_in_background(inbox: Path) -> None:
    """Start hashing the inbox's files on a spare core, for the next `scan_inbox` of this process.

    The CLI calls this before it imports Dagster (~1.5 s on one core); a cohort's 1 GiB of
    exports then hashes meanwhile instead of after. A file whose size or modification time
    differs by the time `scan_inbox` gets to it is hashed again there.
    """
    pool = ThreadPoolExecutor(max_workers=max((os.cpu_count() or 1) - 1, 1))
    for path, _ in inbox_files(inbox):
        _STARTED[path] = (file_signature(path), pool.submit(file_sha256, path))
    pool.shutdown(wait=False)


def _own_digest(path: Path) -> str:
    """The file's sha256: the one started in the background if the file has not changed since."""
    signature, digest = _STARTED.pop(path, (None, None))
    if digest is not None and signature is not None and signature == file_signature(path):
        try:
            return digest.result()
        except OSError:
            pass
    return file_digest(path)


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every input file under inbox/{notes,exams,hours}, sorted by path."""
    wanted = inbox_files(inbox)
    # hashlib releases the GIL: a cohort's ten 100 MB exports hash in half the time on two cores
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        own = list(pool.map(_own_digest, [path for path, _ in wanted]))
    for gone in [path for path in _STARTED if path.is_relative_to(inbox)]:  # removed since
        del _STARTED[gone]
    maps_by_folder: dict[Path, list[Path]] = {}
    return [InboxFile(path, inbox_name(path, inbox), kind, file_identity(path, maps_by_folder, digest))
            for (path, kind), digest in zip(wanted, own)]
