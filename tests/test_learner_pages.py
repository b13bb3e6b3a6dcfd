"""Other learners' pages (site/learners/): rebuilt by each run while the learner counts, removed once they no
longer do; plotly.js shared."""
from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_learners import class_export

ANA, BEN, CAT = "ana@class.example", "ben@class.example", "cat@class.example"


@pytest.fixture(scope="module")
def class_ws(tmp_path_factory) -> Path:
    """ana, ben and cat practised; ben's and cat's pages built by `examready open --learner`."""
    root = tmp_path_factory.mktemp("learnerpages") / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({ANA: 0.9, BEN: 0.3, CAT: 0.6}))
    run_cli("run", "-w", str(root))
    for learner in (BEN, CAT):
        run_cli("open", "-w", str(root), "--learner", learner, env={"BROWSER": "true"})
    return root


def folder(root: Path, learner: str) -> Path:
    from reports.learner_pages import learner_folder

    return root / "site" / "learners" / learner_folder(learner)


def test_learner_pages_use_the_site_roots_plotly_js(class_ws):
    ben = folder(class_ws, BEN)
    assert (ben / "index.html").is_file() and not (ben / "plotly.min.js").exists()
    for page in ben.glob("*.html"):
        src = re.findall(r'<script src="([^"]+)"', page.read_text())
        assert src == ["../../plotly.min.js"], page.name
        assert (ben / src[0]).resolve() == (class_ws / "site" / "plotly.min.js").resolve()
    assert (class_ws / "site" / "plotly.min.js").stat().st_size > 1_000_000


def page_numbers(learner_dir: Path) -> tuple[str, str]:
    """(pass probability, predicted scaled score) as the learner's home page shows them."""
    html = (learner_dir / "index.html").read_text()
    return (unescape(re.search(r"Pass probability<b>([^<]+)</b>", html).group(1)),
            re.search(r"Predicted scaled score<b>(\d+)</b>", html).group(1))


def learners_numbers(root: Path, learner: str) -> tuple[str, str]:
    """The same two numbers as `examready learners --json` gives them."""
    from reports.caveats import percent_text

    row = next(r for r in json.loads(run_cli("learners", "-w", str(root), "--json").stdout)["learners"]
               if r["learner"] == learner)
    return percent_text(row["pass_probability"]), str(row["predicted_scaled_score"]["mean"])


def test_a_run_rebuilds_the_learner_pages_already_built(class_ws):
    """cat's pages (built by `open --learner`) show cat's new mocks after the next run; ana's are not built."""
    before = page_numbers(folder(class_ws, CAT))
    assert before == learners_numbers(class_ws, CAT)
    newer = class_export({CAT: 1.0}).replace("mock-0", "late-0").replace("2026-11-0", "2026-11-1")
    (class_ws / "inbox" / "exams" / "cat-late.csv").write_text(newer)
    run_cli("run", "-w", str(class_ws))
    after = page_numbers(folder(class_ws, CAT))
    assert after == learners_numbers(class_ws, CAT) and after != before
    assert not folder(class_ws, ANA).exists()  # only the folders already there are rebuilt


def test_a_forgotten_learners_pages_are_removed_by_the_next_run(class_ws):
    assert folder(class_ws, BEN).is_dir() and folder(class_ws, CAT).is_dir()
    run_cli("forget", "-w", str(class_ws), "--learner", BEN)
    proc = run_cli("run", "-w", str(class_ws), "--json")
    assert not folder(class_ws, BEN).exists()  # dashboard, attempts and CSVs gone with the folder
    assert (folder(class_ws, CAT) / "index.html").is_file()  # still counts: kept
    assert "removed the pages of 1 learner(s) who no longer count" in proc.stderr
    assert f"site/learners/{folder(class_ws, BEN).name}" in proc.stderr
    assert json.loads(proc.stdout)["pages"]["class"]


@pytest.mark.browser
def test_a_learners_pages_render_offline_from_disk(class_ws, browser):
    """The shared plotly.js loads by its relative path from file://; nothing is fetched from the network."""
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto((folder(class_ws, CAT) / "dashboard.html").as_uri(), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot svg').length > 0", timeout=20_000)
    context.close()
    assert requests and all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests
    assert any(url.endswith("/site/plotly.min.js") for url in requests)


def test_another_learners_past_exam_date_names_them_on_their_pages(class_ws):
    """Pages built for another learner (read by the instructor): '<id>'s exam date … has passed', not 'Your'."""
    from datetime import date, timedelta

    past = date.today() - timedelta(days=40)
    (class_ws / "exam-dates.csv").write_text(f"learner,exam_date\n{CAT},{past}\n")
    config = class_ws / "examready.yaml"
    config.write_text(config.read_text() + "exam_dates: exam-dates.csv\n")
    run_cli("open", "-w", str(class_ws), "--learner", CAT, env={"BROWSER": "true"})
    plan = (folder(class_ws, CAT) / "plan.html").read_text()
    assert f"{CAT}&#x27;s exam date {past} has passed" in plan and "Your exam date" not in plan
