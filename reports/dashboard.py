"""The readiness dashboard: pass chance, readiness per domain, trajectory, study hours."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from reports.html import esc, figure_html, table_html


def readiness_bars(current: pd.DataFrame) -> go.Figure:
    """Readiness per domain with its 90% interval."""
    fig = go.Figure(go.Bar(
        x=current["readiness"], y=current["label"], orientation="h",
        error_x={"type": "data", "symmetric": False, "array": current["high"] - current["readiness"],
                 "arrayminus": current["readiness"] - current["low"]},
        text=[f"{r:.0f}%" for r in current["readiness"]], textposition="inside"))
    fig.add_vline(x=72, line_dash="dot", annotation_text="~pass level")
    fig.update_layout(title="Readiness per domain (90% interval)", xaxis={"range": [0, 100], "title": "%"},
                      yaxis={"autorange": "reversed"}, height=320, margin={"l": 10, "r": 10})
    return fig


def readiness_trend(history: pd.DataFrame, attempts: pd.DataFrame) -> go.Figure:
    """Readiness over time per domain, with each mock exam marked."""
    fig = go.Figure()
    for label, rows in history.groupby("label", sort=True):
        fig.add_trace(go.Scatter(x=rows["as_of"], y=rows["readiness"], mode="lines+markers", name=label))
    for day in sorted(set(pd.to_datetime(attempts["taken_at"]).dt.date)):
        fig.add_vline(x=pd.Timestamp(day).timestamp() * 1000, line_color="#cbd2d9", line_width=1)
    fig.update_layout(title="Readiness over time (grey lines: mock exams)", yaxis={"range": [0, 100]},
                      height=360, margin={"l": 10, "r": 10})
    return fig


def hours_per_week(hours: pd.DataFrame) -> go.Figure:
    """Study hours per week, stacked by domain."""
    fig = go.Figure()
    for label, rows in hours.groupby("label", sort=True):
        fig.add_trace(go.Bar(x=rows["week"], y=rows["minutes"] / 60, name=label))
    fig.update_layout(barmode="stack", title="Study hours per week by domain", yaxis={"title": "hours"},
                      height=320, margin={"l": 10, "r": 10})
    return fig


def pass_gauge(forecast: dict, pass_mark: int) -> go.Figure:
    """Predicted scaled score with its band against the pass mark."""
    fig = go.Figure(go.Indicator(
        mode="gauge+number", value=forecast["scaled_mean"],
        title={"text": f"Predicted score · pass chance {forecast['pass_probability']:.0%}"},
        gauge={"axis": {"range": [100, 1000]}, "threshold": {"value": pass_mark, "line": {"color": "red"}},
               "steps": [{"range": [forecast["scaled_low"], forecast["scaled_high"]], "color": "#d9e2ec"}]}))
    fig.update_layout(height=260, margin={"l": 20, "r": 20, "t": 60, "b": 10})
    return fig


def dashboard_body(data: dict) -> str:
    """The dashboard's HTML body from the marts' frames."""
    f, current = data["forecast"], data["current"]
    kpis = (f'<div class="kpi"><div>Pass probability<b>{f["pass_probability"]:.0%}</b></div>'
            f'<div>Predicted score<b>{f["scaled_mean"]:.0f}</b>90%: {f["scaled_low"]:.0f}–{f["scaled_high"]:.0f}'
            f' (pass {data["pass_mark"]})</div><div>Exam date<b>{esc(data["countdown"])}</b></div></div>')
    rows = current[["label", "weight", "readiness", "low", "high", "questions"]].round(1).to_dict("records")
    return "".join([
        f"<section>{kpis}</section>",
        f'<section>{figure_html(pass_gauge(f, data["pass_mark"]), "fig-pass")}</section>',
        f'<section>{figure_html(readiness_bars(current), "fig-readiness")}'
        f'{table_html(rows, caption="Readiness per domain")}</section>',
        f'<section>{figure_html(readiness_trend(data["history"], data["attempts"]), "fig-trend")}</section>',
        f'<section>{figure_html(hours_per_week(data["hours"]), "fig-hours")}</section>',
    ])
