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
    """One line per file read this run whose format feeds no kind of the folder it sits in (a Toggl
    export in inbox/exams): it still loads, by its content."""
    read = [f for f in files if f["status"] in ("loaded", "replaced") and f["format"]]
    if not read:
        return []
    from pipelines.selection import format_kinds  # the adapters (pandas): only for files just read

    lines = []
    for f in read:
        folder = f["path"].split("/", 1)[0]
        if folder not in format_kinds(f["format"]):
            lines.append(f"{f['path']}: read as {f['format']} ({f['kind']}), though it sits in inbox/{folder}: "
                         f"it loads and counts as {f['kind']} (the content decides, not the folder); "
                         f"its place is inbox/{f['kind']}")
    return lines


def renamed_in_no_op(inbox: Path, files: list[dict]) -> dict[str, str]:
    """{counted path no longer in the inbox: the inbox path with its bytes}, from a report's `same_as`."""
    return {f["same_as"]: f["path"] for f in files if f.get("same_as") and not (inbox / f["same_as"]).exists()}
