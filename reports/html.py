"""Page shell shared by every report page: offline plotly.js, escaped text, a nav bar."""
from __future__ import annotations

import html
import re
from pathlib import Path

PLOTLY_JS = "plotly.min.js"
NAV = {"Home": "index.html", "Dashboard": "dashboard.html", "Coverage gaps": "coverage.html",
       "Attempts": "attempts.html", "Study plan": "plan.html"}
STYLE = """
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2933;background:#f7f8fa;line-height:1.45}
header{background:#232f3e;color:#fff;padding:.7rem 1.2rem}header nav{margin-top:.3rem;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
header a{color:#ffb84d}header a[aria-current]{color:#fff;font-weight:600}
main{max-width:1180px;margin:auto;padding:1rem}section{background:#fff;border-radius:8px;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px #0002}
h1,li,p{overflow-wrap:break-word}td.id{overflow-wrap:anywhere;min-width:8rem}h1{font-size:1.4rem;margin:.2rem 0 0}h2{font-size:1.15rem;margin:.2rem 0 .6rem}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}.heat{max-width:780px}
.pair.half{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;width:100%;font-size:.88rem}
table.dense{font-size:.82rem}table.dense th,table.dense td{padding:.25rem .35rem}table.dense td.cmd{overflow-wrap:anywhere;min-width:9rem}table.dense td.id{overflow-wrap:anywhere;width:11rem;min-width:11rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid #e4e7eb;padding:.25rem .45rem;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
th button{all:unset;cursor:pointer;font-weight:600}th button:focus{outline:2px solid #ffb84d}th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.kpi{display:flex;flex-wrap:wrap;gap:1rem}.kpi div{flex:1 1 180px;background:#fff;border-radius:8px;padding:.8rem;box-shadow:0 1px 3px #0002}
.kpi b{display:block;font-size:1.6rem}.gap{color:#b91c1c;font-weight:600}.weak{color:#b45309;font-weight:600}.covered{color:#15803d;font-weight:600}
.up{color:#15803d}.down{color:#b91c1c}.flat{color:#52606d}.muted{color:#52606d;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:1rem}.cards a{display:block;background:#fff;border-radius:8px;padding:1rem;box-shadow:0 1px 3px #0002;color:inherit;text-decoration:none}
.cards a:hover{outline:2px solid #ffb84d}ol.plan li{margin:.6rem 0}a.csv{font-size:.85rem}
@media (max-width:800px){.pair,.pair.half{grid-template-columns:minmax(0,1fr)}main{padding:.4rem}section{padding:.6rem}}
"""


class Raw(str):
    """Trusted HTML that esc() passes through unchanged."""


def esc(value) -> str:
    """HTML-escape any user-provided value (Raw markup passes through)."""
    if isinstance(value, Raw):
        return value
    return html.escape("" if value is None else str(value), quote=True)


def code_spans(escaped: str) -> str:
    """Escaped text with each `backquoted` span (a command, an Anki tag) as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


def link(href: str, text) -> Raw:
    """An <a> with an escaped href and text."""
    return Raw(f'<a href="{esc(href)}">{esc(text)}</a>')


def status_badge(status: str) -> Raw:
    """A coloured gap / weak / covered label."""
    return Raw(f'<span class="{esc(status)}">{esc(status)}</span>')


def write_plotly_js(out_dir: Path) -> Path:
    """Write plotly.js once next to the pages, so they work offline."""
    from plotly.offline import get_plotlyjs

    target = out_dir / PLOTLY_JS
    if not target.exists():
        target.write_text(get_plotlyjs(), encoding="utf-8")
    return target


def figure_html(fig: dict, div_id: str) -> str:
    """A figure dict as a <div> drawn by the shared plotly.js (JSON escaped for a <script>)."""
    from plotly.io.json import to_json_plotly

    height = fig["layout"].get("height", 340)
    config = {"displaylogo": False, "responsive": True}
    return (f'<div id="{esc(div_id)}" class="plotly-graph-div" style="height:{int(height)}px;width:100%"></div>'
            f'<script>Plotly.newPlot("{esc(div_id)}", {to_json_plotly(fig["data"])}, '
            f'{to_json_plotly(fig["layout"])}, {to_json_plotly(config)});</script>')


def section(title: str, *parts: str, pair: bool = False, half: bool = False) -> str:
    """A titled card; with pair=True the first two parts sit side by side (chart | numbers: 3 to 2, or half
    and half with half=True, for a wider table)."""
    inner = "".join(parts)
    if pair and len(parts) >= 2:
        cls = "pair half" if half else "pair"
        inner = f'<div class="{cls}"><div>{parts[0]}</div><div>{parts[1]}</div></div>' + "".join(parts[2:])
    return f"<section><h2>{esc(title)}</h2>{inner}</section>"


def page(title: str, body: str, active: str = "", nav: dict[str, str] = NAV, script: str = "",
         plotly_src: str = PLOTLY_JS) -> str:
    """A complete HTML page around `body` (already-escaped HTML); `plotly_src`: where plotly.js is, from the page."""
    links = "".join(f'<a href="{esc(href)}"{" aria-current=page" if href == active else ""}>{esc(name)}</a>'
                    for name, href in nav.items())
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{esc(title)} · examready</title><style>{STYLE}</style>"
            f'<script src="{esc(plotly_src)}"></script></head><body>'
            f"<header><h1>{esc(title)}</h1><nav>{links}</nav></header>"
            f"<main>{body}</main>{script}</body></html>")
