"""Charts as plain Plotly figure dicts (fast: no plotly.graph_objects validation), one shared look."""
from __future__ import annotations

import html

import pandas as pd

Fig = dict  # {"data": [trace dicts], "layout": {...}}: what Plotly.newPlot and kaleido take
DOMAIN_COLORS = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d"]
CORRECT_COLORS = {True: "#15803d", False: "#b91c1c"}
GRID = {"gridcolor": "#e4e7eb", "zerolinecolor": "#cbd2d9", "automargin": True}


def plot_text(value) -> str:
    """User text for a Plotly label: Plotly renders a few HTML tags, so escape it to show as typed."""
    return html.escape("" if value is None else str(value), quote=False)


def short_labels(names: list, width: int = 30) -> list[str]:
    """Axis labels cut to `width` characters with '…' (on a phone Plotly cuts a longer one off at the left edge),
    or the names as they are when two would read alike."""
    cut = [n if len(n) <= width else n[:width - 1].rstrip() + "…" for n in map(str, names)]
    return cut if len(set(cut)) == len(set(map(str, names))) else [str(n) for n in names]


def domain_color(domain_id) -> str:
    """A stable colour per exam domain."""
    try:
        return DOMAIN_COLORS[(int(domain_id) - 1) % len(DOMAIN_COLORS)]
    except (TypeError, ValueError):
        return "#9aa5b1"


def values(series) -> list:
    """A column as a JSON-friendly list (timestamps as ISO text, NaN as null)."""
    if isinstance(series, pd.Series) and pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else v.isoformat() for v in series]
    return [None if isinstance(v, float) and v != v else v for v in list(series)]


def figure(traces: list[dict], title: str, height: int = 340, legend: bool = True, **layout) -> Fig:
    """A figure with the site's layout: white background, small margins, legend under the plot."""
    base = {"title": {"text": title, "x": 0, "font": {"size": 15}}, "height": height, "showlegend": legend,
            "margin": {"l": 10, "r": 10, "t": 45, "b": 10}, "paper_bgcolor": "#fff", "plot_bgcolor": "#fff",
            "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12,
                     "color": "#1f2933"},
            "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
            "xaxis": dict(GRID), "yaxis": dict(GRID), "shapes": [], "annotations": [],
            "hoverlabel": {"align": "left"}}
    for key, value in layout.items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    if base["xaxis"].get("title"):
        base["legend"]["y"] = -0.3  # below the x-axis title
    return {"data": traces, "layout": base}


DAY_MS = 86_400_000
WEEK_MS = 7 * DAY_MS


def _short_span_axis(stamps, span: pd.Timedelta, pad: pd.Timedelta, step_ms: int) -> dict:
    """An x-axis ticked every `step_ms`, `pad` either side of the stamps, for stamps spanning less than `span`; {}
    for a longer span (Plotly's own ticks)."""
    stamps = pd.to_datetime(pd.Series(list(stamps))).dropna()
    if stamps.empty or stamps.max() - stamps.min() >= span:
        return {}
    first, last = stamps.min().normalize() - pad, stamps.max().normalize() + pad
    return {"range": [first.isoformat(), last.isoformat()], "dtick": step_ms, "tickformat": "%d %b"}


def day_axis(days, short: int = 7) -> dict:
    """An x-axis of days for a chart spanning fewer than `short` days (a first mock exam): whole days ±2 either
    side, labelled as dates; Plotly would tick a one-day span in hours ('00:00 … 09:00', '23:59:59.999')."""
    return _short_span_axis(days, pd.Timedelta(days=short), pd.Timedelta(days=2), DAY_MS)


def week_axis(weeks, short: int = 4) -> dict:
    """An x-axis of weeks (their Mondays) for a chart spanning fewer than `short` weeks (a first week of study):
    a week either side, ticked weekly from the first; Plotly would tick one week in hours or milliseconds."""
    axis = _short_span_axis(weeks, pd.Timedelta(weeks=short), pd.Timedelta(weeks=1), WEEK_MS)
    return {**axis, "tick0": axis["range"][0]} if axis else {}


def legend_line(name: str, color: str = "#52606d", dash: str = "dot") -> dict:
    """A legend entry for a reference line (the line itself is a layout shape): a label on the chart would sit
    over the markers at its end."""
    return {"type": "scatter", "mode": "lines", "x": [None], "y": [None], "name": name, "hoverinfo": "skip",
            "line": {"color": color, "dash": dash, "width": 1.5}}


def rule(fig: Fig, axis: str, at, text: str = "", color: str = "#52606d", dash: str = "dot") -> Fig:
    """A vertical (axis='x') or horizontal (axis='y') reference line with an optional label."""
    other = "y" if axis == "x" else "x"
    fig["layout"]["shapes"].append({"type": "line", "xref": "x" if axis == "x" else "paper",
                                    "yref": "y" if axis == "y" else "paper", f"{axis}0": at, f"{axis}1": at,
                                    f"{other}0": 0, f"{other}1": 1, "line": {"color": color, "dash": dash, "width": 1.5},
                                    "layer": "below" if not text else "above"})
    if text:
        fig["layout"]["annotations"].append({"text": text, "showarrow": False, "font": {"size": 11, "color": color},
                                             "xref": "x" if axis == "x" else "paper", "yref": "y" if axis == "y" else "paper",
                                             axis: at, other: 1, "xanchor": "left" if axis == "x" else "right",
                                             "yanchor": "bottom"})
    return fig
