"""The class page: who is at risk, who is ready and where the class is weak, for a warehouse of many learners."""
from __future__ import annotations

import shlex

import pandas as pd

from reports.caveats import percent_text, readiness_points
from reports.class_data import ClassView
from reports.day_count import days_text
from reports.figures import Fig
from reports.html import esc, figure_html, section
from reports.hours import hours_cell, hours_said
from reports.tables import Col, table_html

PAGE = "class.html"
SHOWN = 200          # learners in the table: the lowest pass chances
NAMED_UNPRACTISED = 50  # learners without exam-style questions named; more are counted
AT_RISK = 0.5        # the headline counts learners below this pass chance
SOON_DAYS = 30       # ... and of them, those whose exam is this close


def open_command(learner: str, workspace_learner: str) -> str:
    """The command that opens a learner's pages."""
    return "examready open" if learner == workspace_learner else f"examready open --learner {shlex.quote(learner)}"


def days_to_exam(view: ClassView, learner: str) -> int | None:
    day = view.exam_dates.get(learner)
    return (day - view.today).days if day else None


def headline(view: ClassView) -> str:
    """Learners, how many practised, the median pass chance, how many are below 50%."""
    practised = view.practised
    chances = pd.Series([r["pass_probability"] for r in practised], dtype=float)
    median = percent_text(float(chances.median())) if practised else "–"
    below = int((chances < AT_RISK).sum())
    soon = sum(r["pass_probability"] < AT_RISK and 0 <= days_to_exam(view, r["learner"]) <= SOON_DAYS
               for r in practised if r["learner"] in view.exam_dates)
    soon_text = f"{soon:,} of them with the exam within {SOON_DAYS} days" if view.exam_dates else "of those with exam-style questions"
    bands = (f"&lt; 30%: {int((chances < 0.3).sum()):,} · 30–70%: {int(((chances >= 0.3) & (chances < 0.7)).sum()):,}"
             f" · ≥ 70%: {int((chances >= 0.7).sum()):,}")
    return (f'<div class="kpi"><div>Learners<b>{len(view.learners):,}</b>{len(practised):,} with exam-style questions</div>'
            f"<div>Median pass chance<b>{esc(median)}</b>of those with exam-style questions</div>"
            f"<div>Below {AT_RISK:.0%}<b>{below:,}</b>{soon_text}</div></div>"
            + (f"<p>Pass chances of all {len(practised):,} with exam-style questions: {bands}</p>" if practised else "")
            + f"<p class=muted>Exam {esc(view.exam)} · each learner as of their latest readiness point (the last run's "
            "day) · <code>examready learners</code> prints the same figures.</p>")


def table_rows(view: ClassView, shown: list[dict]) -> list[dict]:
    """The shown learners with their readiness per domain, the weakest domain and the command to open them."""
    ids = {r["learner"] for r in shown}
    readiness = view.readiness[view.readiness["learner_id"].isin(ids)]
    per_domain = {(lid, int(d)): r for lid, d, r in readiness[["learner_id", "domain_id", "readiness"]].itertuples(index=False)}
    rows = []
    for r in shown:
        weakest = r["weakest_domain"]
        rows.append({**r, "score": r["predicted_scaled_score"]["mean"], "open": open_command(r["learner"], view.workspace_learner),
                     "weakest": f"D{weakest['id']} {readiness_points(weakest['readiness'])}%",
                     "exam_date": str(view.exam_dates.get(r["learner"], "")),
                     "days_to_exam": days_to_exam(view, r["learner"]),
                     **{f"d{d['id']}": per_domain.get((r["learner"], d["id"])) for d in view.domains}})
    return rows


def learners_table(view: ClassView) -> str:
    """The lowest pass chances, sortable; how many more there are and where to see them all."""
    practised = view.practised
    shown = practised[:SHOWN]
    columns = [Col("learner", "Learner", cls="id", titled=True), Col("pass_probability", "Pass chance", percent_text),
               Col("score", "Predicted score"),
               *[Col(f"d{d['id']}", f"D{d['id']} %", readiness_points) for d in view.domains],
               Col("mocks", "Mocks"), Col("questions", "Questions", "{:,}"), Col("last_practice", "Last practice"),
               Col("hours", "Hours", hours_cell), Col("weakest", "Weakest domain"),
               *([Col("exam_date", "Exam"), Col("days_to_exam", "Days to exam", days_text)] if view.exam_dates else []),
               Col("open", "Their pages", cls="cmd")]
    more = len(practised) - len(shown)
    line = (f"<p>The {len(shown):,} lowest pass chances of {len(practised):,} learners with exam-style questions; "
            f"{more:,} more are not shown here: <code>examready learners --json</code> lists everyone.</p>"
            if more else f"<p>All {len(practised):,} learners with exam-style questions, lowest pass chance first.</p>")
    note = ("<p class=muted>Click a column's header to sort by it. D1… %: readiness per domain, – where a learner "
            "has no exam-style questions in it. <i>Their pages</i>: the command that builds and opens that "
            "learner's pages.</p>")
    return line + table_html(table_rows(view, shown), columns, sortable=True, dense=True) + note


def logged_text(hours: float) -> str:
    return f"{hours_said(hours)} logged" if hours else "nothing that counts yet"


def unpractised_html(view: ClassView) -> str:
    """Learners without exam-style questions: named (with their logged hours) or, in a large class, counted."""
    rows = [r for r in view.learners if not r["practised"]]
    if not rows:
        return "<p>Every learner has exam-style questions.</p>"
    where = "<code>examready learners</code> lists them last"
    if len(rows) > NAMED_UNPRACTISED:
        return (f"<p>{len(rows):,} learners have no exam-style questions yet, so no pass chance (it would be the "
                f"model's starting assumption): {where}.</p>")
    items = "".join(f"<li>{esc(r['learner'])}: {logged_text(r['hours'])}</li>" for r in rows)
    return (f"<p>{len(rows):,} learner(s) with no exam-style questions yet, so no pass chance (it would be the "
            f"model's starting assumption); {where}.</p><ul>{items}</ul>")


def domain_table(view: ClassView) -> str:
    """Per domain: learners measured, median readiness and how many have it as their weakest."""
    weakest = pd.Series([r["weakest_domain"]["id"] for r in view.practised], dtype=int).value_counts()
    rows = [{**d, "label": f"D{d['id']} {d['name']}", "weakest": int(weakest.get(d["id"], 0))} for d in view.domains]
    return table_html(rows, [Col("label", "Domain"), Col("weight", "Weight", "{:.0%}"),
                             Col("median_readiness", "Median readiness %", readiness_points),
                             Col("learners_measured", "Learners measured", "{:,}"), Col("weakest", "Weakest for", "{:,}")])


def class_body(view: ClassView, figs: dict[str, Fig]) -> str:
    """The class page's HTML body."""
    parts = [f"<section>{headline(view)}</section>"]
    if figs:
        practised = f"<p class=muted>{len(view.practised):,} learners with exam-style questions.</p>"
        boxes = ("<p class=muted>Each domain's box: the middle half of the learners measured there, the line "
                 "their median, the whiskers the lowest and highest.</p>")
        parts += [section("Pass chances", figure_html(figs["fig-pass-chances"], "fig-pass-chances") + practised,
                          figure_html(figs["fig-weakest"], "fig-weakest"), pair=True),
                  section("Readiness per domain across the class",
                          figure_html(figs["fig-domains"], "fig-domains") + boxes, domain_table(view), pair=True, half=True),
                  section("Learners, lowest pass chance first", learners_table(view))]
    parts.append(section("Not practised yet", unpractised_html(view)))
    return "".join(parts)
