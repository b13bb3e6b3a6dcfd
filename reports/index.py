"""The index: am I ready, where am I weak, what do I do next — at a glance, with links to every page."""
from __future__ import annotations

import pandas as pd

from reports.caveats import percent_text, readiness_points
from reports.dashboard import countdown_text, kpis
from reports.data import SiteData
from reports.figures import Fig
from reports.html import esc, figure_html, link, section
from reports.plan_data import gain_text, plans_hours
from reports.tables import Col, table_html
from reports.trends import trend_text, unmeasured_note
from warehouse.hour_words import logged_text
from warehouse.note_words import note_rows, notes_text
from warehouse.service_labels import answers_text

PAGE = "index.html"


def index_figures(dashboard_figs: dict[str, Fig], plan_figs: dict[str, Fig]) -> dict[str, Fig]:
    """The three answers' charts, shared with the dashboard and the study plan."""
    picked = {"fig-pass": dashboard_figs.get("fig-pass"), "fig-readiness": dashboard_figs.get("fig-readiness"),
              "fig-gain": plan_figs.get("fig-gain")}
    return {key: fig for key, fig in picked.items() if fig is not None}


def card(href: str, title: str, text: str) -> str:
    """A link card to one page."""
    return f'<a href="{esc(href)}"><h2>{esc(title)}</h2><p>{text}</p></a>'


def cards(data: SiteData, history: pd.DataFrame) -> str:
    """One card per page with its headline."""
    services = data.services["status"].value_counts()
    last = history.iloc[-1].to_dict() if not history.empty else None
    last_text = (f"Last: {esc(last['attempt_id'])} on {last['taken_at']:%Y-%m-%d}, {last['score']:.0%}."
                 if last else "No mock exams yet.")
    return '<div class="cards">' + "".join([
        card("dashboard.html", "Dashboard", "Pass chance, predicted score and readiness per domain over time, "
             "study hours per week."),
        card("coverage.html", "Coverage gaps", f"{services.get('gap', 0)} services never studied"
             f"{esc(perhaps_text(data))}, {services.get('weak', 0)} weak, {services.get('covered', 0)} covered."),
        card("attempts.html", "Attempts", f"{len(history)} mock exam{'s' * (len(history) != 1)}. {last_text}"),
        card("plan.html", "Study plan", "Ranked next actions with the expected gain per hour, and why."
             if plans_hours(data.exam_date, data.today) else "Where you stand per domain, weakest first: no hours "
             "left to plan toward your exam date."),
    ]) + "</div>"


def perhaps_text(data: SiteData) -> str:
    """' (3 of them perhaps in the 6 questions labelled 'Kinesis')': never-studied services an umbrella word of
    the labels, the notes or the study entries could be, as the coverage page marks them; '' when none."""
    gaps = data.services[data.services["status"] == "gap"]["name"] if not data.services.empty else []
    rows = [] if data.ambiguous is None else data.ambiguous.to_dict("records")
    said = [f"{n} of them perhaps in the {answers_text(r)} labelled '{r['label']}'"
            for r in rows if (n := sum(name in r["services"] for name in gaps))]
    said += [f"{n} of them perhaps in {notes_text(r)}"
             for r in note_rows(data.note_umbrellas) if (n := sum(name in r["services"] for name in gaps))]
    said += [f"{n} of them perhaps in the {logged_text(r)}"
             for r in note_rows(data.hour_umbrellas) if (n := sum(name in r["services"] for name in gaps))]
    return f" ({'; '.join(said)})" if said else ""


def weak_rows(data: SiteData) -> list[dict]:
    """Domains from weakest to strongest, with their interval and change."""
    rows = data.current.sort_values("readiness").to_dict("records")
    return [{**r, "band": f"{r['low']:.0f}–{r['high']:.0f}",
             "trend": trend_text(r)} for r in rows]


def next_actions(plan: list[dict]) -> str:
    """The top three study actions as a list."""
    items = "".join(f"<li><b>{esc(p['label'])}</b>: {esc(gain_text(p))}"
                    f"{' — start with ' + esc(', '.join(p['services'][:2])) if p['services'] else ''}.</li>"
                    for p in plan[:3])
    return f"<ol>{items}</ol><p>{link('plan.html', 'The whole plan, and why')}</p>"


def class_note(data: SiteData, class_href: str | None = None) -> str:
    """In a warehouse holding a class: these pages are one learner's; the class page and where the others are."""
    if not data.other_learners:
        return ""
    page = (f"{link(class_href, 'The class page')} shows them all: their pass chances, the class's readiness per "
            "domain and every learner, lowest pass chance first. " if class_href else "")
    return (f"<p>These pages are {esc(data.learner)}'s. The warehouse also holds {data.other_learners:,} other "
            f"learner(s) from class exports. {page}<code>examready learners</code> lists them all, lowest pass "
            "chance first; <code>examready open --learner ID</code> opens one learner's pages, and "
            "<code>examready readiness --learner ID</code> and <code>examready gaps --learner ID</code> show one.</p>")


def index_body(data: SiteData, plan: list[dict], history: pd.DataFrame, figs: dict[str, Fig],
               class_href: str | None = None) -> str:
    """The landing page's HTML body; `class_href`: the class page, when there is one."""
    f = data.latest_forecast
    head = (f"<section>{kpis(data)}<p class=muted>Learner {esc(data.learner)} · "
            f"exam {esc(data.exam)} · exam day {esc(countdown_text(data))}</p></section>")
    parts = [head, class_note(data, class_href)]
    if f and "fig-pass" in figs:
        verdict = (f"<p>Pass chance <b>{esc(percent_text(f['pass_probability']))}</b>: predicted score {f['scaled_mean']:.0f} "
                   f"(90%: {f['scaled_low']:.0f}–{f['scaled_high']:.0f}) against a pass mark of {data.pass_mark}"
                   f"{' (see the caveats above)' if data.caveats() else ''}.</p>"
                   f"<p>{link('dashboard.html', 'Trajectory and study hours on the dashboard')}</p>")
        parts.append(section("Am I ready?", figure_html(figs["fig-pass"], "fig-pass"), verdict, pair=True))
    if "fig-readiness" in figs:
        table = table_html(weak_rows(data), [Col("label", "Domain"), Col("readiness", "Readiness %", readiness_points),
                                             Col("band", "90%"), Col("trend", "Change")])
        parts.append(section("Where am I weak?", figure_html(figs["fig-readiness"], "fig-readiness"),
                             table + unmeasured_note(data)
                             + f"<p>{link('coverage.html', 'Services and tasks not covered yet')}</p>", pair=True))
    if "fig-gain" in figs:
        parts.append(section("What do I do next?", figure_html(figs["fig-gain"], "fig-gain"), next_actions(plan),
                             pair=True))
    recent = "".join(f"<li>{link(r['file'], r['attempt_id'])} · {r['taken_at']:%Y-%m-%d} · {esc(r['provider'])} · "
                     f"{r['score']:.0%}{' · retake (counts little)' if r.get('retake') else ''}</li>"
                     for r in history.iloc[::-1].head(5).to_dict("records"))
    parts += [cards(data, history), section("Recent mock exams", f"<ul>{recent}</ul>" if recent else "<p>None yet.</p>")]
    return "".join(parts)
