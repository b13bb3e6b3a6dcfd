"""Pages on thin evidence and rounding: a first day of estimates is no change of ±0, a one-day chart is drawn
in days with its points visible, and the class figures are rounded once (as `learners` text and `readiness`).
Found by an exploratory probe of the pages (the dashboard of a first mock exam showed no readiness lines, a
'90% band' legend over nothing and ticks '23:59:59.999'; a class row read 'D4 % 51' beside 'weakest D4 50%')."""
from __future__ import annotations

import pandas as pd
import pytest

from reports.class_data import class_domains, learner_row
from reports.dashboard_figures import forecast_over_time, readiness_trend
from reports.data import with_trend
from reports.figures import day_axis, week_axis
from reports.plan_data import reasons
from sources.blueprint import load_blueprint


def _history(days: list[str], readiness: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"as_of": pd.to_datetime(days), "domain_id": 1, "label": "D1", "readiness": readiness,
                         "questions": 10})


def test_a_first_day_of_estimates_has_no_change():
    current = with_trend(_history(["2026-12-04"], [60.0]))
    assert current["change"].isna().all() and current["trend_note"].tolist() == ["none yet: estimates of one day only"]


@pytest.mark.parametrize("days, readiness, change", [
    (["2026-12-02", "2026-12-04"], [55.0, 60.0], 5.0),  # no estimate 14 days back: from the first day
    (["2026-11-01", "2026-11-20", "2026-12-04"], [50.0, 57.0, 60.0], 3.0),  # the latest at least 14 days back
    # of the points shown (66 -> 65; before 7 Dec 2026 '► ±0' from -0.2, beside 66 -> 65 in the chart)
    (["2026-12-02", "2026-12-04"], [65.5, 65.3], -1.0),
    (["2026-12-02", "2026-12-04"], [64.6, 65.4], 0.0)])
def test_a_change_is_measured_from_an_earlier_day(days, readiness, change):
    current = with_trend(_history(days, readiness))
    assert current["change"].tolist() == [change] and current["trend_note"].tolist() == [""]
    shown = [int(f"{current[column].iloc[0]:.0f}") for column in ("previous", "readiness")]  # as the pages show
    assert shown[1] - shown[0] == change


@pytest.mark.parametrize("days, expected", [
    (["2026-12-04"], {"range": ["2026-12-02T00:00:00", "2026-12-06T00:00:00"], "dtick": 86_400_000,
                      "tickformat": "%d %b"}),
    (["2026-12-03", "2026-12-04T19:00"], {"range": ["2026-12-01T00:00:00", "2026-12-06T00:00:00"],
                                          "dtick": 86_400_000, "tickformat": "%d %b"}),
    (["2026-11-01", "2026-12-04"], {}),  # a month: Plotly's own ticks
    ([], {})])
def test_a_short_span_is_an_axis_of_whole_days(days, expected):
    assert day_axis(pd.to_datetime(pd.Series(days, dtype=object), format="ISO8601")) == expected


@pytest.mark.parametrize("weeks, expected", [
    (["2026-11-09"], {"range": ["2026-11-02T00:00:00", "2026-11-16T00:00:00"], "dtick": 604_800_000,
                      "tick0": "2026-11-02T00:00:00", "tickformat": "%d %b"}),
    (["2026-11-02", "2026-11-16"], {"range": ["2026-10-26T00:00:00", "2026-11-23T00:00:00"], "dtick": 604_800_000,
                                    "tick0": "2026-10-26T00:00:00", "tickformat": "%d %b"}),
    (["2026-10-05", "2026-11-16"], {}),  # six weeks: Plotly's own ticks
    ([], {})])
def test_a_few_weeks_are_an_axis_of_weeks(weeks, expected):
    assert week_axis(pd.to_datetime(pd.Series(weeks, dtype=object))) == expected


def test_a_first_mock_and_a_first_week_of_study_are_charted_in_days_and_weeks():
    """Before: the attempts page's history and the dashboard's hours ticked one mock (one week) in milliseconds
    ('18:59:59.999 Nov 20, 2026', '23:59:59.9996 Nov 8') and one week's bar was 1 ms wide."""
    from reports.attempts import score_history
    from reports.dashboard_figures import hours_per_week

    history = pd.DataFrame({"taken_at": pd.to_datetime(["2026-11-20 19:00"]), "score": [1.0], "provider": ["Udemy"],
                            "attempt_id": ["solo"]})
    assert score_history(history)["layout"]["xaxis"]["dtick"] == 86_400_000
    hours = pd.DataFrame({"week": pd.to_datetime(["2026-11-09"]), "minutes": [90.0], "domain_id": [None],
                          "label": ["Not mapped to a domain"]})
    fig = hours_per_week(hours)
    assert fig["layout"]["xaxis"]["dtick"] == 604_800_000 and fig["data"][0]["width"] == 0.8 * 604_800_000


@pytest.mark.parametrize("readiness, shown", [(61.4, "61"), (99.49, "99"), (99.5, ">99"), (99.96, ">99"),
                                               (0.5, "<1"), (0.04, "<1"), (0.51, "1"), (100.0, ">99")])
def test_a_readiness_never_reads_as_certain(readiness, shown):
    """Before: twelve all-correct mocks read '100% [99–100]', forty all-wrong '0% [0–0]' (a pass chance never did)."""
    from reports.caveats import readiness_points

    assert readiness_points(readiness) == shown


def test_a_full_marks_mock_on_the_readiness_chart_is_drawn_whole():
    mocks = pd.DataFrame({"taken_at": pd.to_datetime(["2026-12-04"]), "score": [1.0], "attempt_id": ["m1"],
                          "provider": ["Udemy"]})
    trend = readiness_trend(_history(["2026-12-04"], [60.0]), mocks)
    marks = next(t for t in trend["data"] if t["name"] == "mock exam (overall %)")
    assert marks["y"] == [100.0] and marks["cliponaxis"] is False  # on the axis' edge: half of it was cut off


def test_one_day_charts_show_their_points_and_band():
    one = pd.DataFrame({"as_of": pd.to_datetime(["2026-12-04"]), "scaled_mean": [687.0], "scaled_low": [565.0],
                        "scaled_high": [800.0], "pass_probability": [0.36]})
    score = next(t for t in forecast_over_time(one, 720)["data"] if t.get("name") == "predicted score")
    assert score["error_y"]["array"] == [113.0] and score["error_y"]["arrayminus"] == [122.0]
    trend = readiness_trend(_history(["2026-12-04"], [60.0]), pd.DataFrame())
    assert trend["data"][0]["mode"] == "lines+markers" and trend["layout"]["xaxis"]["dtick"] == 86_400_000
    long = readiness_trend(_history([f"2026-11-{d:02d}" for d in range(1, 11)], [50.0] * 10), pd.DataFrame())
    assert long["data"][0]["mode"] == "lines" and "dtick" not in long["layout"]["xaxis"]


def test_class_figures_are_rounded_once():
    bp = load_blueprint("DEA-C01")
    readiness = pd.DataFrame({"learner_id": ["a", "b"], "domain_id": [3, 3], "readiness": [67.49, 67.504]})
    assert [d["median_readiness"] for d in class_domains(readiness, bp) if d["id"] == 3] == [67.5]  # JSON
    exact = next(d["median_readiness"] for d in class_domains(readiness, bp, exact=True) if d["id"] == 3)
    assert f"{exact:.0f}" == "67"  # text and page: not the JSON's 67.5 rounded again to 68
    row = {"learner_id": "ana", "as_of": "2026-12-04", "measured_domains": 4, "pass_probability": 0.12,
           "scaled_mean": 637.0, "scaled_low": 531.0, "scaled_high": 740.0, "questions": 260, "mocks": 4,
           "hours": 5.0, "last_practice": "2026-11-24", "weakest_domain": 4, "weakest_readiness": 50.542}
    assert learner_row(row, bp)["weakest_domain"]["readiness"] == 50.5
    assert f"{learner_row(row, bp, exact=True)['weakest_domain']['readiness']:.0f}" == "51"  # as the D4 column


@pytest.mark.parametrize("change, said", [(-1.93, "went down 2 points"), (1.4, None), (2.6, "went up 3 points")])
def test_the_plan_says_a_change_as_the_arrow_rounds_it(change, said):
    row = {"weight": 0.34, "readiness": 60.0, "low": 50.0, "high": 70.0, "questions": 20, "measured": True,
           "trend_note": "", "change": change, "since": "2026-11-20", "readiness_gain_per_hour": 1.0,
           "pass_gain_per_hour": 0.01, "pace_measured": True}
    found = [r for r in reasons(row, "") if r.startswith("Readiness went")]
    assert found == ([f"Readiness {said} since 2026-11-20."] if said else [])


@pytest.mark.parametrize("accuracy, shown", [(16 / 23, "69.6%"), (0.7, "70%"), (0.6949, "69%"), (2 / 3, "67%"),
                                             (1.0, "100%")])
def test_an_accuracy_just_under_the_covered_line_does_not_read_as_on_it(accuracy, shown):
    """Before: Amazon EMR at 16/23 read '70%' and 'weak', under the rule 'covered: … 70% correct'."""
    from reports.coverage import accuracy_text

    assert accuracy_text(accuracy) == shown
