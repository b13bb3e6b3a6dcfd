"""How a note's file is shown: its path in the inbox."""
from __future__ import annotations


def note_file(path: str) -> str:
    """A note's path relative to the inbox (never the learner's full home path)."""
    text = str(path)
    return text.split("/inbox/", 1)[1] if "/inbox/" in text else text.rsplit("/", 1)[-1]
