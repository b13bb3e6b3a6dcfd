"""Reading examready.yaml as text: where in the file a setting is, and errors that name the line."""
from __future__ import annotations

from pathlib import Path

import yaml


def not_utf8(path: Path, data: bytes, exc: UnicodeDecodeError) -> str:
    """The error for a config saved in another encoding (Windows-1252, say), naming the line."""
    line = data[:exc.start].count(b"\n") + 1
    return f"{path} line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"


def unreadable_line(text: str) -> str:
    """' line N' of the first line whose value PyYAML cannot turn into a value, '' when none alone fails."""
    for number, line in enumerate(text.splitlines(), 1):
        try:
            yaml.safe_load(line)
        except (yaml.YAMLError, ValueError):
            return f" line {number}"
    return ""


def key_lines(text: str) -> dict:
    """{top-level key: its line in the file} of a YAML mapping (empty for anything else)."""
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def unknown_key(path: Path, key, line: int | None, settings: tuple[str, ...]) -> str:
    """The error for a key examready does not know (a misspelt setting would be silently unused)."""
    from difflib import get_close_matches

    name = str(key).lower()
    like = get_close_matches(name, settings, n=1, cutoff=0.7) or [s for s in settings if len(name) > 3 and name in s]
    hint = f" (did you mean {like[0]}?)" if like else ""
    return (f"{path}{f' line {line}' if line else ''}: unknown key '{key}'{hint}; the settings are "
            f"{', '.join(settings)} (docs/cli.md)")


def text_as_written(text: str, keys: tuple[str, ...]) -> dict:
    """{key: its value as written} for the top-level keys whose values are names, not numbers or dates:
    YAML reads `learner_id: 007` as the integer 7 and `2026-12-01` as a date; a learner is named by the text."""
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value.value for key, value in node.value
            if isinstance(key, yaml.ScalarNode) and key.value in keys and isinstance(value, yaml.ScalarNode)
            and not value.tag.endswith(":null")}
