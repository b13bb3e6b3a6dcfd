"""The file line each front matter tag is written on: what a warning about a tag points at."""
from __future__ import annotations

import re

TAG_LINES = "tag_lines"  # a note frame's attrs: its tags' lines
# The line of a `tags:`/`tag:` key: YAML's, TOML's `tags =`, JSON's `"tags":` (on the object's first line too)
TAG_KEY = re.compile(r"""^\s*\{?\s*["']?tags?["']?\s*[:=]""", re.IGNORECASE)


def tag_lines(front: list[str], tags: list[str]) -> dict[str, int]:
    """Each tag's file line: the first line of `front` (the file's lines before the body) holding it, from the first
    tag key's line on; that key's line for a tag written otherwise (`2026` read from `2026.0`)."""
    start = next((i for i, line in enumerate(front) if TAG_KEY.match(line)), None)
    if start is None:
        return {}
    return {tag: next((i + 1 for i in range(start, len(front)) if tag in front[i]), start + 1) for tag in tags}
