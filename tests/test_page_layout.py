"""Every page of the demo at 1280 px and 390 px in headless Chromium: chart text inside its chart, titles clear
of tick labels, line labels clear of the data, tables in their boxes; and the predicted score's one-line
explanation when it and the pass chance fall on different sides of the pass mark."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from test_pages_workspace import build_demo_site

from reports.attempt_data import attempt_history
from reports.attempts import score_history
from reports.dashboard import kpis
from reports.html import figure_html, page, section, write_plotly_js

SLACK = 2.5  # px: a glyph's side bearing may sit this far past the figure's edge
DRAWN = "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))"
PROBLEMS_JS = """(slack) => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const found = [];
  for (const fig of document.querySelectorAll('.js-plotly-plot')) {
    const f = box(fig);
    for (const t of fig.querySelectorAll('svg text')) {
      const b = box(t);
      if (!t.textContent.trim() || b.r === b.l) continue;
      if (b.l < f.l - slack || b.r > f.r + slack || b.t < f.t - slack || b.b > f.b + slack)
        found.push(`${fig.id}: '${t.textContent}' cut off at the figure's edge`);
    }
    const title = fig.querySelector('.gtitle');
    for (const t of title ? fig.querySelectorAll('.xtick text, .ytick text') : [])
      if (meets(box(title), box(t))) found.push(`${fig.id}: the title is drawn over the tick label '${t.textContent}'`);
    for (const a of fig.querySelectorAll('.annotation-text'))
      for (const p of fig.querySelectorAll('.point'))
        if (meets(box(a), box(p))) { found.push(`${fig.id}: the label '${a.textContent}' covers a data point`); break; }
  }
  return found;
}"""
TABLES_JS = """() => [...document.querySelectorAll('table')].map(t => {
    const box = t.closest('.scroll'), card = t.closest('section');
    return {head: t.querySelector('th').innerText, wide: box.scrollWidth, shown: box.clientWidth,
            right: box.getBoundingClientRect().right, cardRight: card.getBoundingClientRect().right,
            overflow: getComputedStyle(box).overflowX};})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_demo_site(tmp_path_factory) / "site"


def layout_problems(browser, files: list[Path], width: int) -> list[str]:
    """What does not fit on each page at `width` px: chart text, titles, line labels, tables, the page itself."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    view, found = context.new_page(), []
    for file in files:
        view.goto(file.as_uri(), wait_until="load")
        view.wait_for_function(DRAWN, timeout=20_000)
        found += [f"{file.name}: {p}" for p in view.evaluate(PROBLEMS_JS, SLACK)]
        for t in view.evaluate(TABLES_JS):
            if t["overflow"] != "auto" or t["right"] > t["cardRight"] + 0.5:
                found.append(f"{file.name}: table '{t['head']}' runs out of its card {t}")
            elif width >= 1280 and t["wide"] > t["shown"]:
                found.append(f"{file.name}: table '{t['head']}' is {t['wide']} px in a {t['shown']} px box")
        if view.evaluate("() => document.documentElement.scrollWidth") > width:
            found.append(f"{file.name}: the page scrolls sideways")
    context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_charts_and_tables_fit_on_a_desktop_and_a_phone(browser, site, width):
    """The review's finds: heatmap column labels under the title, a table cut to 'Chang', the gauge's '1000'
    and the misses chart's axis title cut off on a phone, the time chart's 'median' over its bars."""
    files = [site / name for name in ("index.html", "dashboard.html", "coverage.html", "attempts.html", "plan.html")]
    files += sorted(site.glob("attempt-*.html"))
    assert len(files) >= 15
    assert layout_problems(browser, files, width) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_pass_level_is_named_clear_of_the_last_mock(browser, tmp_path, width):
    """The review's history: the newest mock exam at 75%, on the right edge just above the 72% line, where the
    line's label was drawn over its marker."""
    days = pd.to_datetime(["2026-11-09 20:07", "2026-11-16 18:00", "2026-11-20 10:00", "2026-11-23 19:31",
                           "2026-11-28 19:00"])
    attempts = pd.DataFrame({"attempt_id": ["td-1", "udemy-2", "sb-1", "td-2", "udemy-3"], "taken_at": days,
                             "provider": ["Tutorials Dojo", "Udemy", "AWS Skill Builder", "Tutorials Dojo", "Udemy"],
                             "domain_id": 1, "correct": [45, 49, 12, 48, 49], "total": [65, 65, 21, 65, 65],
                             "seconds": 60.0, "detail": "per_question"})
    fig = score_history(attempt_history(attempts))
    write_plotly_js(tmp_path)
    (tmp_path / "history.html").write_text(page("History", section("Scores", figure_html(fig, "fig-history"))),
                                           encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    view = context.new_page()
    view.goto((tmp_path / "history.html").as_uri(), wait_until="load")
    view.wait_for_function(DRAWN, timeout=20_000)
    problems, legend = view.evaluate(PROBLEMS_JS, SLACK), view.locator(".legendtext").all_text_contents()
    context.close()
    assert problems == [] and "≈ pass level (72%)" in legend, (problems, legend)


def test_the_predicted_score_is_explained_when_it_and_the_pass_chance_disagree(site):
    """The review's 'predicted 719, pass chance 54%': the predicted score is the simulated exams' average, the pass
    chance the share reaching 720; the home page and dashboard say so in one line, only when they disagree."""
    from reports.site import collect_site
    from sources.blueprint import load_blueprint
    from warehouse.connection import open_warehouse

    bp = load_blueprint("DEA-C01")
    with open_warehouse(site.parent / "warehouse.duckdb", read_only=True) as con:
        data = collect_site(con, "sam", bp.scoring.pass_mark, None, bp).data

    def headline(mean: float, chance: float) -> str:
        forecast = data.forecast.copy()
        forecast.loc[forecast.index[-1], ["scaled_mean", "pass_probability"]] = [mean, chance]
        return kpis(dataclasses.replace(data, forecast=forecast))

    assert ("Predicted score 719 is the average of the simulated exams; 54% of them reach 720: a few low scores "
            "pull it below 720.") in headline(719.3, 0.54)
    assert "a few high scores lift it to or over 720." in headline(724.0, 0.47)
    for agreeing in ((700.0, 0.42), (730.0, 0.58), (719.6, 0.51)):  # 719.6 shows as 720
        assert "average of the simulated exams" not in headline(*agreeing), agreeing
