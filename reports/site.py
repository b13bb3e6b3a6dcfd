"""Building every page of the site from the marts (never from raw files or Dagster)."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from reports import attempt_page, attempts, class_page, coverage, dashboard, index, plan
from reports.attempt_data import attempt_history, attempt_parts
from reports.class_data import ClassView, collect_class
from reports.class_figures import class_figures
from reports.data import SiteData, load_site_data
from reports.figures import Fig
from reports.html import NAV, PLOTLY_JS, page, write_plotly_js
from reports.plan_data import plans_hours, study_plan
from reports.tables import SORT_SCRIPT

TITLES = {index.PAGE: "Exam readiness", dashboard.PAGE: "Readiness dashboard", coverage.PAGE: "Coverage gaps",
          attempts.PAGE: "Mock exam attempts", plan.PAGE: "Study plan", class_page.PAGE: "Class"}
NAMES = {index.PAGE: "index", dashboard.PAGE: "dashboard", coverage.PAGE: "coverage", attempts.PAGE: "attempts",
         plan.PAGE: "plan", class_page.PAGE: "class"}

ExamDateOf = Callable[[str], date | None]  # learner -> their exam day (the workspace's `exam_date`)


@dataclass
class Site:
    """The data, the study plan and every page's figures, before anything is written."""

    data: SiteData
    plan: list[dict]
    history: pd.DataFrame
    figures: dict[str, dict[str, Fig]]  # page file -> div id -> figure
    parts: dict[str, dict]              # attempt id -> frames of its page
    klass: ClassView | None = None      # the warehouse's learners, when it holds more than one


def collect_site(con, learner: str, pass_mark: int, exam_date_of: ExamDateOf | None, blueprint=None,
                 today: date | None = None, with_class: bool = True, workspace_learner: str | None = None) -> Site:
    """Read the marts, rank the study plan and draw every figure (no files written).

    `exam_date_of`: learner -> their exam day (the workspace's `exam_date`), for `learner`'s pages and the
    class page; None: no exam day. `today`: the learner's date (the workspace's `today()`), which the days
    to the exam count from. `with_class`: also the class page's, if the warehouse holds more than one
    learner; `workspace_learner`: the workspace's own (`learner_id`), left out of the class without rows
    (default: `learner`).
    """
    from sources.blueprint import load_blueprint

    exam_date = exam_date_of(learner) if exam_date_of else None
    data = load_site_data(con, learner, pass_mark, exam_date, today)
    bp = blueprint or (load_blueprint(data.exam) if data.exam else None)
    plan_rows = study_plan(data, bp) if data.exam and plans_hours(data.exam_date, data.today) else []
    history = attempt_history(data.attempts, data.evidence)
    figures = {dashboard.PAGE: dashboard.dashboard_figures(data), coverage.PAGE: coverage.coverage_figures(data),
               attempts.PAGE: attempts.attempts_figures(data), plan.PAGE: plan.plan_figures(plan_rows)}
    figures[index.PAGE] = index.index_figures(figures[dashboard.PAGE], figures[plan.PAGE])
    parts = attempt_parts(data.attempts, data.answers, data.domains, data.tasks)
    for attempt_id, file in zip(history["attempt_id"], history["file"]):
        figures[file] = attempt_page.attempt_figures(parts[attempt_id])
    klass = collect_class(con, bp, workspace_learner or learner, exam_date_of, data.today) if with_class and bp else None
    if klass:
        figures[class_page.PAGE] = class_figures(klass)
    return Site(data, plan_rows, history, figures, parts, klass)


def page_bodies(site: Site, out_dir: Path, class_href: str | None = None) -> dict[str, tuple[str, str]]:
    """page file -> (title, HTML body); `class_href`: where the home page's class note links to."""
    data, figs = site.data, site.figures
    forecast = data.latest_forecast
    bodies = {
        index.PAGE: (TITLES[index.PAGE], index.index_body(data, site.plan, site.history, figs[index.PAGE], class_href)),
        dashboard.PAGE: (TITLES[dashboard.PAGE], dashboard.dashboard_body(data, figs[dashboard.PAGE])),
        coverage.PAGE: (TITLES[coverage.PAGE], coverage.coverage_body(data, figs[coverage.PAGE], out_dir)),
        attempts.PAGE: (TITLES[attempts.PAGE], attempts.attempts_body(data, figs[attempts.PAGE], out_dir)),
        plan.PAGE: (TITLES[plan.PAGE], plan.plan_body(site.plan, figs[plan.PAGE], out_dir,
                                                       forecast["pass_probability"] if forecast else None,
                                                       data.caveats(), plan.standing(data))),
    }
    for summary in site.history.to_dict("records"):
        body = attempt_page.attempt_body(summary, site.parts[summary["attempt_id"]], figs[summary["file"]])
        bodies[summary["file"]] = (f"Mock exam {summary['attempt_id']}", body)
    if site.klass:
        bodies[class_page.PAGE] = (TITLES[class_page.PAGE], class_page.class_body(site.klass, figs[class_page.PAGE]))
    return bodies


def class_link(site: Site, out_dir: Path, class_dir: Path | None) -> str | None:
    """The class page's address from out_dir: built here, or the workspace's (another learner's pages), or none."""
    if class_dir is None:
        return class_page.PAGE if site.klass else None
    target = Path(class_dir) / class_page.PAGE
    return Path(os.path.relpath(target, out_dir)).as_posix() if target.is_file() else None


def plotly_link(out_dir: Path, class_dir: Path | None) -> str:
    """Write plotly.js once, in the workspace's site (`class_dir`, for another learner's pages) else in
    out_dir; its address from out_dir (another learner's pages share the site's copy: 4.8 MB each)."""
    js = write_plotly_js(Path(class_dir) if class_dir is not None else out_dir)
    if class_dir is not None:
        (out_dir / PLOTLY_JS).unlink(missing_ok=True)  # a copy written before pages shared one
    return Path(os.path.relpath(js, out_dir)).as_posix()


def remove_stale_attempt_pages(out_dir: Path, keep: set[str]) -> None:
    """Delete pages of attempts that no longer exist (e.g. replaced by a re-export)."""
    for old in out_dir.glob("attempt-*.html"):
        if old.name not in keep:
            old.unlink()


def build_site(con, out_dir: Path, learner: str, pass_mark: int, exam_date_of: ExamDateOf | None,
               blueprint=None, today: date | None = None, class_dir: Path | None = None) -> dict[str, str]:
    """Write every page into out_dir; returns page name -> absolute path (`exam_date_of`: as for collect_site).

    The class page is written here when the warehouse holds more than one learner (and removed when it no
    longer does); with `class_dir` (another learner's pages) it is not built, only linked to where it is.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plotly_src = plotly_link(out_dir, class_dir)
    site = collect_site(con, learner, pass_mark, exam_date_of, blueprint, today, class_dir is None)
    site.data.own = class_dir is None  # another learner's pages name them in their caveats
    names = NAMES | {f: f"attempt:{a}" for a, f in zip(site.history["attempt_id"], site.history["file"])}
    href = class_link(site, out_dir, class_dir)
    nav = NAV | {"Class": href} if href else NAV
    pages = {}
    for file, (title, body) in page_bodies(site, out_dir, href).items():
        target = out_dir / file
        active = attempts.PAGE if file.startswith("attempt-") else file
        target.write_text(page(title, body, active=active, nav=nav, script=SORT_SCRIPT, plotly_src=plotly_src),
                          encoding="utf-8")
        pages[names[file]] = str(target.resolve())
    remove_stale_attempt_pages(out_dir, set(site.history["file"]))
    if class_dir is None and not site.klass:
        (out_dir / class_page.PAGE).unlink(missing_ok=True)  # the class is down to one learner
    return pages


def expected_figures(site: Site) -> dict[str, int]:
    """How many Plotly figures each page holds (the browser test checks they all render)."""
    return {file: len(figs) for file, figs in site.figures.items()}
