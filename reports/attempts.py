"""The attempts history page: every mock exam's score over time and a table linking to its page."""
from __future__ import annotations

from pathlib import Path

from reports.attempt_data import UNKNOWN_PROVIDER, attempt_history, per_domain_scores
from reports.dashboard_figures import READINESS_PASS_LEVEL
from reports.data import SiteData
from reports.figures import DOMAIN_COLORS, Fig, day_axis, figure, legend_line, plot_text, rule, values
from reports.html import Raw, esc, figure_html, link, section
from reports.tables import Col, table_html, write_csv

PAGE = "attempts.html"
CSV = "attempts.csv"


def score_history(history) -> Fig:
    """Overall score of each mock exam over time, one colour per provider."""
    traces = [{"type": "scatter", "x": values(rows["taken_at"]), "y": values(100 * rows["score"]),
               # attempts of no known provider need not belong together: no line joins them
               "mode": "markers" if provider == UNKNOWN_PROVIDER else "markers+lines", "name": plot_text(provider),
               "cliponaxis": False,  # a 100% marker sits on the axis' edge
               "marker": {"size": 9, "color": DOMAIN_COLORS[i % len(DOMAIN_COLORS)]},
               "line": {"color": DOMAIN_COLORS[i % len(DOMAIN_COLORS)]},
               "text": [plot_text(a) for a in rows["attempt_id"]],
               "hovertemplate": "%{text}<br>%{x|%d %b %Y}: %{y:.0f}%<extra></extra>"}
              for i, (provider, rows) in enumerate(history.groupby("provider", sort=True))]
    fig = figure(traces + [legend_line(f"≈ pass level ({READINESS_PASS_LEVEL}%)")], "Mock exam scores over time",
                 height=340, yaxis={"range": [0, 100], "title": {"text": "% correct"}},
                 xaxis=day_axis(history["taken_at"]))
    return rule(fig, "y", READINESS_PASS_LEVEL)  # named in the legend: a label at its end covers the last marker


def attempts_figures(data: SiteData) -> dict[str, Fig]:
    """The history chart, when there is at least one attempt."""
    history = attempt_history(data.attempts)
    return {"fig-history": score_history(history)} if not history.empty else {}


def history_rows(data: SiteData) -> tuple[list[dict], list[str]]:
    """Table rows per attempt (newest first) and the per-domain column names."""
    history = attempt_history(data.attempts, data.evidence)
    by_domain = per_domain_scores(data.attempts, data.domains)
    rows = []
    for r in history.iloc[::-1].to_dict("records"):
        page = link(r["file"], r["attempt_id"])  # a retake says so under its name: it counts little
        page = Raw(f"{page}<br><span class=muted>{esc(r['retake'])}</span>") if r["retake"] else page
        rows.append({**r, "page": page, "day": f"{r['taken_at']:%Y-%m-%d}",
                     "score_pct": 100 * r["score"],
                     **(by_domain.loc[r["attempt_id"]].to_dict() if r["attempt_id"] in by_domain.index else {})})
    return rows, list(by_domain.columns)


def attempts_body(data: SiteData, figs: dict[str, Fig], out_dir: Path) -> str:
    """The history page's HTML body (also writes attempts.csv)."""
    if not figs:
        return section("No mock exams yet", "<p>Drop a practice-exam export into inbox/exams and run "
                       "<code>examready run</code>.</p>")
    rows, domain_cols = history_rows(data)
    columns = [Col("day", "Date"), Col("page", "Attempt", cls="id"), Col("provider", "Provider"),
               Col("score_pct", "Score %", "{:.0f}"), Col("correct", "Correct", "{:.0f}"),
               Col("total", "Questions", "{:.0f}")] + [Col(c, f"{c} %", "{:.0f}") for c in domain_cols] + [
               Col("per_question", "Sec/question", "{:.0f}"), Col("detail", "Detail")]
    csv_link = write_csv(out_dir / CSV, rows, [Col("attempt_id", "Attempt")] + [c for c in columns if c.key != "page"]
                         + [Col("retake", "Retake")])
    return (section("Scores over time", figure_html(figs["fig-history"], "fig-history"),
                    "<p class=muted>Dotted line: the share of correct answers that roughly maps onto the pass mark."
                    " Per-domain summaries (from result pages) have no per-question detail. A retake (a later sitting"
                    " of a set sat before) is marked under its name: its answers count little in readiness.</p>")
            + section("History", table_html(rows, columns, f"{len(rows)} mock exams, newest first", sortable=True),
                      csv_link))
