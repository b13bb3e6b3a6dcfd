"""TOML front matter of Markdown notes (Hugo's, between `+++` lines), read with the standard library's tomllib."""
from __future__ import annotations

import re
import tomllib

from sources.as_written import without_open_quote

# Where tomllib says a problem is: '(at line 3, column 8)', or '(at end of document)' for what is left open
WHERE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def error_line(raw: str, message: str) -> int:
    """The front matter line (1-based) of a tomllib error, or, when earlier, the line after the longest start of the
    block that parses: where an array or a string left open starts (tomllib names the end of the block, or the
    next key's line: `tags = ["emr",` then `date = …`)."""
    found = WHERE.search(message)
    lines = raw.splitlines(keepends=True)
    opened = 1 + max(k for k in range(len(lines) + 1) if _parses("".join(lines[:k])))
    return min(int(found.group(1)), opened) if found and found.group(1) else opened


def _value(text: str):
    """A one-line TOML value (a date, a quoted string) as TOML reads it; else as written, a quote left open dropped."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return without_open_quote(text)


def _top_level(raw: str) -> list[tuple[int, str, str]]:
    """(file line, key, value text) of each one-line `key = value` before the first [table] (front matter starts
    on line 2)."""
    found = []
    for i, line in enumerate(raw.splitlines()):
        if line.strip().startswith("["):
            break
        key, sep, value = line.partition("=")
        if sep:
            found.append((i + 2, key.strip().strip("\"'"), value.strip()))
    return found


def salvage(raw: str, keys: tuple[str, ...]) -> dict:
    """The simple one-line `key = value` entries of `keys` in broken TOML front matter."""
    return {key: _value(value) for _, key, value in _top_level(raw) if key in keys and value}


def key_line(raw: str, key: str) -> int | None:
    """The file line of the top-level `key = …` in TOML front matter."""
    return next((line for line, name, _ in _top_level(raw) if name == key), None)


def read_toml(raw: str, keys: tuple[str, ...]) -> tuple[dict, str | None]:
    """The front matter table, or the `keys` of its simple lines and a warning naming the line when it is broken."""
    try:
        return tomllib.loads(raw), None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = error_line(raw, message) + 1
        return salvage(raw, keys), (f"front matter is not valid TOML at line {line} ({WHERE.sub('', message)}); "
                                    "only simple 'key = value' lines were read")
