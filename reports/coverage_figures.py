"""Coverage heatmaps: each service or task against notes, practice and hours."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from reports.figures import Fig, figure, plot_text
from reports.coverage_rule import accuracy_text
from reports.hours import hours_cell

STATUS_ORDER = {"gap": 0, "weak": 1, "covered": 2}
STATUS_MARK = {"gap": "✖", "weak": "▲", "covered": "✔"}
TITLE_ROOM, LABEL_ROOM = 32, 60  # px above the plot: the title's line, then the column labels (upright at most)


def ordered(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Gaps first, then weak, then covered; alphabetical inside each."""
    return frame.assign(_o=frame["status"].map(STATUS_ORDER)).sort_values(["_o", name]).drop(columns="_o")


def short_name(service: str) -> str:
    """'Amazon Kinesis Data Streams' -> 'Kinesis Data Streams' (the table keeps the full name)."""
    for prefix in ("Amazon ", "AWS "):
        if service.startswith(prefix):
            return service[len(prefix):]
    return service


def _scaled(column: pd.Series, fixed_max: float | None = None) -> np.ndarray:
    """0..1 per column so that different units share one colour scale (NaN stays blank)."""
    values = column.astype(float).to_numpy()
    if fixed_max is None:
        fixed_max = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    return values / (fixed_max or 1.0)


def heatmap(frame: pd.DataFrame, labels: list[str], metrics: list[tuple[str, str, str | Callable, float | None]],
            title: str) -> Fig:
    """Rows × metrics coloured by each metric's share of its column maximum, raw numbers as text (each metric's
    format spec, or a function giving the text, e.g. hours_cell)."""
    z = np.column_stack([_scaled(frame[key], top) for key, _, _, top in metrics])
    text = [[("–" if v != v else fmt(v) if callable(fmt) else fmt.format(v)) for v, (_, _, fmt, _) in zip(row, metrics)]
            for row in frame[[m[0] for m in metrics]].astype(float).to_numpy()]
    heat = {"type": "heatmap", "z": z.tolist(), "x": [m[1] for m in metrics], "y": labels, "text": text,
            "texttemplate": "%{text}", "textfont": {"size": 10}, "colorscale": [[0, "#f5f7fa"], [1, "#1e40af"]], "zmin": 0, "zmax": 1,
            "showscale": False, "xgap": 2, "ygap": 1, "hovertemplate": "%{y}<br>%{x}: %{text}<extra></extra>"}
    top = TITLE_ROOM + LABEL_ROOM
    fig = figure([heat], title, height=top + 45 + 17 * len(labels), legend=False, margin={"t": top},
                 xaxis={"side": "top", "gridcolor": "#fff", "tickfont": {"size": 11}},
                 yaxis={"autorange": "reversed", "tickfont": {"size": 10}, "gridcolor": "#fff"})
    # the title on the top line, the column labels under it (a phone turns them on their side): in the middle
    # of the margin, where the labels are, the title was drawn over them
    fig["layout"]["title"].update({"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 8}})
    return fig


def services_heatmap(services: pd.DataFrame) -> Fig:
    """Every in-scope service: note sections, practice questions, accuracy, study hours."""
    rows = ordered(services, "name")
    labels = [f"{STATUS_MARK.get(s, '')} {plot_text(short_name(n))}" for n, s in zip(rows["name"], rows["status"])]
    metrics = [("note_sections", "notes", "{:.0f}", None), ("questions", "questions", "{:.0f}", None),
               ("accuracy", "accuracy", accuracy_text, 1.0), ("hours", "hours", hours_cell, None)]
    return heatmap(rows, labels, metrics, "Services (✖ gap · ▲ weak · ✔ covered)")


def tasks_heatmap(tasks: pd.DataFrame) -> Fig:
    """Every task statement: practice questions, accuracy, hours of its domain."""
    rows = tasks.sort_values("id")
    measured = rows["measured"] if "measured" in rows else [True] * len(rows)
    labels = [f"{STATUS_MARK.get(s, '') if m else '?'} {plot_text(i)} {plot_text(n)}"
              for i, n, s, m in zip(rows["id"], rows["name"], rows["status"], measured)]
    metrics = [("questions", "questions", "{:.0f}", None), ("accuracy", "accuracy", accuracy_text, 1.0),
               ("domain_hours", "domain<br>hours", hours_cell, None)]
    title = "Task statements (✖ gap · ▲ weak · ✔ covered)" if all(measured) else \
        "Task statements (? not measured: no task labels)"
    return heatmap(rows, labels, metrics, title)
