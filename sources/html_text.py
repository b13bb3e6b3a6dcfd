"""Visible text of HTML fragments inside Markdown notes."""
from __future__ import annotations

from html.parser import HTMLParser

# Tags inside a run of text: `Amazon <b>EMR</b>` reads as it shows. Any other tag (`<br>`, `<p>`,
# `<li>`, `<td>`, …) ends a line or a box on the page, so the words either side of it stay apart.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                         "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
                         "time", "tt", "u", "var"})


class HtmlText(HTMLParser):
    """Collects the text of an HTML fragment, dropping tags, scripts and styles."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self._apart(tag)

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0
        self._apart(tag)

    def _apart(self, tag):
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Visible text of an HTML fragment."""
    parser = HtmlText()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)
