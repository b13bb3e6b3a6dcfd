"""The index: the answer at a glance (am I ready, where am I weak, what next) and links to every page."""
from __future__ import annotations

import pandas as pd

from reports.dashboard import countdown_text, kpis, prior_warning
from reports.data import SiteData
from reports.html import esc, link, section

PAGE = "index.html"


def card(href: str, title: str, text: str) -> str:
    """A link card to one page."""
    return f'<a href="{esc(href)}"><h2>{esc(title)}</h2><p>{text}</p></a>'


def index_body(data: SiteData, plan: list[dict], history: pd.DataFrame) -> str:
    """The landing page's HTML body."""
    weakest = data.current.sort_values("readiness").head(1).to_dict("records")
    weak_text = (f"Weakest domain: {esc(weakest[0]['label'])} at {weakest[0]['readiness']:.0f}%."
                 if weakest else "No practice evidence yet.")
    services = data.services["status"].value_counts()
    next_text = (f"Next: practise {esc(plan[0]['label'])} ({plan[0]['gain_pp']:+.2f} points of pass chance per hour)."
                 if plan else "Add a mock exam to get a plan.")
    last = history.iloc[-1].to_dict() if not history.empty else None
    last_text = (f"Last mock: {esc(last['attempt_id'])} on {last['taken_at']:%Y-%m-%d}, {last['score']:.0%}."
                 if last else "No mock exams yet.")
    cards = "".join([
        card("dashboard.html", "Dashboard", f"Pass chance, predicted score, readiness per domain over time. {weak_text}"),
        card("coverage.html", "Coverage gaps", f"{services.get('gap', 0)} services never studied, "
             f"{services.get('weak', 0)} weak, {services.get('covered', 0)} covered."),
        card("attempts.html", "Attempts", f"{len(history)} mock exams. {last_text}"),
        card("plan.html", "Study plan", next_text),
    ])
    recent = "".join(f"<li>{link(r['file'], r['attempt_id'])} · {r['taken_at']:%Y-%m-%d} · {esc(r['provider'])} · "
                     f"{r['score']:.0%}</li>" for r in history.iloc[::-1].head(5).to_dict("records"))
    return "".join([
        f"<section>{kpis(data)}{prior_warning(data)}<p class=muted>Learner {esc(data.learner)} · exam {esc(data.exam)} · "
        f"exam day {esc(countdown_text(data))}</p></section>",
        f'<div class="cards">{cards}</div>',
        section("Recent mock exams", f"<ul>{recent}</ul>" if recent else "<p>None yet.</p>"),
    ])
