"""What `examready run` says on stderr about single files of its report: a copy with the same bytes
as another inbox file (loaded once), and a file whose format belongs to another folder's kind."""
from __future__ import annotations

from pathlib import Path


def same_bytes_lines(inbox: Path, files: list[dict], renamed: dict[str, str]) -> list[str]:
    """One line per file whose bytes count under another inbox path (`same_as`), on every run where
    both are there; a copy whose counted twin is gone is a renamed file (said elsewhere)."""
    lines = []
    for f in files:
        other = f.get("same_as")
        if other and other not in renamed and (inbox / other).exists():
            lines.append(f"{f['path']} has the same bytes as {other}: loaded once, counted under {other} "
                         "(the same rows would otherwise count twice); nothing to do: removing either copy "
                         "keeps the rows counting")
    return lines


def folder_hints(files: list[dict]) -> list[str]:
    """One line per file whose format feeds no kind of the folder it sits in (a Toggl export in
    inbox/exams), on every run while it sits there, the no-op run too: it still loads, by its content.
    Not for a rejected file (it loads nothing) or a copy counted under another path (`same_bytes_lines`)."""
    # A file in the folder of its format's own kind (`kind` in the report) fits: only the others are
    # asked of the adapters (pandas), so a no-op run with every file in its place does not import them.
    elsewhere = [f for f in files if f["format"] and f["status"] != "rejected" and not f.get("same_as")
                 and f["kind"] != _folder(f["path"])]
    if not elsewhere:
        return []
    from pipelines.selection import fits_folder

    lines = []
    for f in elsewhere:
        folder = _folder(f["path"])
        if not fits_folder(f["format"], folder):
            lines.append(f"{f['path']}: read as {f['format']} ({f['kind']}), though it sits in inbox/{folder}: "
                         f"it loads and counts as {f['kind']} (the content decides, not the folder); "
                         f"its place is inbox/{f['kind']}")
    return lines


def _folder(path: str) -> str:
    """'hours/sub/m1.csv' -> 'hours': the inbox folder (the kind) a file sits in."""
    return path.split("/", 1)[0]


def renamed_in_no_op(inbox: Path, files: list[dict]) -> dict[str, str]:
    """{counted path no longer in the inbox: the inbox path with its bytes}, from a report's `same_as`."""
    return {f["same_as"]: f["path"] for f in files if f.get("same_as") and not (inbox / f["same_as"]).exists()}
