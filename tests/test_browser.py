"""Every page of a demo workspace in headless Chromium: renders, offline, no errors, user text inert."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from tests import conftest
from tests.conftest import chromium_or_fail
from test_pages_workspace import HOSTILE, HOSTILE_ATTEMPT, build_demo_site, build_practice_workspace

from reports.attempt_data import attempt_file
from reports.site import collect_site, expected_figures
from sources.blueprint import load_blueprint

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "pages"
TOP_PAGES = ["index.html", "dashboard.html", "coverage.html", "attempts.html", "plan.html"]
RENDERED = "() => [...document.querySelectorAll('.js-plotly-plot')].filter(e => e.querySelector('svg')).length"


@dataclass
class Visit:
    """What one page load did."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    rendered: int = 0
    text: str = ""
    legend: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_demo_site(tmp_path_factory) / "site"


def counted_figures(workspace: Path, learner: str) -> dict[str, int]:
    """Figures each page of a workspace should show, counted from the marts (not from the HTML)."""
    from pipelines.workspace import find_workspace

    bp, ws = load_blueprint("DEA-C01"), find_workspace(workspace)  # its exam date: none past it plans hours
    con = duckdb.connect(str(workspace / "warehouse.duckdb"), read_only=True)
    try:
        return expected_figures(collect_site(con, learner, bp.scoring.pass_mark, ws.exam_date, bp, today=ws.today()))
    finally:
        con.close()


@pytest.fixture(scope="module")
def figure_counts(site) -> dict[str, int]:
    return counted_figures(site.parent, "sam")


def visit(browser, page_file: Path, expected: int, width: int = 1280, tag: str = "") -> Visit:
    """Load one page from disk, wait for its figures, record everything, save a screenshot."""
    seen = Visit()
    context = browser.new_context(viewport={"width": width, "height": 900})

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            return r.continue_()
        seen.blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    page.goto(page_file.as_uri(), wait_until="load")
    if expected:
        page.wait_for_function(f"({RENDERED})() >= {expected}", timeout=20_000)
    seen.rendered = page.evaluate(RENDERED)
    seen.text = page.inner_text("body")
    seen.legend = page.locator(".legendtext").all_text_contents()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{width}-{tag}{page_file.stem}.png"), full_page=True)
    context.close()
    return seen


def assert_clean(seen: Visit, expected: int, name: str) -> None:
    assert seen.errors == [], f"{name}: console errors {seen.errors}"
    assert seen.blocked == [], f"{name}: tried to reach the network {seen.blocked}"
    assert all(u.startswith(("file:", "data:", "blob:")) for u in seen.requests), seen.requests
    assert seen.dialogs == [], f"{name}: user text ran as script {seen.dialogs}"
    assert seen.rendered == expected, f"{name}: {seen.rendered} of {expected} figures rendered"


@pytest.mark.parametrize("name", TOP_PAGES)
def test_page_renders_offline_without_errors(browser, site, figure_counts, name):
    seen = visit(browser, site / name, figure_counts[name])
    assert_clean(seen, figure_counts[name], name)


@pytest.mark.parametrize("name", ["index.html", "dashboard.html", "coverage.html", "plan.html"])
def test_page_renders_on_a_phone(browser, site, figure_counts, name):
    seen = visit(browser, site / name, figure_counts[name], width=390)
    assert_clean(seen, figure_counts[name], name)


def test_every_attempt_page_renders(browser, site, figure_counts):
    pages = sorted(site.glob("attempt-*.html"))
    assert len(pages) >= 10
    for page_file in pages:
        assert_clean(visit(browser, page_file, figure_counts[page_file.name]), figure_counts[page_file.name],
                     page_file.name)


def test_script_in_user_text_shows_as_text(browser, site, figure_counts):
    history = visit(browser, site / "attempts.html", figure_counts["attempts.html"])
    assert HOSTILE_ATTEMPT in history.text and HOSTILE in history.text
    assert HOSTILE in history.legend, history.legend  # the provider's trace name, drawn by Plotly
    attempt = attempt_file(HOSTILE_ATTEMPT)
    own = visit(browser, site / attempt, figure_counts[attempt])
    assert f"Mock exam {HOSTILE_ATTEMPT}" in own.text
    coverage = visit(browser, site / "coverage.html", figure_counts["coverage.html"])
    assert f"{HOSTILE} notes" in coverage.text  # the note's title
    dashboard = visit(browser, site / "dashboard.html", figure_counts["dashboard.html"])
    assert HOSTILE in dashboard.text  # an unmapped study-session description
    assert [] == history.dialogs + own.dialogs + coverage.dialogs + dashboard.dialogs


@pytest.mark.parametrize("workspace", ["drilled", "practised"])
def test_caveats_show_where_evidence_is_missing_and_only_there(browser, tmp_path_factory, workspace):
    """drilled (D3, D4 never practised, exam date past) shows the caveats, unpractised bars and no trend for
    them; practised (every domain, all right) shows none, and its near-certain pass chance as >99%."""
    root = build_practice_workspace(tmp_path_factory, workspace)
    counts = counted_figures(root, "me")
    for name in ("index.html", "dashboard.html", "plan.html"):
        seen = visit(browser, root / "site" / name, counts[name], tag=f"{workspace}-")
        assert_clean(seen, counts[name], name)
        caveats = [text for text in ("Not practised yet (0 exam-style questions): D3 Data Operations and Support; "
                                     "D4 Data Security and Governance. The pass probability and predicted score",
                                     "has passed", "Update exam_date in examready.yaml") if text in seen.text]
        assert len(caveats) == (3 if workspace == "drilled" else 0), (name, caveats)
        if name != "plan.html":  # the readiness bars
            bars = re.findall(r"\d+% \(not practised yet\)", seen.text)
            assert len(bars) == (2 if workspace == "drilled" else 0), (name, bars)
        if workspace == "practised":
            certain = [line for line in seen.text.splitlines() if "100%" in line and "full-" not in line]
            assert ">99%" in seen.text and certain == [], name  # 100% only as the mock exams' own scores


def test_tables_sort_on_a_header_click(browser, site):
    chromium_or_fail()
    page = browser.new_page()
    page.goto((site / "coverage.html").as_uri(), wait_until="load")
    table = page.locator("table.sortable").first
    table.locator("th button", has_text="Questions").click()
    first = [float(v) for v in table.locator("tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))")]
    assert first == sorted(first)
    table.locator("th button", has_text="Questions").click()
    again = [float(v) for v in table.locator("tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort'))")]
    assert again == sorted(first, reverse=True) and again[0] > again[-1]
    assert table.locator("th[aria-sort=descending]").count() == 1
    page.close()


def test_a_text_column_with_missing_values_sorts_in_order_the_missing_first(browser, tmp_path):
    """Before: a missing cell's numeric key compared false with every text, so a per-attempt page's Service column
    sorted into runs split at each '–' ('Amazon Redshift', '–', 'Amazon Athena', …)."""
    from reports.tables import SORT_SCRIPT, Col, table_html

    services = ["Amazon Redshift", None, "Amazon Athena", "Amazon S3", "AWS Glue", None, "AWS KMS"]
    rows = [{"service": s, "q": i} for i, s in enumerate(services)]
    path = tmp_path / "table.html"
    path.write_text(f"<!doctype html><meta charset=utf-8>"
                    f"{table_html(rows, [Col('q', 'Q'), Col('service', 'Service')], sortable=True)}{SORT_SCRIPT}",
                    encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri(), wait_until="load")
    shown = "cells => cells.map(c => c.textContent)"
    page.locator("th button", has_text="Service").click()
    texts = sorted((s for s in services if s), key=str.lower)
    assert page.locator("tbody tr td:nth-child(2)").evaluate_all(shown) == ["–", "–", *texts]
    page.locator("th button", has_text="Service").click()
    assert page.locator("tbody tr td:nth-child(2)").evaluate_all(shown) == [*texts[::-1], "–", "–"]
    page.close()


def test_a_long_attempt_id_wraps_on_a_phone(browser, tmp_path):
    """An attempt id from a file name without spaces ('udemy/DEA_C01_Full_Practice_Exam_2') in a page's heading,
    a list and the attempts table: before, the attempt page was 499 px wide at 390 px and its heading cut off."""
    from reports.html import link, page, section
    from reports.tables import Col, table_html

    long_id = "udemy/DEA_C01_Full_Practice_Exam_2_" + "x" * 40
    body = (section("Recent mock exams", f"<ul><li>{link('a.html', long_id)} · 2026-11-20</li></ul>")
            + section("History", table_html([{"day": "2026-11-20", "page": link("a.html", long_id), "score": 72}],
                                            [Col("day", "Date"), Col("page", "Attempt", cls="id"), Col("score", "Score")])))
    path = tmp_path / "long.html"
    path.write_text(page(f"Mock exam {long_id}", body, plotly_src=""), encoding="utf-8")
    view = browser.new_page(viewport={"width": 390, "height": 800})
    view.goto(path.as_uri(), wait_until="load")
    assert view.evaluate("document.documentElement.scrollWidth") <= 390
    view.close()


def test_missing_chromium_fails_in_ci(monkeypatch):
    monkeypatch.setattr(conftest, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        chromium_or_fail()
