"""Errors name the inbox's files as the reports do (exams/x.csv), not by the absolute paths parsers were given."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


def inbox_of(path: Path, relative: str) -> Path:
    """The inbox folder of a file at `path` whose inbox-relative path is `relative`."""
    return path.parents[len(PurePosixPath(relative).parts) - 1]


def named_in_inbox(text: str, inbox: Path) -> str:
    """`text` with each absolute path of a file in `inbox` written relative to it (as stored before 3 Dec 2026
    too: an older rejection's error is shown so)."""
    for prefix in sorted({f"{inbox}{os.sep}", f"{inbox.resolve()}{os.sep}"}, key=len, reverse=True):
        text = text.replace(prefix, "")
    return text


def stored_error(error: str, inbox: Path, path: str) -> str:
    """A recorded rejection's error naming its file `path` as the reports do: one recorded before 3 Dec 2026 began
    with the file's absolute path, perhaps in a folder the workspace has been moved from since."""
    text = named_in_inbox(error, inbox)
    before, found, after = text.partition(f"/{path}")
    if found and before.startswith("/") and ": " not in before:  # the message's head: where the file was
        return path + after
    return text
