"""Which files under an inbox folder ingestion leaves out, and why (docs/formats.md, "Not read at all")."""
from __future__ import annotations

from pathlib import Path

from warehouse.vault_templates import in_templates_folder

SKIP_PREFIXES = (".", "~$", "_")
# partial downloads, editor swap/backup files and lock files: never the learner's export or note itself
SKIP_SUFFIXES = (".tmp", ".part", ".crdownload", ".swp", ".swo", "~", ".bak", ".orig", ".rej", "-wal", "-journal",
                 "-shm", ".lock")
# A notes vault's attachments (Obsidian and Logseq keep them beside the notes): nothing an adapter reads.
NOTE_ATTACHMENTS = frozenset(
    ".png .jpg .jpeg .gif .bmp .svg .webp .avif .heic .tif .tiff .ico .pdf .canvas .excalidraw .base .drawio "
    ".mp3 .wav .m4a .ogg .flac .3gp .mp4 .webm .ogv .mov .mkv .doc .docx .ppt .pptx .xls .xlsx .odt .ods .odp "
    ".rtf .epub .html .htm .zip .7z .edn .css .js".split())
REASONS = {"prefix": "hidden, or named with ~$ or _ in front", "backup": "partial downloads, editor backups or lock files",
           "attachment": "a vault's attachments", "logseq": "Logseq's own folder (config and page backups)",
           "template": "a vault's templates folder (set in Obsidian's Templates or Templater settings)"}


def left_out(path: Path, folder: Path, notes: bool, vaults: dict | None = None) -> str | None:
    """Why ingestion does not read `path` found under `folder` (an inbox kind's folder; `notes`: inbox/notes):
    a key of REASONS, or None when it is read. `vaults`: a cache over one walk of the folders' templates folders."""
    parts = path.relative_to(folder).parts
    if any(part.startswith(SKIP_PREFIXES) for part in parts):  # .obsidian/, temp files
        return "prefix"
    if path.name.endswith(SKIP_SUFFIXES) or (len(path.name) > 2 and path.name[0] == path.name[-1] == "#"):  # Emacs
        return "backup"
    if notes and path.suffix.lower() in NOTE_ATTACHMENTS:
        return "attachment"
    if notes and any(_logseq_folder(folder.joinpath(*parts[:i + 1])) for i, part in enumerate(parts[:-1])
                     if part == "logseq"):
        return "logseq"
    if notes and in_templates_folder(parts, folder, {} if vaults is None else vaults):
        return "template"
    return None


def _logseq_folder(folder: Path) -> bool:
    """A graph's `logseq/` folder (its config.edn beside its backups), not a folder of notes about Logseq."""
    return (folder / "config.edn").is_file()
