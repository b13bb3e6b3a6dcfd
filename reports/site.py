"""Building every page of the site from the marts (never from raw files or Dagster)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from reports import attempt_page, attempts, coverage, dashboard, index, plan
from reports.attempt_data import attempt_history, attempt_parts
from reports.data import SiteData, load_site_data
from reports.figures import Fig
from reports.html import page, write_plotly_js
from reports.plan_data import study_plan
from reports.tables import SORT_SCRIPT

TITLES = {index.PAGE: "Exam readiness", dashboard.PAGE: "Readiness dashboard", coverage.PAGE: "Coverage gaps",
          attempts.PAGE: "Mock exam attempts", plan.PAGE: "Study plan"}
NAMES = {index.PAGE: "index", dashboard.PAGE: "dashboard", coverage.PAGE: "coverage", attempts.PAGE: "attempts",
         plan.PAGE: "plan"}


@dataclass
class Site:
    """The data, the study plan and every page's figures, before anything is written."""

    data: SiteData
    plan: list[dict]
    history: pd.DataFrame
    figures: dict[str, dict[str, Fig]]  # page file -> div id -> figure
    parts: dict[str, dict]              # attempt id -> frames of its page


def collect_site(con, learner: str, pass_mark: int, exam_date: date | None, blueprint=None,
                 today: date | None = None) -> Site:
    """Read the marts, rank the study plan and draw every figure (no files written).

    `today`: the learner's date (the workspace's `today()`), which the days to the exam count from.
    """
    from sources.blueprint import load_blueprint

    data = load_site_data(con, learner, pass_mark, exam_date, today)
    plan_rows = study_plan(data, blueprint or load_blueprint(data.exam)) if data.exam else []
    history = attempt_history(data.attempts)
    figures = {dashboard.PAGE: dashboard.dashboard_figures(data), coverage.PAGE: coverage.coverage_figures(data),
               attempts.PAGE: attempts.attempts_figures(data), plan.PAGE: plan.plan_figures(plan_rows)}
    figures[index.PAGE] = index.index_figures(figures[dashboard.PAGE], figures[plan.PAGE])
    parts = attempt_parts(data.attempts, data.answers, data.domains, data.tasks)
    for attempt_id, file in zip(history["attempt_id"], history["file"]):
        figures[file] = attempt_page.attempt_figures(parts[attempt_id])
    return Site(data, plan_rows, history, figures, parts)


def page_bodies(site: Site, out_dir: Path) -> dict[str, tuple[str, str]]:
    """page file -> (title, HTML body)."""
    data, figs = site.data, site.figures
    forecast = data.latest_forecast
    bodies = {
        index.PAGE: (TITLES[index.PAGE], index.index_body(data, site.plan, site.history, figs[index.PAGE])),
        dashboard.PAGE: (TITLES[dashboard.PAGE], dashboard.dashboard_body(data, figs[dashboard.PAGE])),
        coverage.PAGE: (TITLES[coverage.PAGE], coverage.coverage_body(data, figs[coverage.PAGE], out_dir)),
        attempts.PAGE: (TITLES[attempts.PAGE], attempts.attempts_body(data, figs[attempts.PAGE], out_dir)),
        plan.PAGE: (TITLES[plan.PAGE], plan.plan_body(site.plan, figs[plan.PAGE], out_dir,
                                                       forecast["pass_probability"] if forecast else None,
                                                       data.caveats())),
    }
    for summary in site.history.to_dict("records"):
        body = attempt_page.attempt_body(summary, site.parts[summary["attempt_id"]], figs[summary["file"]])
        bodies[summary["file"]] = (f"Mock exam {summary['attempt_id']}", body)
    return bodies


def remove_stale_attempt_pages(out_dir: Path, keep: set[str]) -> None:
    """Delete pages of attempts that no longer exist (e.g. replaced by a re-export)."""
    for old in out_dir.glob("attempt-*.html"):
        if old.name not in keep:
            old.unlink()


def build_site(con, out_dir: Path, learner: str, pass_mark: int, exam_date: date | None,
               blueprint=None, today: date | None = None) -> dict[str, str]:
    """Write every page into out_dir; returns page name -> absolute path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_plotly_js(out_dir)
    site = collect_site(con, learner, pass_mark, exam_date, blueprint, today)
    names = NAMES | {f: f"attempt:{a}" for a, f in zip(site.history["attempt_id"], site.history["file"])}
    pages = {}
    for file, (title, body) in page_bodies(site, out_dir).items():
        target = out_dir / file
        active = attempts.PAGE if file.startswith("attempt-") else file
        target.write_text(page(title, body, active=active, script=SORT_SCRIPT), encoding="utf-8")
        pages[names[file]] = str(target.resolve())
    remove_stale_attempt_pages(out_dir, set(site.history["file"]))
    return pages


def expected_figures(site: Site) -> dict[str, int]:
    """How many Plotly figures each page holds (the browser test checks they all render)."""
    return {file: len(figs) for file, figs in site.figures.items()}
