"""Markdown study notes (Obsidian notes, blog posts with YAML, TOML or JSON front matter): one row per section."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
from markdown_it import MarkdownIt

from sources.canonical import NOTE_SECTIONS
from sources.csv_layout import header_of
from sources.tag_lines import TAG_LINES, tag_lines
from sources.text_decode import decode
from sources.frontmatter import note_date, note_tags, read_front_matter, split_front_matter, value_of
from sources.html_text import HtmlText, html_text
from sources.note_tables import named_cells, named_value
from sources.wikilinks import as_shown

FORMAT = "markdown_notes"
KIND = "notes"
SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Necessary for any heading: a `#` after indentation, list or quote markers (ATX), or a line
# ending in `=`/`-` (setext underline). Parsing 16 KB of a large CSV costs ~25 ms; this check ~0.1 ms.
MAYBE_HEADING = re.compile(r"(?:^|[\r\n])[ \t>+*\-0-9.)]*#|[=-][ \t]*(?:[\r\n]|$)")
UNCHECKED = re.compile(r"\[ \](?:[ \t\r\n]|$)")  # a task list item's box not ticked


# An inline code span (its `%%` is text, as in code blocks: a Mermaid diagram's `%%` is no comment),
# or the `%%` that opens or closes an Obsidian comment
CODE_OR_MARK = re.compile(r"(`+)[^\r\n]*?(?<!`)\1(?!`)|%%")


def _uncommented(text: str) -> str:
    """Text with each `%%…%%` (marks outside code spans, paired in order) cut to its line breaks."""
    marks = [m.start() for m in CODE_OR_MARK.finditer(text) if not m.group(1)]
    out, at = [], 0
    for start, end in zip(marks[0::2], marks[1::2]):
        out += [text[at:start], re.sub(r"[^\r\n]", "", text[start:end + 2])]
        at = end + 2
    return "".join(out) + text[at:]


def without_comments(body: str) -> str:
    """The body without Obsidian `%% comments %%` (hidden in reading view), inline or over several
    lines, outside code.

    A comment's line breaks stay (sections keep their line numbers); its text, headings
    included, is gone. A `%%` that is never closed is kept as text."""
    if "%%" not in body:
        return body
    code = {line for token in MD.parse(body) if token.type in ("fence", "code_block") and token.map
            for line in range(*token.map)}
    out, prose = [], []
    for number, line in enumerate(io.StringIO(body, newline="").readlines()):  # markdown-it's lines
        if number in code:
            out += [_uncommented("".join(prose)), line]
            prose = []
        else:
            prose.append(line)
    return "".join(out) + _uncommented("".join(prose))


def inline_text(token) -> str:
    """Prose of an inline token: text (wikilinks as shown), inline code and image alt text; HTML as in `html_text`.

    The inline's HTML tags and text go through one parser, so a `<script>…</script>` split over
    several tokens is dropped as in an HTML block (a heading's too)."""
    parser = HtmlText()
    for child in token.children or []:
        if child.type == "text":
            parser.handle_data(as_shown(child.content))
        elif child.type in ("code_inline", "image"):
            parser.handle_data(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parser.handle_data(" ")
        elif child.type == "html_inline":
            parser.feed(child.content)
    parser.close()
    return "".join(parser.parts)


def unchecked_task(tokens: list, i: int) -> bool:
    """Whether inline token `i` is the text of a task list item not ticked (`- [ ] Learn Amazon EMR`, GitHub's
    and Obsidian's): what the learner plans to study, not study. What is written under it counts."""
    return (i >= 2 and tokens[i - 1].type == "paragraph_open" and tokens[i - 2].type == "list_item_open"
            and UNCHECKED.match(tokens[i].content) is not None)


def sections(body: str, title: str, offset: int) -> list[dict]:
    """Sections by heading (any level); text before the first heading is headed by the title."""
    current = {"heading": title, "level": 0, "line": offset + 1, "parts": []}
    found, tokens = [current], MD.parse(body)
    passwords = named_cells(tokens, inline_text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            current = {"heading": inline_text(tokens[i + 1]).strip(), "level": int(token.tag[1]),
                       "line": offset + token.map[0] + 1, "parts": []}
            found.append(current)
        elif token.type == "inline" and tokens[i - 1].type != "heading_open" and not unchecked_task(tokens, i):
            text = inline_text(token)
            current["parts"].append(named_value(passwords[i], text) if i in passwords and text.strip() else text)
        elif token.type == "html_block":
            current["parts"].append(html_text(token.content))
    if not " ".join(found[0]["parts"]).strip():  # an empty note has no sections at all
        found.pop(0)
    return found


def detect(path: Path, head: bytes) -> bool:
    """Text with front matter (`---` or `+++`) or a Markdown heading, or a .md file that is text and not a CSV export.

    Text in any encoding `text_decode.decode` reads, UTF-16 included (Notepad's "Unicode"); a NUL
    character in the decoded text means binary data, not a note."""
    text = decode(head).lstrip("\ufeff")
    if "\x00" in text[:4096]:
        return False
    if text.lstrip().startswith(("---", "+++")):
        return True
    head_text = text[:16384]
    if MAYBE_HEADING.search(head_text) and any(t.type == "heading_open" for t in MD.parse(head_text)):
        return not _titled_export(path, head)
    return Path(path).suffix.lower() in SUFFIXES and not _csv_export(head)


def _titled_export(path: Path, head: bytes) -> bool:
    """An export not named as Markdown with `#` lines — title lines above its header (`# Exported on 2026-02-10`)
    or a line between its rows (`# page 2`): a CSV format's header is below the title lines
    (`csv_layout.header_below_title`) or the first line (`_csv_export`), so it is that export, its `#` lines no
    headings (`csvread.read_csv` holds back one between rows as no row). A `.md` file stays a note."""
    if Path(path).suffix.lower() in SUFFIXES:
        return False
    from sources.csv_layout import header_below_title

    return header_below_title(head) is not None or _csv_export(head)


def _csv_export(head: bytes) -> bool:
    """A CSV export saved under a Markdown name: some CSV format recognises its first line. Prose whose
    first line has commas ('Athena: serverless, SQL, per-TB pricing') is a note."""
    if len(header_of(head)) < 3:
        return False
    from sources.registry import CSV_ADAPTERS  # the registry imports this module

    return any(adapter.detect(Path("header.csv"), head) for adapter in CSV_ADAPTERS)


def front_matter(text: str, name: str,
                 zone: str | None = None) -> tuple[dict, pd.Timestamp | None, str, int, list[str]]:
    """(front matter, note date (`frontmatter.note_date` in `zone`), body, lines before the body, warnings
    starting with the file name)."""
    raw, body, offset, left_open, fence = split_front_matter(text)
    meta, warning = read_front_matter(raw, fence)
    when, date_warning = note_date(meta, raw, zone, fence)
    if left_open:
        warning = (f"front matter is not closed with {fence} (opened at line 1); its lines are read as "
                   "note text, title and date are not read")
    return meta, when, body, offset, [f"{name}: {w}" for w in (warning, date_warning) if w]


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Sections of one note as canonical `note_sections`.

    Front matter problems never lose the note: each section carries them in `warning`, and the
    frame's `attrs["warnings"]` lists them (what `run` prints; a note without text has only those). `tags`: the
    front matter's tags, one a line, on every row (`mapping.map_note_sections` reads them, then keeps them on the
    first), and `attrs[TAG_LINES]` the line of each.
    `zone`: the learner's time zone name, for a date written as a time with an offset."""
    path = Path(path)
    text = decode(path.read_bytes()).lstrip("\ufeff")
    meta, when, body, offset, warnings = front_matter(text, path.name, zone)
    title = str(value_of(meta, "title") or path.stem)
    tags = "\n".join(note_tags(meta)) or None
    rows = [{"note_path": str(path), "title": title, "heading": s["heading"], "level": s["level"],
             "words": len(" ".join(s["parts"]).split()), "note_date": when,
             "text": " ".join(" ".join(s["parts"]).split()),
             "warning": "; ".join(warnings) or None, "line": s["line"], "tags": tags}
            for s in sections(without_comments(body), title, offset)]
    frame = pd.DataFrame(rows, columns=NOTE_SECTIONS + ["line", "tags"])
    frame["note_date"] = pd.to_datetime(frame["note_date"]).astype("datetime64[ns]")
    frame.attrs["warnings"] = warnings
    frame.attrs[TAG_LINES] = tag_lines(text.splitlines()[:offset], tags.splitlines()) if tags else {}
    return {"note_sections": frame}
