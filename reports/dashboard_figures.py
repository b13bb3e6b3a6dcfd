"""The dashboard's charts: predicted score, readiness per domain, trajectory, study hours."""
from __future__ import annotations

import pandas as pd

from reports.caveats import percent_text, readiness_points
from reports.figures import (WEEK_MS, Fig, day_axis, domain_color, figure, legend_line, plot_text, rule, values,
                             week_axis)
from reports.hours import hours_said

READINESS_PASS_LEVEL = 72  # % correct that maps onto the pass mark (readiness.exam.CUT_RAW_FRACTION)


def pass_gauge(forecast: dict, pass_mark: int) -> Fig:
    """Predicted scaled score with its 90% band against the pass mark."""
    gauge = {"type": "indicator", "mode": "gauge+number", "value": round(forecast["scaled_mean"]),
             "title": {"text": f"Predicted score · {percent_text(forecast['pass_probability'])} pass chance",
                       "font": {"size": 14}},
             "gauge": {"axis": {"range": [100, 1000]}, "bar": {"color": "#232f3e", "thickness": 0.3},
                       "threshold": {"value": pass_mark, "line": {"color": "#b91c1c", "width": 4}, "thickness": 0.9},
                       "steps": [{"range": [forecast["scaled_low"], forecast["scaled_high"]], "color": "#bcccdc"}]}}
    # side margins hold the "1000" tick label beside the arc's end (25 px cut it off on a phone)
    return figure([gauge], "", height=250, legend=False, margin={"l": 40, "r": 40, "t": 50, "b": 15})


def forecast_over_time(forecast: pd.DataFrame, pass_mark: int) -> Fig:
    """Predicted scaled score over time with its 90% band and the pass mark."""
    x = values(forecast["as_of"])
    traces = [
        {"type": "scatter", "x": x, "y": values(forecast["scaled_high"]), "mode": "lines", "line": {"width": 0},
         "showlegend": False, "hoverinfo": "skip"},
        {"type": "scatter", "x": x, "y": values(forecast["scaled_low"]), "mode": "lines", "line": {"width": 0},
         "fill": "tonexty", "fillcolor": "rgba(37,99,235,0.18)", "name": "90% band"},
        {"type": "scatter", "x": x, "y": values(forecast["scaled_mean"]), "mode": "lines+markers",
         "name": "predicted score", "line": {"color": "#2563eb"}, **_band_of_one(forecast),
         "customdata": [percent_text(p) for p in forecast["pass_probability"]],
         "hovertemplate": "%{x|%d %b}: %{y:.0f} (pass chance %{customdata})<extra></extra>"},
        legend_line(f"pass mark {pass_mark}", color="#b91c1c", dash="dash"),
    ]
    fig = figure(traces, "Predicted scaled score over time", height=300, yaxis={"range": [100, 1000]},
                 xaxis=day_axis(forecast["as_of"]))
    return rule(fig, "y", pass_mark, color="#b91c1c", dash="dash")  # named in the legend, off the markers


def _band_of_one(forecast: pd.DataFrame) -> dict:
    """The 90% band of a single day's forecast as an error bar: a filled band between two single points is not
    drawn (the legend listed '90% band' over nothing)."""
    if len(forecast) != 1:
        return {}
    return {"error_y": {"type": "data", "symmetric": False, "color": "rgba(37,99,235,0.5)",
                        "array": values(forecast["scaled_high"] - forecast["scaled_mean"]),
                        "arrayminus": values(forecast["scaled_mean"] - forecast["scaled_low"])}}


def readiness_bars(current: pd.DataFrame, marks: list[str]) -> Fig:
    """Readiness per domain with its 90% interval and change arrow (or mark); the label carries the domain's weight.
    A domain without exam-style questions is drawn faint: its readiness is assumed, not measured."""
    bar = {"type": "bar", "orientation": "h", "x": values(current["readiness"]),
           "y": [f"D{d} ({w:.0%})" for d, w in zip(current["domain_id"], current["weight"])],
           "customdata": [plot_text(lab) + ("" if measured else " (not practised yet: assumed)")
                          for lab, measured in zip(current["label"], current["measured"])],
           "marker": {"color": [domain_color(d) for d in current["domain_id"]],
                      "opacity": [1.0 if measured else 0.35 for measured in current["measured"]]},
           "error_x": {"type": "data", "symmetric": False, "array": values(current["high"] - current["readiness"]),
                       "arrayminus": values(current["readiness"] - current["low"]), "color": "#1f2933"},
           "text": [f"{readiness_points(r)}% {mark}" for r, mark in zip(current["readiness"], marks)],
           "textposition": "inside",
           "insidetextfont": {"color": ["#fff" if measured else "#1f2933" for measured in current["measured"]]},
           "insidetextanchor": "start", "hovertemplate": "%{customdata}: %{x:.0f}%<extra></extra>"}
    fig = figure([bar], "Readiness per domain (weight)", height=300, legend=False,
                 xaxis={"range": [0, 100], "title": {"text": "% of fresh questions right, 90% interval"}},
                 yaxis={"autorange": "reversed"})
    return rule(fig, "x", READINESS_PASS_LEVEL, "≈ pass level")


def readiness_trend(history: pd.DataFrame, mocks: pd.DataFrame) -> Fig:
    """Readiness over time per domain (blank where not measured), with each mock exam marked by its overall score."""
    # a domain of a few measured days gets markers: a line of one point is not drawn at all
    traces = [{"type": "scatter", "x": values(rows["as_of"]), "y": values(rows["readiness"]),
               "mode": "lines+markers" if rows["readiness"].notna().sum() <= 3 else "lines",
               "name": plot_text(label) + (" (not practised yet)" if rows["readiness"].isna().all() else ""),
               "line": {"color": domain_color(domain_id)}}
              for (domain_id, label), rows in history.groupby(["domain_id", "label"], sort=True)]
    if not mocks.empty:
        traces.append({"type": "scatter", "x": values(mocks["taken_at"]), "y": values(100 * mocks["score"]),
                       "mode": "markers", "name": "mock exam (overall %)",
                       "cliponaxis": False,  # a 100% mock's marker sits on the axis' edge (as on the attempts page)
                       "marker": {"symbol": "diamond", "size": 9, "color": "#1f2933"},
                       "text": [f"{plot_text(a)} · {plot_text(p)}" + (" · retake, counts little" if r else "")
                                for a, p, r in zip(mocks["attempt_id"], mocks["provider"],
                                                   mocks.get("retake", pd.Series(None, index=mocks.index)))],
                       "hovertemplate": "%{text}<br>%{x|%d %b %Y}: %{y:.0f}%<extra></extra>"})
    days = pd.concat([history["as_of"], mocks["taken_at"]]) if not mocks.empty else history["as_of"]
    fig = figure(traces, "Readiness over time (◆ each mock exam)", height=380,
                 yaxis={"range": [0, 100], "title": {"text": "readiness %"}}, xaxis=day_axis(days))
    for day in values(mocks["taken_at"]) if not mocks.empty else []:
        rule(fig, "x", day, color="#cbd2d9", dash="solid")
    return fig


def hours_per_week(hours: pd.DataFrame) -> Fig:
    """Study hours per week, stacked by domain."""
    keyed = hours.assign(_d=hours["domain_id"].fillna(0))
    # the hover's hours as text: Plotly's %{y:.1f} rounds the binary value (2.35 h shows 2.3)
    traces = [{"type": "bar", "x": values(rows["week"]), "y": values(rows["minutes"] / 60), "name": plot_text(label),
               "width": 0.8 * WEEK_MS,  # a week's bar whatever the weeks shown (one alone: Plotly's width is 1 ms)
               "marker": {"color": domain_color(domain_id) if domain_id else "#9aa5b1"},
               "text": [hours_said(m / 60) for m in rows["minutes"]], "textposition": "none",
               "hovertemplate": "week of %{x|%d %b}: %{text}<extra></extra>"}
              for (domain_id, label), rows in keyed.groupby(["_d", "label"], sort=True)]
    return figure(traces, "Study hours per week (Mon–Sun) by domain", height=340, barmode="stack",
                  yaxis={"title": {"text": "hours"}}, xaxis=week_axis(hours["week"]))
