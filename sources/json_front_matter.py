"""JSON front matter of Markdown notes (Hugo's: an object from a first line `{` to a line `}`), read with the standard
library's json. Its text keeps both braces, so its lines are the file's from line 1."""
from __future__ import annotations

import json
import re

from sources.as_written import without_open_quote

# The first line of JSON front matter: `{` alone, or `{` and the object's first key (no Hugo shortcode, `{{< … >}}`)
OPENING = re.compile(r'\{\s*(?:"|$)')
# A one-line `"key": value,` entry
ENTRY = re.compile(r'^\s*\{?\s*"([^"]+)"\s*:\s*(.*?)\s*,?\s*$')


def opens_json(first_line: str) -> bool:
    return bool(OPENING.match(first_line.strip()))


def _object_end(lines: list[str]) -> int | None:
    """The line closing the object that `lines` open, braces counted outside strings as Hugo counts them; None when
    it is not closed, or is closed before a line's end (`{"eventName": "Put"} is what S3 sends.`)."""
    depth, quoted, escaped = 0, False, False
    for number, line in enumerate(lines):
        for at, char in enumerate(line):
            if quoted:
                escaped, quoted = (False, True) if escaped else (char == "\\", char != '"')
            elif char == '"':
                quoted = True
            elif char in "{}":
                depth += 1 if char == "{" else -1
                if depth == 0:
                    return number if not line[at + 1:].strip() else None
    return None


def closing_line(lines: list[str], keys: tuple[str, ...]) -> int | None:
    """The line closing JSON front matter that `lines` (a note's) open, else None: the object must close at a line's
    end and name one of the front matter `keys` (a title, date or tags; any case), so a note opening with a pasted S3 event or IAM policy is
    text. A `{` opens more than front matter, so an object left open is text too, and no warning."""
    end = _object_end(lines)
    if end is None:
        return None
    raw = "".join(lines[:end + 1])
    try:
        found = json.loads(raw)
        names = set(found) if isinstance(found, dict) else set()
    except json.JSONDecodeError:
        names = {name for _, name, _ in _entries(raw)}
    return end if {name.lower() for name in names} & {key.lower() for key in keys} else None


def _value(text: str):
    """A one-line JSON value (a string, a list) as JSON reads it; else as written, a quote left open dropped."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return without_open_quote(text)


def _entries(raw: str) -> list[tuple[int, str, str]]:
    """(file line, key, value text) of each one-line `"key": value` of the object."""
    return [(i + 1, found.group(1), found.group(2)) for i, line in enumerate(raw.splitlines())
            if (found := ENTRY.match(line))]


def key_line(raw: str, key: str) -> int | None:
    """The file line of the first `"key":` in JSON front matter."""
    return next((line for line, name, _ in _entries(raw) if name == key), None)


def read_json(raw: str, keys: tuple[str, ...]) -> tuple[dict, str | None]:
    """The front matter object, or the `keys` of its one-line entries and a warning naming the line when broken."""
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as exc:
        found = {key: _value(value) for _, key, value in _entries(raw) if key in keys and value}
        return found, (f"front matter is not valid JSON at line {exc.lineno} ({exc.msg}); "
                       "only simple '\"key\": value' lines were read")
