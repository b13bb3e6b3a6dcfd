"""Two platforms' tests of one name are two practice sets, and a retake says so (review item 2, missing item 1).

Tutorials Dojo, Udemy and Skill Builder all number their tests 'Practice Test 1', questions 1-40: a fresh Udemy
mock was a 'retake' of the Tutorials Dojo one (weight 0.02) and no page or command said so. Through real
`examready init` / `run` / `readiness` processes; the pages as headless Chromium renders them.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_cli

DOMAINS = ["Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
           "Data Security and Governance"]
FIRST = datetime.combine(date.today() - timedelta(days=22), datetime.min.time()) + timedelta(hours=19, minutes=1)
SECOND = FIRST + timedelta(days=7)
NOTE = f"retake of Practice Test 1 from {FIRST:%Y-%m-%d}, counts little: docs/model.md"


def practice_test_1(platform: str, start: datetime, right: int) -> str:
    """'Practice Test 1' as the reviewer's export: questions 1-40 over the four domains, a minute apart, the
    first `right` of them right."""
    rows = [f"Practice Test 1,{platform},{start + timedelta(minutes=q - 1):%Y-%m-%d %H:%M},{q},"
            f"{DOMAINS[q % 4]},{'yes' if q <= right else 'no'}" for q in range(1, 41)]
    return "Practice Test,Platform,Date,Question,Domain,Correct\n" + "\n".join(rows) + "\n"


def workspace(root: Path, second_platform: str) -> Path:
    """A workspace with Tutorials Dojo's Practice Test 1 and, a week later, `second_platform`'s; run once."""
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "td-pt1.csv").write_text(practice_test_1("Tutorials Dojo", FIRST, 27))
    (root / "inbox" / "exams" / "pt1-later.csv").write_text(practice_test_1(second_platform, SECOND, 20))
    run_cli("run", "-w", str(root))
    return root


@pytest.fixture(scope="module")
def two_platforms(tmp_path_factory) -> Path:
    return workspace(tmp_path_factory.mktemp("vendors") / "ws", "Udemy")


@pytest.fixture(scope="module")
def one_platform(tmp_path_factory) -> Path:
    return workspace(tmp_path_factory.mktemp("retake") / "ws", "tutorials dojo")  # the same platform, as typed


def sources(root: Path) -> dict[str, str]:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return dict(con.execute("SELECT attempt_id, string_agg(DISTINCT source) FROM marts.domain_evidence "
                                "GROUP BY 1").fetchall())


def readiness(root: Path) -> tuple[dict, str]:
    """readiness --json and its text."""
    data = json.loads(run_cli("readiness", "-w", str(root), "--json").stdout)
    return data, run_cli("readiness", "-w", str(root)).stdout


def test_another_platform_s_test_of_the_same_name_counts_as_a_mock(two_platforms):
    assert sources(two_platforms) == {f"Practice Test 1 {FIRST:%Y-%m-%d %H:%M}": "mock",
                                      f"Practice Test 1 {SECOND:%Y-%m-%d %H:%M}": "mock"}
    data, text = readiness(two_platforms)
    assert [d["questions"] for d in data["domains"]] == [20, 20, 20, 20]  # both mocks' 10 per domain
    assert data["retakes"] == {"answers": 0, "sittings": 0, "weight": 0.02}
    assert "retake" not in text
    page = (two_platforms / "site" / "attempts.html").read_text(encoding="utf-8")
    assert "retake of" not in page


def test_the_same_platform_s_later_sitting_is_a_retake_and_readiness_says_so(one_platform):
    assert sources(one_platform) == {f"Practice Test 1 {FIRST:%Y-%m-%d %H:%M}": "mock",
                                     f"Practice Test 1 {SECOND:%Y-%m-%d %H:%M}": "retake"}
    data, text = readiness(one_platform)
    assert [d["questions"] for d in data["domains"]] == [10, 10, 10, 10]  # the first sitting's only
    assert data["retakes"] == {"answers": 40, "sittings": 1, "weight": 0.02}
    assert ("  retakes: 40 answers counted as retakes (weight 0.02 each), 1 sitting of a set sat before; "
            "the attempts page marks them (docs/model.md)\n") in text
    before = json.loads(run_cli("readiness", "-w", str(one_platform), "--json", "--as-of",
                                f"{SECOND - timedelta(days=1):%Y-%m-%d}").stdout)
    assert before["retakes"] == {"answers": 0, "sittings": 0, "weight": 0.02}  # not yet sat as of that day


@pytest.mark.browser
def test_the_attempts_pages_mark_the_retake(one_platform, two_platforms, browser):
    from test_page_layout import layout_problems

    site = one_platform / "site"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    view = context.new_page()
    view.goto((site / "attempts.html").as_uri(), wait_until="load")
    rows = view.locator("table tbody tr").all_inner_texts()
    assert len(rows) == 2 and NOTE in rows[0] and "retake" not in rows[1]  # newest first
    assert rows[0].startswith(f"{SECOND:%Y-%m-%d}\tPractice Test 1 {SECOND:%Y-%m-%d %H:%M}\n{NOTE}")
    retake_page = next(site.glob(f"attempt-Practice-Test-1-{SECOND:%Y-%m-%d}-*.html"))
    view.goto(retake_page.as_uri(), wait_until="load")
    assert (f"R{NOTE[1:]}. Its questions were seen before, so each answer counts 0.02 of a fresh question in "
            "readiness.") in view.inner_text("body")
    first_page = next(site.glob(f"attempt-Practice-Test-1-{FIRST:%Y-%m-%d}-*.html"))
    view.goto(first_page.as_uri(), wait_until="load")
    assert "etake" not in view.inner_text("body")
    view.goto((two_platforms / "site" / "attempts.html").as_uri(), wait_until="load")
    assert not any("retake" in row for row in view.locator("table tbody tr").all_inner_texts())
    context.close()
    assert "· tutorials dojo · 50% · retake (counts little)</li>" in (site / "index.html").read_text(encoding="utf-8")
    for width in (1280, 390):  # the note fits: it wraps in its cell
        assert layout_problems(browser, [site / "attempts.html", retake_page], width) == []


def test_the_dashboard_s_mock_marker_and_the_history_say_a_retake_counts_little():
    import pandas as pd

    from reports.attempt_data import attempt_history
    from reports.dashboard_figures import readiness_trend

    at = pd.to_datetime(["2026-03-01 09:00", "2026-03-08 09:00"])
    attempts = pd.DataFrame({"attempt_id": ["S 2026-03-01 09:00", "S 2026-03-08 09:00"], "taken_at": at,
                             "provider": "Udemy", "correct": [30, 50], "total": [65, 65], "seconds": [0, 0],
                             "detail": "per_question"})
    evidence = pd.DataFrame({"attempt_id": attempts["attempt_id"], "taken_at": at, "source": ["mock", "retake"],
                             "retake_of": [None, "S 2026-03-01 09:00"], "retake_set": [None, "S"]})
    history = attempt_history(attempts, evidence)
    assert list(history["retake"]) == [None, "retake of S from 2026-03-01, counts little: docs/model.md"]
    assert list(attempt_history(attempts)["retake"]) == [None, None]  # no evidence (or marts without its columns)
    trend = pd.DataFrame({"as_of": at, "readiness": [60.0, 61.0], "domain_id": 1, "label": "D1"})
    marker = readiness_trend(trend, history)["data"][-1]
    assert marker["text"] == ["S 2026-03-01 09:00 · Udemy", "S 2026-03-08 09:00 · Udemy · retake, counts little"]
