"""What `examready run` says on stderr about single files of its report: a copy with the same bytes
as another inbox file (loaded once), and a file whose format belongs to another folder's kind."""
from __future__ import annotations

from pathlib import Path


def same_bytes_lines(inbox: Path, files: list[dict], renamed: dict[str, str]) -> list[str]:
    """One line per file whose bytes count under another inbox path (`same_as`), on every run where
    both are there; a copy whose counted twin is gone is a renamed file (said elsewhere), and a second
    copy of that content is named beside the one the rename line names."""
    lines = []
    for f in files:
        other = f.get("same_as")
        if other and other not in renamed and (inbox / other).exists():
            lines.append(f"{f['path']} has the same bytes as {other}: loaded once, counted under {other} "
                         "(the same rows would otherwise count twice); nothing to do: removing either copy "
                         "keeps the rows counting")
        elif other in renamed and renamed[other] != f["path"]:  # a second copy of a renamed file's content
            lines.append(f"{f['path']} has the same bytes as {renamed[other]} (the content of {other}, renamed): "
                         f"loaded once, counted under {other} (the same rows would otherwise count twice); "
                         "nothing to do: removing either copy keeps the rows counting")
    return lines


def misplaced(files: list[dict]) -> list[str]:
    """Paths of the files of a job run's report whose format feeds no kind of the folder they sit in (a
    Toggl export in inbox/exams), except a rejected file (it loads nothing) and a copy counted under
    another path (`same_bytes_lines` names it). Imports the adapters (pandas), loaded by the job run:
    the no-op run takes the last run's list (`last_run`)."""
    from sources.kinds import fits_folder

    return [f["path"] for f in files if f["format"] and f["status"] != "rejected" and not f.get("same_as")
            and not fits_folder(f["format"], f["path"].split("/", 1)[0])]


def folder_hints(files: list[dict], misplaced_paths: list[str]) -> list[str]:
    """One line per file `misplaced` found, on every run while it sits there: it still loads, by its content."""
    lines = []
    for f in files:
        if f["path"] in misplaced_paths:
            lines.append(f"{f['path']}: read as {f['format']} ({f['kind']}), though it sits in "
                         f"inbox/{f['path'].split('/', 1)[0]}: it loads and counts as {f['kind']} (the content "
                         f"decides, not the folder); its place is inbox/{f['kind']}")
    return lines

