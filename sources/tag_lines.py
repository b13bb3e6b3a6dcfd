"""The file line each front matter tag is written on: what a warning about a tag points at."""
from __future__ import annotations

import re

TAG_LINES = "tag_lines"  # a note frame's attrs: its tags' lines
# The line of a `tags:`/`tag:` key: YAML's, TOML's `tags =`, JSON's `"tags":` (on the object's first line too)
TAG_KEY = re.compile(r"""^\s*\{?\s*["']?tags?["']?\s*[:=]""", re.IGNORECASE)
OTHER_KEY = re.compile(r"""^\s*\{?\s*["']?[\w.-]+["']?\s*[:=]""")  # any key's line (`aliases: [kinesis]`)


def _tag_block(front: list[str]) -> list[int]:
    """The lines of `front` under a tag key: each key's line and those after it up to the next other key."""
    block, inside = [], False
    for number, line in enumerate(front):
        inside = bool(TAG_KEY.match(line)) or (inside and not OTHER_KEY.match(line))
        if inside:
            block.append(number)
    return block


def tag_lines(front: list[str], tags: list[str]) -> dict[str, int]:
    """Each tag's file line: the first line under a tag key (`front`: the file's lines before the body) holding it
    as a whole word (`kinesis` is not in `kinesis-video-streams`); the first tag key's line for a tag written
    otherwise (`2026` read from `2026.0`)."""
    block = _tag_block(front)
    if not block:
        return {}
    return {tag: next((i + 1 for i in block if re.search(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", front[i])),
                      block[0] + 1) for tag in tags}
