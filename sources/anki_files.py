"""Getting the SQLite collection out of Anki's zip packages (.apkg / .colpkg)."""
from __future__ import annotations

import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

from sources.canonical import FormatError

# newest first: the newer member is the real one, collection.anki2 then only says "update Anki"
MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
PACKAGE_SUFFIXES = (".apkg", ".colpkg")
ZIP_MAGIC = b"PK\x03\x04"
# a byte changed (CRC, a broken deflate stream) or the file cut short (no central directory)
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)
EXPORT_AGAIN = "export it from Anki again (File → Export) and put the new file in its place"


def damaged_package(path: Path, exc: Exception) -> FormatError:
    """The error of a package whose zip cannot be read back: the file is damaged, not examready's bug."""
    return FormatError(path, f"the Anki package is damaged ({type(exc).__name__}: {exc}): it changed or was cut "
                             "short since Anki wrote it", hint=EXPORT_AGAIN)


def is_package(path: Path) -> bool:
    """A zip package rather than a plain collection, one too damaged to open as a zip included."""
    with open(path, "rb") as handle:
        return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC or zipfile.is_zipfile(path)


def collection_member(names: list[str]) -> str | None:
    """The zip member holding the real collection."""
    return next((m for m in MEMBERS if m in names), None)


def zstd_decompress(data: bytes, path: Path) -> bytes:
    """Decompress zstd with the `zstandard` module, else the `zstd` command."""
    try:
        import zstandard
        return zstandard.ZstdDecompressor().stream_reader(data).read()
    except ImportError:
        pass
    if shutil.which("zstd"):
        return subprocess.run(["zstd", "-d", "-c", "-q"], input=data, capture_output=True,
                              check=True).stdout
    raise FormatError(path, "this package is zstd-compressed (collection.anki21b)",
                      hint="install the 'zstandard' Python package or the zstd tool, or export with "
                           "'Support older Anki versions' ticked")


def extract_collection(path: Path, folder: Path) -> Path:
    """Copy the package's collection into `folder` as a plain SQLite file; the zip is untouched."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = collection_member(archive.namelist())
            if member is None:
                raise FormatError(path, "zip file without an Anki collection inside",
                                  hint="use File → Export in Anki (.apkg or .colpkg)")
            data = archive.read(member)
    except DAMAGED as exc:
        raise damaged_package(path, exc) from exc
    if member.endswith("b"):
        data = zstd_decompress(data, path)
    out = Path(folder) / "collection.sqlite"
    out.write_bytes(data)
    return out
