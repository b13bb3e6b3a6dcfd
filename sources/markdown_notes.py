"""Markdown study notes (Obsidian notes, blog posts with YAML front matter): one row per section."""
from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import yaml
from markdown_it import MarkdownIt

from sources.canonical import NOTE_SECTIONS
from sources.csvread import decode, header_of

FORMAT = "markdown_notes"
KIND = "notes"
DATE_KEYS = ("date", "pubDate", "created")
SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


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


def inline_text(token) -> str:
    """Prose of an inline token: text, inline code and image alt text; HTML tags dropped."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            parts.append(html_text(child.content))
    return "".join(parts)


def sections(body: str, title: str, offset: int) -> list[dict]:
    """Sections by heading (any level); text before the first heading is headed by the title."""
    current = {"heading": title, "level": 0, "line": offset + 1, "parts": []}
    found, tokens = [current], MD.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            current = {"heading": inline_text(tokens[i + 1]).strip(), "level": int(token.tag[1]),
                       "line": offset + token.map[0] + 1, "parts": []}
            found.append(current)
        elif token.type == "inline" and tokens[i - 1].type != "heading_open":
            current["parts"].append(inline_text(token))
        elif token.type == "html_block":
            current["parts"].append(html_text(token.content))
    if len(found) > 1 and not " ".join(found[0]["parts"]).strip():
        found.pop(0)
    return found


def detect(path: Path, head: bytes) -> bool:
    """Text with front matter or a Markdown heading, or a .md file that is text and not CSV."""
    if b"\x00" in head[:4096]:
        return False
    text = decode(head).lstrip("\ufeff")
    if text.lstrip().startswith("---"):
        return True
    if any(t.type == "heading_open" for t in MD.parse(text[:16384])):
        return True
    return Path(path).suffix.lower() in SUFFIXES and len(header_of(head)) < 3


def parse(path: Path) -> dict[str, pd.DataFrame]:
    """Sections of one note as canonical `note_sections`."""
    raw, body, offset = split_front_matter(decode(Path(path).read_bytes()).lstrip("\ufeff"))
    meta, warning = read_front_matter(raw)
    when, date_warning = note_date(meta)
    title = str(meta.get("title") or Path(path).stem)
    rows = [{"note_path": str(path), "title": title, "heading": s["heading"], "level": s["level"],
             "words": len(" ".join(s["parts"]).split()), "note_date": when,
             "text": " ".join(" ".join(s["parts"]).split()),
             "warning": "; ".join(w for w in (warning, date_warning) if w) or None, "line": s["line"]}
            for s in sections(body, title, offset)]
    frame = pd.DataFrame(rows, columns=NOTE_SECTIONS + ["line"])
    frame["note_date"] = pd.to_datetime(frame["note_date"]).astype("datetime64[ns]")
    return {"note_sections": frame}
