"""What the readiness figures rest on, said by `examready readiness` and the pages, on real workspaces and runs.

drilled: D1 practised 20 days ago and yesterday, D2 first yesterday, D3 and D4 never; the exam date is past.
practised: every domain, all right, three sittings; the exam ahead. flashcards: only Anki reviews.
"""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from test_pages_workspace import build_practice_workspace, practice_day

from reports.caveats import percent_text
from tests.conftest import run_cli

UNPRACTISED = ["D3 Data Operations and Support", "D4 Data Security and Governance"]
CAVEAT_PAGES = ["dashboard.html", "index.html", "plan.html"]


@pytest.fixture(scope="module")
def drilled(tmp_path_factory):
    return build_practice_workspace(tmp_path_factory, "drilled")


@pytest.fixture(scope="module")
def practised(tmp_path_factory):
    return build_practice_workspace(tmp_path_factory, "practised")


@pytest.fixture(scope="module")
def flashcards(tmp_path_factory):
    return build_practice_workspace(tmp_path_factory, "flashcards")


def page(root, name: str) -> str:
    return (root / "site" / name).read_text(encoding="utf-8")


def table_row(html: str, label: str) -> str:
    """The <tr> of a table whose first cell is `label`."""
    return re.search(rf"<tr><td>{re.escape(label)}</td>.*?</tr>", html)[0]


def test_json_marks_unpractised_domains_and_caveats_the_pass_chance(drilled):
    proc = run_cli("readiness", "-w", str(drilled), "--json")
    data = json.loads(proc.stdout)
    assert [(d["questions"], d["measured"]) for d in data["domains"]] == \
        [(40, True), (20, True), (0, False), (0, False)]
    unpractised, past = data["caveats"]
    assert all(label in unpractised for label in UNPRACTISED) and "D2" not in unpractised
    assert "pass probability and predicted score" in unpractised
    assert "has passed" in past and "exam_date in examready.yaml" in past
    assert all(f"Caveat: {caveat}" in proc.stderr for caveat in data["caveats"])  # stdout stays the contract


def test_text_says_which_domains_are_assumed(drilled):
    out = run_cli("readiness", "-w", str(drilled)).stdout
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  D")}
    for domain in ("D3", "D4"):
        assert "not practised yet: assumed from your other domains" in lines[domain]
        assert "0 questions" not in lines[domain]
    assert "40 questions" in lines["D1"] and "not practised" not in lines["D2"]
    assert "(see caveats)" in out.splitlines()[0]
    assert "Caveat: Not practised yet (0 exam-style questions): D3" in out and "has passed" in out


def test_flashcards_only_is_not_a_measurement(flashcards):
    proc = run_cli("readiness", "-w", str(flashcards), "--json")
    data = json.loads(proc.stdout)
    assert not any(d["measured"] for d in data["domains"])
    assert len(data["caveats"]) == 1 and "only flashcard reviews" in data["caveats"][0]
    assert "only flashcard reviews" in proc.stderr and "starting assumption" in proc.stderr
    text = run_cli("readiness", "-w", str(flashcards)).stdout
    assert text.count("not practised yet: the model's starting assumption") == 4
    assert "only flashcard reviews" in page(flashcards, "dashboard.html")


def test_a_practised_learner_gets_no_caveat_and_no_false_certainty(practised):
    proc = run_cli("readiness", "-w", str(practised), "--json")
    data = json.loads(proc.stdout)
    assert data["caveats"] == [] and proc.stderr == ""
    assert all(d["measured"] for d in data["domains"])
    assert 0.995 < data["pass_probability"] < 1  # the exact number stays in the JSON
    text = run_cli("readiness", "-w", str(practised)).stdout
    assert "pass probability >99%," in text and "100%" not in text and "Caveat" not in text
    for name in CAVEAT_PAGES:
        html = page(practised, name)
        assert "<p class=weak>" not in html and "not practised yet" not in html.lower(), name
    assert "Pass probability<b>&gt;99%</b>" in page(practised, "dashboard.html")
    assert "Pass chance <b>&gt;99%</b>" in page(practised, "index.html")
    assert "Your pass chance today: <b>&gt;99%</b>" in page(practised, "plan.html")


def test_pages_caveat_the_pass_chance_and_mark_unpractised_domains(drilled):
    for name in CAVEAT_PAGES:
        html = page(drilled, name)
        caveat = re.search(r"<p class=weak>Not practised yet \(0 exam-style questions\): (.*?)</p>", html)
        assert caveat and all(label in caveat[1] for label in UNPRACTISED) and "D2" not in caveat[1], name
        assert re.search(r"<p class=weak>Your exam date \S+ has passed", html), name
    for name in ("dashboard.html", "index.html"):
        html = page(drilled, name)
        for label in UNPRACTISED:  # no trend: it only moved with the other domains
            row = table_row(html, label)
            assert "none: not practised yet" in row and not re.search("[▲▼►]", row), (name, row)
        assert "none yet: first practised after" in table_row(html, "D2 Data Store Management")
        assert "▲" in table_row(html, "D1 Data Ingestion and Transformation")  # practised on both days


def plan_without_exam_date(root) -> str:
    """The plan's actions as the page words them, ranked as with no exam date (drilled's is past: its page
    plans no hours, tests/test_exam_day_plan.py)."""
    import duckdb

    from reports.plan import action_item
    from reports.site import collect_site
    from sources.blueprint import load_blueprint

    bp = load_blueprint("DEA-C01")
    con = duckdb.connect(str(root / "warehouse.duckdb"), read_only=True)
    try:
        site = collect_site(con, "me", bp.scoring.pass_mark, None, bp, with_class=False)
        return "".join(action_item(p) for p in site.plan)
    finally:
        con.close()


def test_plan_gives_no_trend_for_an_unpractised_domain(drilled):
    plan = plan_without_exam_date(drilled)
    why = {d: re.search(rf"<b>Practise D{d} .*?</details>", plan)[0] for d in (1, 2, 3, 4)}
    for d in (3, 4):
        assert "not practised yet: assumed from your other domains, not measured" in why[d]
        assert "Readiness went" not in why[d] and "from 0 exam-style questions" not in why[d]
    assert "first practised after" in why[2] and "Readiness went" not in why[2]
    assert "Readiness went up" in why[1]


def test_near_certain_chances_are_not_shown_as_certain():
    shown = [percent_text(p) for p in (0.9999, 0.996, 0.994, 0.5, 0.006, 0.004, 0.0001)]
    assert shown == [">99%", ">99%", "99%", "50%", "1%", "<1%", "<1%"]


def test_one_question_is_said_in_the_singular(tmp_path):
    """A domain with one exam-style answer reads '1 question', not '1 questions'."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--timezone", "UTC")
    (root / "inbox" / "exams" / "m1.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                                     "m1,2026-11-20 10:00,1,D1,true\nm1,2026-11-20 10:01,2,D2,false\n"
                                                     "m1,2026-11-20 10:02,3,D2,true\n")
    run_cli("run", "-w", str(root))
    lines = {line.split()[0]: line for line in run_cli("readiness", "-w", str(root)).stdout.splitlines()
             if line.startswith("  D")}
    assert ", 1 question, " in lines["D1"] and ", 2 questions, " in lines["D2"]


def test_as_of_before_the_first_mock_names_its_day_not_an_empty_inbox(practised):
    """--as-of a day before any mock: the workspace has mocks, only later ones (practised: 9, 5 and 1 days ago)."""
    first = practice_day("practised") - timedelta(days=9)
    proc = run_cli("readiness", "-w", str(practised), "--as-of", str(first - timedelta(days=21)), "--json")
    (caveat,) = json.loads(proc.stdout)["caveats"]
    assert f"start after that day, the first on {first}: `--as-of {first}` or later counts them" in caveat, caveat
    assert "Drop a mock exam" not in caveat and f"Caveat: {caveat}" in proc.stderr
    assert run_json_caveats(practised, str(first)) == []


def test_as_of_after_the_exam_date_says_so(practised):
    """practised: the exam is 30 days ahead; an estimate 40 days ahead is for a day after it."""
    exam = practice_day("practised") + timedelta(days=30)
    later = exam + timedelta(days=10)
    (caveat,) = run_json_caveats(practised, str(later))
    assert caveat.startswith(f"{later} is after your exam date {exam}: ") and f"`--as-of {exam}`" in caveat, caveat
    text = run_cli("readiness", "-w", str(practised), "--as-of", str(later)).stdout
    assert f"Caveat: {caveat}" in text and "(see caveats)" in text, text
    assert run_json_caveats(practised, str(exam)) == []


def run_json_caveats(root, as_of: str) -> list[str]:
    return json.loads(run_cli("readiness", "-w", str(root), "--as-of", as_of, "--json").stdout)["caveats"]
