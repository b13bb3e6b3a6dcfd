"""The coverage page says how sure each service's and task's accuracy is: a 90% Wilson interval beside it, so 3
right of 3 reads 53–100% rather than a bare 100% (the page's and CSVs' numbers from the marts' own rows), and
`examready gaps --json` gives the same two ends (`accuracy_low`, `accuracy_high`)."""
from __future__ import annotations

import csv
import html
import math

import duckdb
import pytest

from reports.accuracy_range import Z90, accuracy_range, range_text
from reports.coverage import LIKELY
from reports.tables import Col, table_html, write_csv
from tests.conftest import run_json


@pytest.mark.parametrize("questions, accuracy, text", [
    (3, 1.0, "53–100%"),     # the 'covered' rule's least evidence
    (10, 0.5, "27–73%"),
    (1, 0.0, "0–73%"),
    (22, 15 / 22, "51–82%"),
    (400, 0.75, "71–78%"),
])
def test_range_text(questions, accuracy, text):
    assert range_text(accuracy_range(questions, accuracy)) == text


@pytest.mark.parametrize("questions, accuracy", [(0, None), (0, float("nan")), (None, None)])
def test_no_answers_no_range(questions, accuracy):
    assert accuracy_range(questions, accuracy) is None


@pytest.mark.parametrize("questions, right", [(3, 3), (3, 1), (7, 0), (10, 5), (22, 15), (65, 40), (1000, 1)])
def test_the_ends_are_where_the_score_test_stops_rejecting(questions, right):
    """Each end p0 inside (0, 1) solves |p - p0| = z·sqrt(p0(1-p0)/n): the Wilson interval is the set of p0 the
    90% score test keeps; it holds the observed share and narrows as answers add up."""
    p = right / questions
    low, high = accuracy_range(questions, p)
    assert low <= p <= high
    for end in (low, high):
        if 0 < end < 1:
            assert math.isclose(abs(p - end), Z90 * math.sqrt(end * (1 - end) / questions), rel_tol=1e-9)
    wider = accuracy_range(max(1, questions // 2), p)
    assert wider[1] - wider[0] >= high - low


def test_a_range_cell_shows_its_text_and_sorts_by_its_low_end():
    cells = table_html([{"r": (0.5258, 1.0)}, {"r": None}], [Col("r", "R", range_text)], sortable=True)
    assert '<td class="num" data-sort="0.5258">53–100%</td>' in cells and 'data-sort="-1e300">–</td>' in cells


def test_a_range_column_is_two_csv_columns(tmp_path):
    column = Col("r", "R", range_text, parts=("R, low", "R, high"))
    write_csv(tmp_path / "r.csv", [{"r": (0.52581, 1.0), "n": 3}, {"r": None, "n": 0}], [Col("n", "N"), column])
    assert (tmp_path / "r.csv").read_text().splitlines() == ["N,\"R, low\",\"R, high\"", "3,0.5258,1", "0,,"]


def test_the_coverage_page_and_csvs_give_each_range(demo_workspace_readonly):
    site = demo_workspace_readonly / "site"
    page = html.unescape((site / "coverage.html").read_text(encoding="utf-8"))
    assert page.count(f"<button type=\"button\">{LIKELY}</button>") == 2  # services and task statements
    assert "(a 90% Wilson interval: 3 right of 3 is 53–100%)" in page
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        marts = {"services": con.execute("SELECT name, questions, accuracy FROM marts.service_coverage "
                                         "WHERE learner_id = 'sam'").fetchall(),
                 "tasks": con.execute("SELECT id, questions, accuracy FROM marts.task_coverage "
                                      "WHERE learner_id = 'sam'").fetchall()}
    for kind, key in (("services", "Service"), ("tasks", "Task")):
        rows = {r[key]: r for r in csv.DictReader((site / f"coverage-{kind}.csv").open(encoding="utf-8"))}
        practised = [(name, q, a) for name, q, a in marts[kind] if q]
        assert len(practised) >= 5 and len(rows) == len(marts[kind])
        for name, questions, accuracy in marts[kind]:
            low, high = accuracy_range(questions, accuracy) or ("", "")
            shown = rows[name][f"{LIKELY}, low"], rows[name][f"{LIKELY}, high"]
            assert shown == ((f"{round(low, 4):g}", f"{round(high, 4):g}") if questions else ("", "")), name
            if questions:
                assert range_text((low, high)) in page


def test_gaps_json_gives_the_ranges_of_the_coverage_csvs(demo_workspace_readonly):
    data = run_json("gaps", "-w", str(demo_workspace_readonly))
    site = demo_workspace_readonly / "site"
    for kind, key, field in (("services", "Service", "name"), ("tasks", "Task", "id")):
        rows = {r[key]: r for r in csv.DictReader((site / f"coverage-{kind}.csv").open(encoding="utf-8"))}
        assert len(rows) == len(data[kind]) and sum(1 for r in data[kind] if r["questions"]) >= 5
        for r in data[kind]:
            shown = rows[r[field]][f"{LIKELY}, low"], rows[r[field]][f"{LIKELY}, high"]
            if not r["questions"]:
                assert (r["accuracy_low"], r["accuracy_high"]) == (None, None) and shown == ("", ""), r
                continue
            assert r["accuracy_low"] <= r["accuracy"] <= r["accuracy_high"], r
            # the CSV's 4 decimals rounded again may differ from the JSON's 3 in the last digit
            assert all(math.isclose(json_end, float(csv_end), abs_tol=0.0006)
                       for json_end, csv_end in zip((r["accuracy_low"], r["accuracy_high"]), shown)), r


def test_gaps_json_rounds_its_figures_as_the_marts_hold_them(demo_workspace_readonly):
    """accuracy to 3 decimals, hours to 2 (as readiness --json's hours), from the marts' exact values."""
    data = run_json("gaps", "-w", str(demo_workspace_readonly))
    with duckdb.connect(str(demo_workspace_readonly / "warehouse.duckdb"), read_only=True) as con:
        exact = {(kind, key): row for kind, sql in (
            ("services", "SELECT name, accuracy, hours FROM marts.service_coverage WHERE learner_id = 'sam'"),
            ("tasks", "SELECT id, accuracy, domain_hours FROM marts.task_coverage WHERE learner_id = 'sam'"))
            for key, *row in con.execute(sql).fetchall()}
    hours_of = {"services": "hours", "tasks": "domain_hours"}
    for kind, field in (("services", "name"), ("tasks", "id")):
        for r in data[kind]:
            accuracy, hours = exact[(kind, r[field])]
            assert r["accuracy"] == (None if accuracy is None else round(accuracy, 3)), r
            assert r[hours_of[kind]] == round(hours, 2), r
