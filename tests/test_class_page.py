"""The class page (site/class.html): a workspace holding several learners, built by a real `examready run`."""
from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli
from tests.test_learners import class_export, team_hours

HOSTILE = "<i>eve</i>@class.example"  # a learner id with markup: shown as typed, never as HTML
CLASS = {"ana@class.example": 0.9, "ben@class.example": 0.3, "cat@class.example": 0.6, HOSTILE: 0.5}


@pytest.fixture(scope="module")
def class_run(tmp_path_factory) -> tuple[Path, dict]:
    """Four practised learners (one with markup in its id), one with hours only, the instructor with nothing
    (not one of the class);
    ben's exam in 10 days, cat's in 100 (the exam_dates roster), the others without a date."""
    root = tmp_path_factory.mktemp("classpage") / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    today = datetime.now(timezone.utc).date()
    (root / "exam-dates.csv").write_text(f"learner,exam_date\nben@class.example,{today + timedelta(days=10)}\n"
                                         f"cat@class.example,{today + timedelta(days=100)}\n")
    config = root / "examready.yaml"
    config.write_text(config.read_text() + "exam_dates: exam-dates.csv\n")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export(CLASS))
    (root / "inbox" / "hours" / "team.csv").write_text(team_hours(["ana@class.example", "dana@class.example"]))
    return root, json.loads(run_cli("run", "-w", str(root), "--json").stdout)


def page_text(root: Path, name: str = "class.html") -> str:
    return (root / "site" / name).read_text(encoding="utf-8")


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_run_writes_the_class_page_and_lists_it(class_run):
    root, report = class_run
    assert report["pages"]["class"] == str((root / "site" / "class.html").resolve())
    for name in ("index.html", "dashboard.html", "plan.html", "class.html"):
        assert '<a href="class.html"' in page_text(root, name), name  # in the nav of every page
    index = page_text(root, "index.html")
    assert '<a href="class.html">The class page</a>' in index and "also holds 5 other learner(s)" in index


def test_class_page_headline_and_table_agree_with_examready_learners(class_run):
    root, _ = class_run
    data = json.loads(run_cli("learners", "-w", str(root), "--json").stdout)
    practised = [r for r in data["learners"] if r["practised"]]
    html = page_text(root)
    assert "Learners<b>5</b>4 with exam-style questions" in html  # not the instructor: nothing counts under them
    below = sum(r["pass_probability"] < 0.5 for r in practised)
    assert f"Below 50%<b>{below}</b>" in html and below >= 1
    rows = re.findall(r'<tr><td class="id" title="([^"<]+)">', html.split("Learners, lowest pass chance first")[1])
    assert [r.replace("&lt;", "<").replace("&gt;", ">") for r in rows] == [r["learner"] for r in practised]
    assert "examready open --learner ben@class.example" in html
    assert "examready open --learner &#x27;&lt;i&gt;eve&lt;/i&gt;@class.example&#x27;" in html  # quoted for a shell
    assert "<i>eve</i>" not in html
    assert f"All {len(practised)} learners with exam-style questions" in html


def test_unpractised_learners_are_named_with_their_hours(class_run):
    html = page_text(class_run[0]).split("Not practised yet")[1]
    assert "1 learner(s) with no exam-style questions yet" in html
    assert "<li>dana@class.example: 1.5 h logged</li>" in html and "instructor" not in html


def read_view(root: Path):
    from reports.class_data import collect_class
    from sources.blueprint import load_blueprint

    con = duckdb.connect(str(root / "warehouse.duckdb"), read_only=True)
    try:
        return collect_class(con, load_blueprint("DEA-C01"), "instructor")
    finally:
        con.close()


def test_figures_hold_the_class(class_run):
    from reports.class_figures import class_figures

    view = read_view(class_run[0])
    figs = class_figures(view)
    assert sum(figs["fig-pass-chances"]["data"][0]["y"]) == 4
    boxes = figs["fig-domains"]["data"]
    assert [b["name"] for b in boxes] == ["D1", "D2", "D3", "D4"] and all(len(b["y"]) == 4 for b in boxes)
    assert "&lt;i&gt;eve&lt;/i&gt;@class.example" in boxes[0]["text"]  # Plotly would render <i>
    assert sum(figs["fig-weakest"]["data"][0]["x"]) == 4
    medians = {d["id"]: d["median_readiness"] for d in view.domains}
    for box in boxes:  # the table's median is the box's (four learners: the middle two's mean)
        assert medians[int(box["name"][1:])] == pytest.approx(sum(sorted(box["y"])[1:3]) / 2, abs=0.1)


def test_a_large_class_shows_the_lowest_and_says_how_to_see_everyone(class_run, monkeypatch):
    from reports import class_page

    view = read_view(class_run[0])
    monkeypatch.setattr(class_page, "SHOWN", 3)
    monkeypatch.setattr(class_page, "NAMED_UNPRACTISED", 0)
    html = class_page.class_body(view, {})
    table = class_page.learners_table(view)
    assert "The 3 lowest pass chances of 4 learners with exam-style questions; 1 more are not shown" in table
    assert "examready learners --json" in table and table.count('<tr><td class="id"') == 3
    assert "ana@class.example" not in table  # the highest pass chance is the one left out
    assert "1 learners have no exam-style questions yet" in html and "dana@class.example" not in html


def test_the_page_does_not_grow_with_the_class():
    """10x the learners, the same page size within 2%: binned pass chances, box statistics, the lowest 200 rows."""
    import pandas as pd

    from reports.class_data import ClassView
    from reports.class_figures import class_figures
    from reports.class_page import class_body
    from reports.html import figure_html

    def view(n: int) -> ClassView:
        learners = [{"learner": f"learner-{i:05d}", "practised": True, "pass_probability": (i % 97) / 97,
                     "predicted_scaled_score": {"mean": 700, "low": 600, "high": 800}, "measured_domains": 4,
                     "questions": 260, "mocks": 4, "hours": 10.0, "last_practice": "2026-11-09",
                     "weakest_domain": {"id": 1 + i % 4, "name": "x", "readiness": 50.0}} for i in range(n)]
        readiness = pd.DataFrame([(r["learner"], d, 40 + (i * d) % 50) for i, r in enumerate(learners)
                                  for d in (1, 2, 3, 4)], columns=["learner_id", "domain_id", "readiness"])
        domains = [{"id": d, "name": f"D{d}", "weight": 0.25, "learners_measured": n, "median_readiness": 60.0}
                   for d in (1, 2, 3, 4)]
        dates = {r["learner"]: date(2027, 1, 1) + timedelta(days=i % 60) for i, r in enumerate(learners)}
        return ClassView("DEA-C01", "instructor", sorted(learners, key=lambda r: r["pass_probability"]),
                         readiness, domains, dates, date(2026, 12, 2))

    def size(n: int) -> int:
        v = view(n)
        figs = class_figures(v)
        return len(class_body(v, figs)) + sum(len(figure_html(f, k)) for k, f in figs.items())

    small, large = size(1_000), size(10_000)
    assert abs(large - small) / small < 0.02, (small, large)


def test_another_learners_pages_link_to_the_workspace_class_page(class_run, monkeypatch):
    from click.testing import CliRunner

    from examready.cli import cli

    root, _ = class_run
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(cli, ["open", "-w", str(root), "--learner", "ben@class.example"])
    assert result.exit_code == 0, result.output
    folder = Path(opened[-1].removeprefix("file://")).parent
    assert not (folder / "class.html").exists()  # one class page, the workspace's
    index = (folder / "index.html").read_text()
    assert '<a href="../../class.html">The class page</a>' in index
    assert "also holds 4 other learner(s)" in index  # not the instructor, under whom nothing counts (it said 5)
    assert (folder / "../../class.html").resolve() == (root / "site" / "class.html").resolve()
    result = CliRunner().invoke(cli, ["open", "-w", str(root), "--page", "class", "--learner", "ben@class.example"])
    assert result.exit_code == 0 and opened[-1] == (root / "site" / "class.html").as_uri()


def test_export_draws_the_class_charts(class_run):
    from examready.cmd_pages import _figures
    from pipelines.workspace import find_workspace
    from reports.export import png_name

    figures = _figures(find_workspace(class_run[0]), None)
    assert sorted(png_name("class.html", k) for k in figures["class.html"]) == [
        "class-domains.png", "class-pass-chances.png", "class-weakest.png"]


def test_one_learner_has_no_class_page(demo_workspace_readonly, monkeypatch):
    """A learner's own workspace: no class page, no link to one, and `open --page class` says why."""
    from click.testing import CliRunner

    from examready.cli import cli

    site = demo_workspace_readonly / "site"
    assert not (site / "class.html").exists()
    assert all("class.html" not in p.read_text() for p in site.glob("*.html"))
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    result = CliRunner().invoke(cli, ["open", "-w", str(demo_workspace_readonly), "--page", "class"])
    assert result.exit_code == 2 and "no class page: the warehouse holds one learner" in result.output


def test_the_class_page_goes_when_the_class_does(class_run, tmp_path):
    """Class exports forgotten: the warehouse is down to its own learner, and the class page is removed."""
    root = tmp_path / "ws"
    shutil.copytree(class_run[0], root)
    for name in ("exams/class.csv", "hours/team.csv"):
        (root / "inbox" / name).unlink()
    run_cli("forget", "-w", str(root), "exams/class.csv", "hours/team.csv")
    report = json.loads(run_cli("run", "-w", str(root), "--json").stdout)
    assert "class" not in report["pages"] and not (root / "site" / "class.html").exists()
    assert "class.html" not in page_text(root, "index.html")


def test_an_instructor_with_one_student_has_no_class_page(tmp_path, monkeypatch):
    """The workspace's learner with no rows and one student: a class of one, so no class page (run --json, the
    site, export's charts, `open --page class`); the workspace's learner with rows and one student: a class of two."""
    from click.testing import CliRunner

    from examready.cli import cli
    from examready.cmd_pages import _figures
    from pipelines.workspace import find_workspace

    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({"ben@class.example": 0.3}))
    report = json.loads(run_cli("run", "-w", str(root), "--json").stdout)
    assert "class" not in report["pages"] and not (root / "site" / "class.html").exists()
    assert all("class.html" not in p.read_text() for p in (root / "site").glob("*.html"))
    assert "class.html" not in _figures(find_workspace(root), None)
    assert "class.html" not in _figures(find_workspace(root), "ben@class.example")
    monkeypatch.setattr("webbrowser.open", lambda url: True)
    result = CliRunner().invoke(cli, ["open", "-w", str(root), "--page", "class"])
    assert result.exit_code == 2 and "no class page: the warehouse holds one learner" in result.output

    (root / "inbox" / "exams" / "mine.csv").write_text(  # the instructor practises too: two learners
        class_export({"instructor": 0.8}).replace("mock-0", "own-0"))
    report = json.loads(run_cli("run", "-w", str(root), "--json").stdout)
    assert report["pages"]["class"] == str((root / "site" / "class.html").resolve())
    assert "ben@class.example" in page_text(root) and "instructor" in page_text(root)


# In headless Chromium (conftest's browser, tests/test_browser.py's visit): figures drawn, table sorted, links followed.

@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_class_page_renders_in_chromium(browser, class_run, width):
    from test_browser import assert_clean, visit

    seen = visit(browser, class_run[0] / "site" / "class.html", 3, width=width, tag="class-")
    assert_clean(seen, 3, "class.html")
    assert HOSTILE in seen.text  # the id as typed, in the table
    assert "Learners by pass chance" in seen.text and "4 learners with exam-style questions." in seen.text


@pytest.mark.browser
def test_class_table_sorts_and_links_resolve(browser, class_run):
    root = class_run[0]
    page = browser.new_page()
    page.goto((root / "site" / "index.html").as_uri(), wait_until="load")
    page.get_by_role("link", name="The class page").click()
    page.wait_for_load_state("load")
    assert page.url == (root / "site" / "class.html").as_uri()
    table = page.locator("table.sortable")
    sort_keys = "cells => cells.map(c => parseFloat(c.getAttribute('data-sort')))"
    ranked = table.locator("tbody tr td:nth-child(2)").evaluate_all(sort_keys)
    assert ranked == sorted(ranked) and len(ranked) == 4  # lowest pass chance first, as built
    table.locator("th button", has_text="Pass chance").click()
    table.locator("th button", has_text="Pass chance").click()
    descending = table.locator("tbody tr td:nth-child(2)").evaluate_all(sort_keys)
    assert descending == sorted(ranked, reverse=True) and descending[0] > descending[-1]
    assert table.locator("tbody tr td:first-child").first.inner_text() == "ana@class.example"
    table.locator("th button", has_text="Learner").click()
    names = table.locator("tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file(), href
    page.close()


def test_exam_dates_of_the_roster_are_in_the_table_and_the_headline(class_run):
    """The roster's dates as `examready learners --json` gives them; ben (pass chance < 50%) sits in 10 days."""
    root, _ = class_run
    data = json.loads(run_cli("learners", "-w", str(root), "--json").stdout)
    dated = {r["learner"]: (r["exam_date"], r["days_to_exam"]) for r in data["learners"] if r["exam_date"]}
    assert set(dated) == {"ben@class.example", "cat@class.example"}
    html = page_text(root)
    for learner, (day, days) in dated.items():
        cell = re.escape(f'<td class="id" title="{learner}">{learner.replace("@", "@<wbr>")}</td>')
        assert re.search(rf"{cell}.*?<td>{day}</td><td class=\"num\" data-sort=\"{float(days)!r}\">"
                         rf"in {days} days</td>", html), learner
    assert "</b>1 of them with the exam within 30 days</div>" in html


def test_a_class_with_hours_only_has_a_page_without_charts(tmp_path):
    """Two learners of a team export, no exam-style question anywhere: the page says so, draws nothing."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "hours" / "team.csv").write_text(team_hours(["ana@class.example", "dana@class.example"]))
    report = json.loads(run_cli("run", "-w", str(root), "--json").stdout)
    html = page_text(root)
    assert report["pages"]["class"].endswith("class.html") and "Plotly.newPlot" not in html
    assert "Learners<b>2</b>0 with exam-style questions" in html and "Median pass chance<b>–</b>" in html
    assert "2 learner(s) with no exam-style questions yet" in html and "<li>ana@class.example: 1.5 h logged</li>" in html


def test_the_below_half_card_counts_only_its_own_learners(class_run):
    """The pass-chance bands cover everyone practised: a line of their own, not read as a split of 'Below 50%'."""
    html = page_text(class_run[0])
    card = re.search(r"<div>Below 50%<b>(\d+)</b>([^<]*)</div>", html)
    assert card and card.group(2) == "1 of them with the exam within 30 days"  # ben: 30%, exam in 10 days
    bands = re.search(r"<p>Pass chances of all (\d+) with exam-style questions: &lt; 30%: (\d+) · 30–70%: (\d+)"
                      r" · ≥ 70%: (\d+)</p>", html)
    assert bands and int(bands.group(1)) == 4 == sum(int(n) for n in bands.groups()[1:])


def test_a_past_exam_date_reads_as_past(class_run, tmp_path):
    """Another learner's exam day gone by: named in `readiness`, 'N days ago' on the class page."""
    from reports.class_page import learners_table

    root = tmp_path / "ws"
    shutil.copytree(class_run[0], root)
    today = datetime.now(timezone.utc).date()
    past = today - timedelta(days=12)
    (root / "exam-dates.csv").write_text(f"learner,exam_date\nben@class.example,{past}\n")
    said = run_cli("readiness", "-w", str(root), "--learner", "ben@class.example").stdout
    assert f"ben@class.example's exam date {past} has passed" in said and "Your exam date" not in said
    view = read_view(root)
    view.exam_dates, view.today = {"ben@class.example": past}, today
    table = learners_table(view)
    assert '<td class="num" data-sort="-12.0">12 days ago</td>' in table and ">-12<" not in table


@pytest.mark.parametrize("command", ["readiness", "gaps"])
def test_an_email_given_in_another_case_is_the_same_learner(class_run, command):
    """docs/cohorts.md: emails differing in case are one learner; --learner takes any case (s14 review, finding 6)."""
    asked = json.loads(run_cli(command, "-w", str(class_run[0]), "--learner", "Ben@CLASS.example", "--json").stdout)
    stored = json.loads(run_cli(command, "-w", str(class_run[0]), "--learner", "ben@class.example", "--json").stdout)
    assert asked == stored and asked["learner"] == "ben@class.example"


TABLES_JS = """() => [...document.querySelectorAll('table')].map(t => {
    const box = t.closest('.scroll'), card = t.closest('section');
    return {head: t.querySelector('th').innerText, wide: box.scrollWidth, shown: box.clientWidth,
            right: box.getBoundingClientRect().right, cardRight: card.getBoundingClientRect().right,
            overflow: getComputedStyle(box).overflowX};})"""
GAP = 6  # px between two chart labels on one line
LABELS_JS = """() => [...document.querySelectorAll('#fig-pass-chances .annotation-text, #fig-pass-chances .legendtext')]
    .map(e => { const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.right, r.top, r.bottom]; })"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_tables_and_chart_labels_fit_on_a_desktop_and_a_phone(class_run, browser, width):
    """At 1280 px every table fits its box; at 390 px a wider one scrolls inside its card, not the page.
    The pass-chance chart's median and 50% labels never overlap."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((class_run[0] / "site" / "class.html").as_uri(), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('#fig-pass-chances svg').length > 0", timeout=20_000)
    tables, labels = page.evaluate(TABLES_JS), page.evaluate(LABELS_JS)
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert len(tables) == 2 and page_width <= width
    for t in tables:
        assert t["overflow"] == "auto" and t["right"] <= t["cardRight"] + 0.5, t
        if width == 1280:
            assert t["wide"] <= t["shown"], t  # nothing cut off behind a scrollbar on a desktop
    texts = [label[0] for label in labels]
    assert any(t.startswith("median ") for t in texts) and "50%" in texts, texts
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = a[2] + GAP <= b[1] or b[2] + GAP <= a[1] or a[4] <= b[3] or b[4] <= a[3]
            assert apart, (a, b)


@pytest.mark.browser
def test_median_and_half_labels_do_not_overlap_on_a_phone(browser, tmp_path):
    """The review's class: median pass chance 29%, 21 points from the 50% line, at 390 px."""
    import pandas as pd

    from reports.class_data import ClassView
    from reports.class_figures import class_figures
    from reports.html import figure_html, page, section, write_plotly_js

    chances = [0.02] * 8 + [0.29] * 5 + [0.6] * 6 + [0.95] * 2
    learners = [{"learner": f"s{i:02d}", "practised": True, "pass_probability": p, "weakest_domain": {"id": 1}}
                for i, p in enumerate(chances)]
    readiness = pd.DataFrame([(r["learner"], 1, 50.0) for r in learners], columns=["learner_id", "domain_id", "readiness"])
    view = ClassView("DEA-C01", "instructor", learners, readiness, [{"id": 1}], {}, date(2026, 12, 2))
    fig = class_figures(view)["fig-pass-chances"]
    write_plotly_js(tmp_path)
    (tmp_path / "chart.html").write_text(page("chart", section("Pass chances", figure_html(fig, "fig-pass-chances"))), encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 900})
    chart = context.new_page()
    chart.goto((tmp_path / "chart.html").as_uri(), wait_until="load")
    chart.wait_for_function("() => document.querySelectorAll('#fig-pass-chances svg').length > 0", timeout=20_000)
    labels = chart.evaluate(LABELS_JS)
    context.close()
    assert {"median 29%", "50%"} <= {label[0] for label in labels}, labels
    for i, a in enumerate(labels):  # apart by a space's width at least: not read as one label
        for b in labels[i + 1:]:
            assert a[2] + GAP <= b[1] or b[2] + GAP <= a[1] or a[4] <= b[3] or b[4] <= a[3], (a, b)


LONG_IDS = ["alexandra.konstantinopoulou@student.university-example.edu", "maximilian.j07@bootcamp.io",
            "x" * 40 + "@example.org"]  # one with no dot or dash to break at
ID_CELLS_JS = """() => [...document.querySelectorAll('table.sortable tbody tr')].map(row => {
    const cell = row.cells[0], box = cell.getBoundingClientRect();
    return {text: cell.textContent, title: cell.getAttribute('title'), width: box.width};})"""


def long_id_class_page(folder: Path) -> Path:
    """A class page (reports' own builders, no run) whose learners have ids of 17 to 58 characters, with exam dates."""
    import pandas as pd

    from reports.class_data import ClassView, class_domains
    from reports.class_figures import class_figures
    from reports.class_page import class_body
    from reports.html import page, write_plotly_js
    from reports.tables import SORT_SCRIPT
    from sources.blueprint import load_blueprint

    bp = load_blueprint("DEA-C01")
    ids = LONG_IDS + [f"s{i:02d}@class.example" for i in range(5)]
    learners = [{"learner": lid, "practised": True, "pass_probability": 0.1 + 0.1 * i, "measured_domains": 4,
                 "predicted_scaled_score": {"mean": 600 + 20 * i, "low": 500, "high": 700}, "questions": 1300,
                 "mocks": 20, "hours": 120.5, "last_practice": "2026-11-30",
                 "weakest_domain": {"id": 4, "name": bp.domain(4).name, "readiness": 41.0}} for i, lid in enumerate(ids)]
    readiness = pd.DataFrame([(lid, d.id, 50.0 + d.id) for lid in ids for d in bp.domains],
                             columns=["learner_id", "domain_id", "readiness"])
    today = date(2026, 12, 2)
    view = ClassView("DEA-C01", "instructor", learners, readiness, class_domains(readiness, bp),
                     {lid: today + timedelta(days=120) for lid in ids}, today)
    write_plotly_js(folder)
    target = folder / "class.html"
    target.write_text(page("Class", class_body(view, class_figures(view)), script=SORT_SCRIPT), encoding="utf-8")
    return target


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_long_learner_ids_wrap_and_keep_their_full_id(browser, tmp_path, width):
    """Ids of 26 to 58 characters (long emails): the learner table fits its card at 1280 px (no sideways scroll);
    each id cell wraps, shows the whole id and has it as its title; on a phone only the table scrolls, in its card."""
    target = long_id_class_page(tmp_path)
    context = browser.new_context(viewport={"width": width, "height": 900})
    view = context.new_page()
    view.goto(target.as_uri(), wait_until="load")
    view.wait_for_function("() => document.querySelectorAll('#fig-pass-chances svg').length > 0", timeout=20_000)
    tables, cells = view.evaluate(TABLES_JS), view.evaluate(ID_CELLS_JS)
    page_width = view.evaluate("() => document.documentElement.scrollWidth")
    view.locator("table.sortable").screenshot(path=str(tmp_path / f"long-ids-{width}.png"))
    context.close()
    assert page_width <= width
    learner_table = next(t for t in tables if t["head"].startswith("Learner"))
    assert learner_table["overflow"] == "auto" and learner_table["right"] <= learner_table["cardRight"] + 0.5
    if width == 1280:
        assert learner_table["wide"] <= learner_table["shown"], learner_table
    assert {c["text"] for c in cells} >= set(LONG_IDS) and all(c["title"] == c["text"] for c in cells), cells
    assert max(c["width"] for c in cells) < 260, cells  # a long id wraps rather than widen its column
