"""The study plan page: what to study next, ranked by expected gain in pass chance per hour, and why."""
from __future__ import annotations

from pathlib import Path

from reports.caveats import caveats_html, percent_text, readiness_points
from reports.figures import Fig, domain_color, figure, plot_text
from reports.html import esc, figure_html, section
from reports.plan_data import STEP_HOURS, gain_text, moves_pass_chance, plans_hours, shows_pass_gain
from reports.tables import Col, table_html, write_csv

PAGE = "plan.html"
CSV = "plan.csv"


def gain_chart(plan: list[dict]) -> Fig:
    """Expected pass-chance gain per study hour for each domain, best first; the exam-score gain when the
    pass chance does not move (every bar +0.00 would rank nothing)."""
    key, what = ("gain_pp", "pass-chance") if moves_pass_chance(plan) else ("score_gain_pp", "exam-score")
    bar = {"type": "bar", "orientation": "h", "x": [p[key] for p in plan],
           "y": [f"#{p['rank']} D{p['domain_id']}" for p in plan], "customdata": [plot_text(p["label"]) for p in plan],
           "marker": {"color": [domain_color(p["domain_id"]) for p in plan]},
           "text": [f"{p[key]:+.2f} pts/h" for p in plan], "textposition": "auto",
           "hovertemplate": f"%{{customdata}}: %{{x:+.2f}} {what} points per hour<extra></extra>"}
    return figure([bar], "Where an hour of study helps most", height=90 + 45 * max(len(plan), 2), legend=False,
                  xaxis={"title": {"text": f"{what} points gained per study hour"}},
                  yaxis={"autorange": "reversed"})


def plan_figures(plan: list[dict]) -> dict[str, Fig]:
    """The ranking chart, when there is a plan."""
    return {"fig-gain": gain_chart(plan)} if plan else {}


def action_item(p: dict) -> str:
    """One ranked action as an <li>: what to do, the expected gain, and why."""
    targets = esc(", ".join(p["services"])) or "its task statements"
    tasks = f"<br>Task statements to practise: {esc('; '.join(p['tasks']))}." if p["tasks"] else ""
    why = "".join(f"<li>{esc(reason)}</li>" for reason in p["why"])
    step = f" (≈ {p['gain_step_pp']:+.1f} for the next {STEP_HOURS:.0f} h)" if shows_pass_gain(p["gain_pp"]) else ""
    return (f"<li><b>Practise {esc(p['label'])}</b> — expected {esc(gain_text(p))}{step}.<br>Start with: {targets}.{tasks}"
            f"<details><summary>Why</summary><ul>{why}</ul></details></li>")


STANDING_COLUMNS = [Col("label", "Domain"), Col("readiness", "Readiness %", readiness_points),
                    Col("low", "90% low", "{:.0f}"), Col("high", "90% high", "{:.0f}"), Col("weight", "Weight", "{:.0%}"),
                    Col("questions", "Questions")]


def standing(data) -> list[dict] | None:
    """Readiness per domain, weakest first, on the exam day or after it (no hours left to plan); else None."""
    if plans_hours(data.exam_date, data.today):
        return None
    return data.current.sort_values(["readiness", "domain_id"]).to_dict("records")


def standing_body(rows: list[dict], out_dir: Path, pass_probability: float | None, caveats: list[str]) -> str:
    """The plan page on the exam day or after it: where the learner stands (also writes plan.csv), no hours."""
    if not rows:
        return section("Where you stand", caveats_html(caveats), "<p>No mock exams yet.</p>")
    chance = (f"<p>Your pass chance today: <b>{esc(percent_text(pass_probability))}</b>. Your domains, "
              "weakest first:</p>") if pass_probability is not None else ""
    return section("Where you stand", caveats_html(caveats), chance,
                   table_html(rows, STANDING_COLUMNS) + write_csv(out_dir / CSV, rows, STANDING_COLUMNS))


def plan_body(plan: list[dict], figs: dict[str, Fig], out_dir: Path, pass_probability: float | None,
              caveats: list[str], standing_rows: list[dict] | None = None) -> str:
    """The study plan's HTML body (also writes plan.csv); `caveats` follow the pass chance it starts from;
    `standing_rows` (the exam day or after it: `standing`): where the learner stands instead of a plan."""
    if standing_rows is not None:
        return standing_body(standing_rows, out_dir, pass_probability, caveats)
    if not plan:
        return section("No plan yet", "<p>The plan needs at least one mock exam: drop an export into "
                       "inbox/exams and run <code>examready run</code>.</p>")
    columns = [Col("rank", "#"), Col("label", "Domain"), Col("gain_pp", "Pass chance +pts/h", "{:+.2f}"),
               Col("readiness_gain_per_hour", "Readiness +pts/h", "{:.1f}"),
               Col("score_gain_pp", "Exam score +pts/h", "{:+.2f}"),
               Col("readiness", "Readiness %", readiness_points), Col("weight", "Weight", "{:.0%}")]
    intro = (f"<p>Your pass chance today: <b>{esc(percent_text(pass_probability))}</b>. The readiness model simulates the exam and "
             "asks, for each domain, how much an hour of study there would raise it, at the pace your own logged "
             "hours and scores show (an assumed pace until they show one). Hours never raise a score by themselves: only new practice evidence does, "
             "so finish each block with practice questions.</p>") if pass_probability is not None else ""
    if not moves_pass_chance(plan):
        intro += ("<p>An hour in any one domain moves your pass chance by under 0.01 points today: the pass mark is "
                  "too far off for one domain's hours to show. So the domains are ranked by the exam score an hour "
                  "adds there (readiness points × the domain's share of the exam); your pass chance moves once "
                  "several domains rise.</p>")
    return "".join([
        section("Next actions", intro, caveats_html(caveats), "<ol class=plan>" + "".join(action_item(p) for p in plan) + "</ol>"),
        section("Expected gain per hour", figure_html(figs["fig-gain"], "fig-gain"),
                table_html(plan, columns) + write_csv(out_dir / CSV, plan, columns))])
