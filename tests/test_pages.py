"""The static pages of a demo workspace: complete, linked, offline, escaped, fast."""
from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import duckdb
import pytest
from test_pages_workspace import FORMULA_ATTEMPT, FORMULA_PROVIDER, HOSTILE, build_demo_site

from reports.attempt_data import attempt_file
from reports.site import build_site, collect_site, expected_figures
from reports.tables import spreadsheet_safe
from sources.blueprint import load_blueprint

TOP_PAGES = ["index.html", "dashboard.html", "coverage.html", "attempts.html", "plan.html"]
TOP_FIGURES = {"index.html": 3, "dashboard.html": 5, "coverage.html": 2, "attempts.html": 1, "plan.html": 1}


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The site folder of the session's demo workspace."""
    return build_demo_site(tmp_path_factory) / "site"


@pytest.fixture(scope="session")
def warehouse(demo_site):
    """A read-only connection to the demo warehouse."""
    con = duckdb.connect(str(demo_site.parent / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def html_pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def test_every_page_exists_and_every_link_resolves(demo_site):
    pages = html_pages(demo_site)
    assert {p.name for p in pages} >= set(TOP_PAGES)
    assert len([p for p in pages if p.name.startswith("attempt-")]) >= 10
    for page in pages:
        for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            assert (demo_site / href).is_file(), f"{page.name} links to missing {href}"


def test_pages_work_offline_with_one_shared_plotly(demo_site):
    assert (demo_site / "plotly.min.js").stat().st_size > 1_000_000
    assert len(list(demo_site.rglob("plotly*.js"))) == 1
    for page in html_pages(demo_site):
        text = page.read_text(encoding="utf-8")
        assert '<script src="plotly.min.js"></script>' in text
        assert not re.search(r'(src|href)="(https?:)?//', text), f"{page.name} loads something remote"
        assert "cdn.plot.ly" not in text


def test_user_text_is_escaped_everywhere(demo_site):
    for page in html_pages(demo_site):
        assert HOSTILE not in page.read_text(encoding="utf-8"), f"raw <script> in {page.name}"
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for name in ("attempts.html", "coverage.html", "dashboard.html", attempt_file(f"evil-{HOSTILE}")):
        assert shown in (demo_site / name).read_text(encoding="utf-8"), f"hostile text not shown in {name}"


def test_csv_downloads_cannot_run_formulas(demo_site):
    rows = list(csv.DictReader((demo_site / "attempts.csv").open(encoding="utf-8")))
    mine = [r for r in rows if r["Attempt"] == "'" + FORMULA_ATTEMPT]
    assert mine and mine[0]["Provider"] == "'" + FORMULA_PROVIDER
    for name in ("attempts.csv", "coverage-services.csv", "coverage-tasks.csv", "plan.csv"):
        for row in csv.reader((demo_site / name).open(encoding="utf-8")):
            assert not any(cell[:1] in ("=", "+", "@", "\t", "\r") for cell in row), (name, row)


def test_a_practised_learner_s_pages_carry_no_caveat(demo_site):
    """The demo learner practised every domain and the exam is ahead: no caveat, every domain has a trend
    (tests/test_readiness_caveats.py has the learner who left domains unpractised)."""
    for name in ("index.html", "dashboard.html", "plan.html"):
        text = (demo_site / name).read_text(encoding="utf-8")
        assert "<p class=weak>" not in text and "not practised yet" not in text.lower(), name
    assert len(re.findall(r"<td>[▲▼►] (?:[+-]\d+|±0)</td>", (demo_site / "dashboard.html").read_text(encoding="utf-8"))) == 4


def test_spreadsheet_safe_prefixes_formula_starts_only():
    assert [spreadsheet_safe(v) for v in ("=1", "+1", "-1", "@x", "\tx", "ok")] == ["'=1", "'+1", "'-1", "'@x", "'\tx", "ok"]
    assert spreadsheet_safe(-3) == -3 and spreadsheet_safe(None) == ""
    assert [spreadsheet_safe(v) for v in (45.0, 69.23076923, -2.0)] == [45, 69.2308, -2]  # counts as counts


def test_attempt_file_names_are_safe_and_distinct():
    names = {attempt_file(a) for a in ("a/b", "a b", "a:b", "../../etc", f"x{HOSTILE}")}
    assert len(names) == 5
    assert all(re.fullmatch(r"attempt-[A-Za-z0-9_-]+\.html", n) for n in names)


def test_figures_per_page_match_the_data(demo_site, warehouse):
    bp = load_blueprint("DEA-C01")
    site = collect_site(warehouse, "sam", bp.scoring.pass_mark, None, bp)
    counts = expected_figures(site)
    assert {p: counts[p] for p in TOP_FIGURES} == TOP_FIGURES
    per_attempt = warehouse.execute("""
        SELECT a.attempt_id, 1 + coalesce(bool_or(NOT q.correct AND q.service IS NOT NULL)::INT, 0)
               + coalesce(bool_or(NOT q.correct AND q.task_id IS NOT NULL)::INT, 0)
               + coalesce(bool_or(q.seconds IS NOT NULL)::INT, 0)
        FROM marts.attempts a LEFT JOIN staging.answers q USING (learner_id, attempt_id)
        WHERE a.learner_id = 'sam' GROUP BY 1""").fetchall()
    assert len(per_attempt) >= 10
    for attempt_id, figures in per_attempt:
        assert counts[attempt_file(attempt_id)] == figures, attempt_id
    assert counts[attempt_file("mock-01")] == 4 and counts[attempt_file("tutorials-03")] == 1
    for page in html_pages(demo_site):
        drawn = page.read_text(encoding="utf-8").count('class="plotly-graph-div"')
        assert drawn == counts[page.name], page.name


def test_page_generation_stays_under_two_seconds(warehouse, tmp_path):
    bp = load_blueprint("DEA-C01")
    build_site(warehouse, tmp_path / "warm", "sam", bp.scoring.pass_mark, None, bp)  # imports, plotly.min.js
    started = time.process_time()
    pages = build_site(warehouse, tmp_path / "warm", "sam", bp.scoring.pass_mark, None, bp)
    cpu = time.process_time() - started
    assert len(pages) >= 15
    assert cpu < 2.0, f"page generation took {cpu:.2f} s of CPU"


def test_stale_attempt_pages_are_removed(warehouse, tmp_path):
    stale = tmp_path / "attempt-gone-000000.html"
    stale.write_text("old", encoding="utf-8")
    build_site(warehouse, tmp_path, "sam", 720, None)
    assert not stale.exists()
