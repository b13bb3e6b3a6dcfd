"""YAML front matter of Markdown notes, and visible text of HTML fragments inside them."""
from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser

import pandas as pd
import yaml

DATE_KEYS = ("date", "pubDate", "created")


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment, dropping tags, scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Visible text of an HTML fragment."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return " ".join(parser.parts)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, number of lines before the body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 0
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 1
    return None, text, 0


def read_front_matter(raw: str | None) -> tuple[dict, str | None]:
    """The front matter mapping, or {} and a warning naming the line when it is broken."""
    if raw is None:
        return {}, None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return salvage(raw), (f"front matter is not valid YAML{where} ({problem}); "
                              "only simple 'key: value' lines were read")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "front matter is not a key: value mapping; title and date ignored"
    return data, None


def salvage(raw: str) -> dict:
    """The simple one-line `key: value` entries of broken front matter."""
    found = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in ("title",) + DATE_KEYS and value.strip():
            try:
                found[key.strip()] = yaml.safe_load(f"v: {value.strip()}")["v"]
            except yaml.YAMLError:
                continue
    return found


def note_date(meta: dict) -> tuple[pd.Timestamp | None, str | None]:
    """The note's date from date / pubDate / created, with a warning if it is unreadable."""
    key = next((k for k in DATE_KEYS if meta.get(k) not in (None, "")), None)
    if key is None:
        return None, None
    value = meta[key]
    try:
        stamp = pd.Timestamp(value if isinstance(value, (date, datetime)) else str(value))
    except (ValueError, TypeError):
        return None, f"front matter {key} '{value}' is not a date"
    return (stamp.tz_localize(None) if stamp.tzinfo else stamp).normalize(), None
