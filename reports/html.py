"""Page shell shared by every report page: offline plotly.js, escaped text, a nav bar."""
from __future__ import annotations

import html
from pathlib import Path

PLOTLY_JS = "plotly.min.js"
STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2933;background:#f7f8fa}
header{background:#232f3e;color:#fff;padding:.8rem 1.2rem}header a{color:#ffb84d;margin-right:1rem}
main{max-width:1100px;margin:auto;padding:1rem}section{background:#fff;border-radius:8px;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px #0002}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .5rem;text-align:left}
.kpi{display:flex;flex-wrap:wrap;gap:1rem}.kpi div{flex:1 1 180px;background:#fff;border-radius:8px;padding:.8rem;box-shadow:0 1px 3px #0002}
.kpi b{display:block;font-size:1.6rem}.gap{color:#b91c1c}.weak{color:#b45309}.covered{color:#15803d}
@media (max-width:600px){main{padding:.3rem}}
"""


def esc(value) -> str:
    """HTML-escape any user-provided value."""
    return html.escape("" if value is None else str(value), quote=True)


def write_plotly_js(out_dir: Path) -> Path:
    """Write plotly.js once next to the pages, so they work offline."""
    from plotly.offline import get_plotlyjs

    target = out_dir / PLOTLY_JS
    if not target.exists():
        target.write_text(get_plotlyjs(), encoding="utf-8")
    return target


def figure_html(fig, div_id: str) -> str:
    """A figure as a <div> that uses the shared plotly.js."""
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                       config={"displaylogo": False, "responsive": True})


def table_html(rows: list[dict], columns: list[str] | None = None, caption: str = "") -> str:
    """An escaped HTML table of records."""
    columns = columns or (list(rows[0]) if rows else [])
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(r.get(c))}</td>" for c in columns) + "</tr>" for r in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(title: str, body: str, nav: dict[str, str]) -> str:
    """A complete HTML page around `body` (already-escaped HTML)."""
    links = "".join(f'<a href="{esc(href)}">{esc(name)}</a>' for name, href in nav.items())
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style>"
            f'<script src="{PLOTLY_JS}"></script></head><body>'
            f"<header><strong>examready</strong> · {esc(title)}<nav>{links}</nav></header>"
            f"<main>{body}</main></body></html>")
