"""Errors name the inbox's files as the reports do (exams/x.csv), not by the absolute paths parsers were given."""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

ESCAPED_BYTE = re.compile(rb"\\x([0-9a-f]{2})")


def inbox_name(path: Path, inbox: Path) -> str:
    """A file's name in the reports and the ledger: relative to the inbox, with forward slashes; the bytes of
    a name that is not UTF-8 (written by a system in another encoding) as `\\xe9`, so it can be stored and shown."""
    name = path.relative_to(inbox).as_posix()
    return name if utf8_name(name) else os.fsencode(name).decode("utf-8", "backslashreplace")


def utf8_name(name: str) -> bool:
    """Whether a path's text is valid UTF-8 (Python keeps the bytes of one that is not as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def inbox_path(inbox: Path, name: str) -> Path:
    """The file an `inbox_name` names (`\\xe9` back to its byte, where no file is named so literally)."""
    path = inbox / name
    if "\\x" not in name or os.path.lexists(path):
        return path
    raw = ESCAPED_BYTE.sub(lambda m: bytes([int(m[1], 16)]), name.encode("utf-8"))
    return inbox / os.fsdecode(raw)


def in_inbox_terms(error: str, path: Path, relative: str) -> str:
    """A file's error naming it `relative` where it gave `path`, and any other file of its inbox (a Moodle
    export's question map) relative to that inbox too."""
    error = error.replace(str(path), relative)
    parts = PurePosixPath(relative).parts
    if path.parts[-len(parts):] != parts:  # not where `relative` says: no inbox folder to take off
        return error
    return named_in_inbox(error, path.parents[len(parts) - 1])


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
