"""The class page's charts, drawn from class-wide summaries so that their size does not grow with the class:
pass chances binned, readiness per domain as box statistics (each learner's point only in small classes)."""
from __future__ import annotations

import pandas as pd

from reports.class_data import ClassView
from reports.dashboard_figures import READINESS_PASS_LEVEL
from reports.figures import Fig, domain_color, figure, legend_line, plot_text, rule

BIN = 5           # pass-chance bins of 5 percentage points
POINTS_UP_TO = 300  # learners up to which the domain chart shows every learner's point
BAND_COLORS = ((30, "#b91c1c"), (70, "#d97706"), (101, "#15803d"))  # < 30%, 30–70%, ≥ 70%: as `examready learners`


def band_color(percent: float) -> str:
    return next(color for upper, color in BAND_COLORS if percent < upper)


def pass_chance_bins(chances: list[float]) -> pd.DataFrame:
    """Learners per 5-point pass-chance bin (0–5%, …, 95–100%), every bin listed."""
    lows = [min(int(100 * p // BIN) * BIN, 100 - BIN) for p in chances]
    counts = pd.Series(lows, dtype=int).value_counts()
    return pd.DataFrame({"low": range(0, 100, BIN)}).assign(learners=lambda f: f["low"].map(counts).fillna(0).astype(int))


def pass_chance_histogram(view: ClassView) -> Fig:
    """How many learners have each pass chance, with the median and 50% marked."""
    chances = [r["pass_probability"] for r in view.practised]
    bins = pass_chance_bins(chances)
    bar = {"type": "bar", "x": [low + BIN / 2 for low in bins["low"]], "y": bins["learners"].tolist(), "width": BIN * 0.9,
           "marker": {"color": [band_color(low) for low in bins["low"]]},
           "customdata": [f"{low}–{low + BIN}%" for low in bins["low"]],
           "hovertemplate": "pass chance %{customdata}: %{y} learner(s)<extra></extra>"}
    median = 100 * float(pd.Series(chances).median())
    marks = [legend_line(f"median {median:.0f}%", "#1f2933", "dash"), legend_line("50%", "#52606d", "dot")]
    fig = figure([{**bar, "showlegend": False}, *marks], "Learners by pass chance", height=340,
                 xaxis={"range": [0, 100], "title": {"text": "pass chance %"}}, yaxis={"title": {"text": "learners"}})
    rule(fig, "x", 50, color="#52606d")  # labelled in the legend: labels on the chart overlap on a phone
    rule(fig, "x", median, color="#1f2933", dash="dash")
    for shape in fig["layout"]["shapes"]:
        shape["layer"] = "above"  # over the bars, as the labelled rules were
    return fig


def _box(rows: pd.DataFrame, domain, label: str, with_points: bool) -> dict:
    """One domain's box: every learner's readiness in a small class, else the quartiles and extremes only."""
    base = {"type": "box", "name": label, "marker": {"color": domain_color(domain)}, "boxmean": False}
    if with_points:
        return {**base, "y": rows["readiness"].round(1).tolist(), "boxpoints": "all", "jitter": 0.4, "pointpos": 0,
                "text": [plot_text(v) for v in rows["learner_id"]], "hovertemplate": "%{text}: %{y:.0f}%<extra></extra>"}
    q = rows["readiness"].quantile([0, 0.25, 0.5, 0.75, 1]).round(1).tolist()
    return {**base, "x": [label], "lowerfence": [q[0]], "q1": [q[1]], "median": [q[2]], "q3": [q[3]],
            "upperfence": [q[4]], "hoverinfo": "y"}


def domain_boxes(view: ClassView, labels: dict[int, str]) -> Fig:
    """Readiness per domain across the learners measured there: median, quartiles, lowest and highest."""
    with_points = len(view.practised) <= POINTS_UP_TO
    traces = [_box(rows, domain, labels.get(int(domain), f"D{domain}"), with_points)
              for domain, rows in view.readiness.groupby("domain_id", sort=True)]
    fig = figure(traces, "Readiness per domain", height=360,
                 legend=False, yaxis={"range": [0, 100], "title": {"text": "readiness %"}})
    return rule(fig, "y", READINESS_PASS_LEVEL, "≈ pass level")


def weakest_bars(view: ClassView, labels: dict[int, str]) -> Fig:
    """How many learners have each domain as their weakest measured one."""
    counts = pd.Series([r["weakest_domain"]["id"] for r in view.practised], dtype=int).value_counts()
    domains = sorted(labels)
    bar = {"type": "bar", "orientation": "h", "x": [int(counts.get(d, 0)) for d in domains],
           "y": [labels[d] for d in domains], "marker": {"color": [domain_color(d) for d in domains]},
           "hovertemplate": "%{y}: weakest for %{x} learner(s)<extra></extra>"}
    return figure([bar], "Weakest domain: how many learners", height=90 + 45 * max(len(domains), 2),
                  legend=False, yaxis={"autorange": "reversed"}, xaxis={"title": {"text": "learners"}})


def class_figures(view: ClassView) -> dict:
    """The class page's charts; none before any learner has exam-style questions."""
    if not view.practised:
        return {}
    labels = {d["id"]: f"D{d['id']}" for d in view.domains}
    return {"fig-pass-chances": pass_chance_histogram(view), "fig-domains": domain_boxes(view, labels),
            "fig-weakest": weakest_bars(view, labels)}
