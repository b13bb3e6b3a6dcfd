"""Obsidian's wikilinks and embeds read as its reading view shows them: `[[target|alias]]` is its alias,
`[[S3#Lifecycle]]` 'S3 > Lifecycle', an embed (`![[diagram.png]]`) only its alt text, a link to an attachment
(`[[redshift-vs-athena.pdf]]`) nothing: a file's name is where to look, not what was studied (as a Markdown
link's or image's target)."""
from __future__ import annotations

import re

WIKILINK = re.compile(r"(!?)\[\[([^\[\]|\r\n]*)(?:\|([^\[\]\r\n]*))?\]\]")
# `diagram.png`, `notes.pdf`; a note's `.md` is a note, and so is `Glue 4.0` (an extension starts with a letter)
ATTACHMENT = re.compile(r"\.(?!md$)[A-Za-z][A-Za-z0-9]{0,4}$")
EMBED_SIZE = re.compile(r"\d+(x\d+)?")  # `![[diagram.png|300]]`, `|640x480`: a width, not alt text


def as_shown(text: str) -> str:
    """`text` with each wikilink or embed replaced by what reading view shows of it as text."""
    return WIKILINK.sub(_shown, text) if "[[" in text else text


def _shown(link: re.Match) -> str:
    embed, target, alias = link.group(1), link.group(2).strip(), (link.group(3) or "").strip()
    if embed:
        return "" if EMBED_SIZE.fullmatch(alias) else alias
    if alias:
        return alias
    if ATTACHMENT.search(target.split("#")[0]):
        return ""
    return " > ".join(part.strip("^ ") for part in target.split("#") if part.strip("^ "))
