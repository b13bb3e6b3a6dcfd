"""The readiness marts equal the model run per learner and day (`estimate_domains`, exact forecast)."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from readiness.exam import pass_probabilities
from readiness.history import readiness_history, sorted_unique, trajectory_points
from readiness.model import ModelParams, estimate_domains
from sources.blueprint import load_blueprint

BP = load_blueprint("DEA-C01")
TODAY = date(2026, 6, 30)
COLUMNS = ["learner_id", "domain_id", "task_id", "taken_at", "correct", "total", "source"]


def mixed_evidence(learners: int = 12, seed: int = 3) -> pd.DataFrame:
    """Mock, summary, Moodle, Anki and retake rows over months, with the awkward cases the marts must keep."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(learners):
        for _ in range(int(rng.integers(1, 25))):
            day = pd.Timestamp("2026-01-01") + pd.Timedelta(days=int(rng.integers(0, 200)),
                                                            hours=int(rng.integers(0, 24)), seconds=int(rng.integers(0, 3600)))
            total = float(rng.integers(1, 40))
            rows.append((f"l{i:02d}", int(rng.integers(1, 5)), None, day, float(rng.integers(0, total + 1)), total,
                         str(rng.choice(["mock", "summary", "moodle", "anki", "retake"]))))
    rows += [("l00", 9, None, pd.Timestamp("2026-02-01 10:00"), 3.0, 5.0, "mock"),      # not a blueprint domain
             ("l01", 1, None, pd.NaT, 3.0, 5.0, "mock"),                                # no time
             ("l01", 2, None, pd.Timestamp("2026-03-03 08:00"), 4.0, 0.0, "mock"),       # no questions
             ("l02", 3, None, pd.Timestamp("2026-03-03 08:00"), 9.0, 5.0, "mock"),       # correct > total
             ("l02", 3, None, pd.Timestamp("2026-03-03 23:59:59"), 60.0, 60.0, "mock"),  # same sitting, capped
             ("l03", 4, None, pd.Timestamp("2026-08-01 09:00"), 5.0, 5.0, "mock"),       # after today
             ("only-later", 1, None, pd.Timestamp("2026-09-01 09:00"), 5.0, 5.0, "mock")]
    return pd.DataFrame(rows, columns=COLUMNS)


def check_against_model(evidence: pd.DataFrame, params: ModelParams, learners=("me",)) -> None:
    """Every point's rows equal estimate_domains on that learner's evidence as of that day."""
    readiness, forecast = readiness_history(evidence, BP, TODAY, learners=learners, params=params)
    points = trajectory_points(evidence, TODAY, learners)
    assert len(readiness) == len(points) * len(BP.domains) and len(forecast) == len(points)
    pd.testing.assert_frame_equal(forecast[["learner_id", "as_of"]], points)
    for (learner, as_of), got in readiness.groupby(["learner_id", "as_of"], sort=False):
        want = estimate_domains(evidence[evidence.learner_id == learner], BP, as_of, params, [learner])
        pd.testing.assert_frame_equal(got.drop(columns="as_of").reset_index(drop=True), want,
                                      check_exact=False, rtol=1e-12, atol=1e-12)
        row = forecast[(forecast.learner_id == learner) & (forecast.as_of == as_of)].iloc[0]
        assert row.pass_probability == pytest.approx(pass_probabilities(want, BP).iloc[0], rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("params", [ModelParams(), ModelParams(half_life_days=7.0, sitting_cap=0.0),
                                    ModelParams(trend_prior_sd=0.002)], ids=["default", "short", "trend"])
def test_marts_equal_the_model_per_learner_and_day(params):
    check_against_model(mixed_evidence(), params)


def test_time_zone_aware_times_use_their_wall_clock_day():
    evidence = mixed_evidence(4)
    evidence["taken_at"] = evidence["taken_at"].dt.tz_localize("Europe/Berlin")
    check_against_model(evidence, ModelParams())


def test_points_are_own_practice_days_and_today_by_day_then_learner():
    evidence = mixed_evidence(3)
    points = trajectory_points(evidence, TODAY, ["me"])
    assert points.equals(points.sort_values(["as_of", "learner_id"], ignore_index=True))
    assert not points.duplicated().any() and max(points.as_of) == TODAY
    assert set(points[points.as_of == TODAY].learner_id) == set(evidence.learner_id) | {"me"}
    assert list(points[points.learner_id == "only-later"].as_of) == [TODAY]
    assert list(points[points.learner_id == "me"].as_of) == [TODAY]


def test_no_evidence_gives_today_prior_for_listed_learners():
    readiness, forecast = readiness_history(pd.DataFrame(columns=COLUMNS).astype({"taken_at": "datetime64[us]"}),
                                            BP, TODAY, learners=["me"])
    assert list(forecast.learner_id) == ["me"] and list(forecast.as_of) == [TODAY]
    assert np.allclose(readiness.readiness, 100 * ModelParams().prior_mean)
    assert list(readiness.domain_id) == [d.id for d in BP.domains] and (readiness.questions == 0).all()


@pytest.mark.parametrize("n", [0, 1, 9, 17])
def test_betabinom_pmf_equals_scipy(n):
    from scipy import stats

    from readiness.exam import betabinom_pmf

    alpha, beta = np.array([1e-3, 0.5, 3.0, 40.0, 900.0]), np.array([2.0, 1e-3, 7.0, 15.0, 300.0])
    want = stats.betabinom.pmf(np.arange(n + 1)[None, :], n, alpha[:, None], beta[:, None])
    np.testing.assert_allclose(betabinom_pmf(n, alpha, beta), want, rtol=1e-10, atol=1e-300)


def test_forecast_quantiles_bracket_the_mean():
    _, forecast = readiness_history(mixed_evidence(), BP, TODAY, learners=["me"])
    assert ((forecast.scaled_low <= forecast.scaled_mean) & (forecast.scaled_mean <= forecast.scaled_high)).all()
    assert forecast.pass_probability.between(0, 1).all()


@pytest.mark.parametrize("per_domain,rows,seed", [([17, 13, 11, 9], 50, 0), ([0, 3], 7, 1), ([5], 1, 2), ([4, 2], 0, 3)])
def test_correct_pmf_equals_the_row_by_row_convolution(per_domain, rows, seed):
    from readiness.exam import betabinom_pmf
    from readiness.joint import correct_pmf

    rng = np.random.default_rng(seed)
    alpha, beta = rng.gamma(2.0, 10.0, (rows, len(per_domain))), rng.gamma(2.0, 10.0, (rows, len(per_domain)))
    want = np.ones((rows, 1))  # each row's per-domain distributions convolved in domain order, term by term
    for j, n in enumerate(per_domain):
        part = betabinom_pmf(n, alpha[:, j], beta[:, j])
        out = np.zeros((rows, want.shape[1] + n))
        for k in range(n + 1):
            out[:, k:k + want.shape[1]] += want * part[:, k:k + 1]
        want = out
    got = correct_pmf(alpha, beta, per_domain)
    assert got.flags.c_contiguous and np.array_equal(got, want)


def test_write_frame_stores_python_dates_as_date_like_a_plain_scan():
    import datetime as dt

    import duckdb

    from warehouse.readiness_marts import write_frame

    frame = pd.DataFrame({"learner_id": ["a", "b", "c", "d"], "x": [1.5, 2.0, None, 4.0],
                          "as_of": [dt.date(2026, 3, 1), None, dt.date(1999, 12, 31), dt.date(2026, 3, 1)],
                          "when": [dt.datetime(2026, 3, 1, 9), None, None, dt.datetime(2026, 3, 2)],
                          "mixed": [dt.date(2026, 3, 1), "x", None, 3]})
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    assert write_frame(con, "marts.new", frame) == 4
    con.register("plain", frame)
    con.execute("CREATE TABLE marts.old AS SELECT * FROM plain")
    assert con.execute("DESCRIBE marts.new").fetchall() == con.execute("DESCRIBE marts.old").fetchall()
    assert con.execute("SELECT * FROM marts.new").fetchall() == con.execute("SELECT * FROM marts.old").fetchall()
    assert dict(con.execute("DESCRIBE marts.new").fetchall()[i][:2] for i in range(5))["as_of"] == "DATE"


@pytest.mark.parametrize("rows,chunk", [(0, 4), (1, 4), (50, 7), (64, 8)])
def test_forecast_on_threads_equals_one_thread(rows, chunk, monkeypatch):
    import readiness.forecast
    from readiness.forecast import forecast_frame

    rng = np.random.default_rng(rows)
    alpha, beta = rng.gamma(2.0, 10.0, (rows, len(BP.domains))), rng.gamma(2.0, 10.0, (rows, len(BP.domains)))
    shared = rng.uniform(0.0, 0.08, alpha.shape)  # several node counts among the rows
    monkeypatch.setattr(readiness.forecast, "usable_threads", lambda limit=8: 3)
    threaded = forecast_frame(alpha, beta, BP, chunk=chunk, shared_sd=shared)
    monkeypatch.setattr(readiness.forecast, "usable_threads", lambda limit=8: 1)
    assert threaded.equals(forecast_frame(alpha, beta, BP, chunk=chunk, shared_sd=shared)) and len(threaded) == rows


@pytest.mark.parametrize("size", [50.0, 200.0, 800.0, 3000.0])
def test_a_near_certain_forecast_stays_within_0_1_and_the_scale(size):
    """Evidence of all but every answer right (or wrong): the convolution summed to 1 + 7e-16 at 200 (a pass
    probability above 1 failed the run's check); the mean may lie beside a band at the scale's end."""
    from readiness.forecast import forecast_frame

    strong, weak = np.full((1, len(BP.domains)), size), np.full((1, len(BP.domains)), 0.6)
    for alpha, beta in ((strong, weak), (weak, strong)):
        row = forecast_frame(alpha, beta, BP).iloc[0]
        assert 0.0 <= row.pass_probability <= 1.0
        assert BP.scoring.min <= row.scaled_low <= row.scaled_high <= BP.scoring.max
        assert BP.scoring.min <= row.scaled_mean <= BP.scoring.max


@pytest.mark.parametrize("values", [[], [7], [5, 1, 5, -2, 1], list(np.random.default_rng(3).integers(-40, 40, 2000)),
                                    list(np.random.default_rng(4).integers(0, 10 ** 12, 5000))])
def test_sorted_unique_is_np_unique(values):
    array = np.asarray(values, dtype=np.int64)
    got, want = sorted_unique(array), np.unique(array)
    assert got.dtype == want.dtype and got.tolist() == want.tolist()
