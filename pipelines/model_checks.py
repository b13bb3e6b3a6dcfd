"""The asset checks on the readiness model's marts: its numbers within their bounds, after each run."""
import dagster as dg

from warehouse.connection import read_sql

READINESS = dg.AssetKey(["marts", "readiness"])
FORECAST = dg.AssetKey(["marts", "forecast"])
MODEL_CHECKS = [
    dg.AssetCheckSpec("band_within_0_100", asset=READINESS,
                      description="Every estimate and its 90% band lie within 0-100, low ≤ high."),
    dg.AssetCheckSpec("probability_within_0_1", asset=FORECAST,
                      description="Every pass probability lies within 0-1; the scaled score's mean and band "
                                  "(low ≤ high) within the exam's scale."),
]


def bounds(con, scoring) -> dict[str, int]:
    """Rows of marts.readiness and marts.forecast, and how many of each are out of bounds (`scoring`: the
    blueprint's, its scaled-score range)."""
    cursor = con.execute(read_sql("checks/readiness_bounds.sql"), {"scale_min": scoring.min, "scale_max": scoring.max})
    names = [column[0] for column in cursor.description]
    return dict(zip(names, cursor.fetchone()))


def model_check_results(con, selected: set[dg.AssetCheckKey], scoring):
    """The results of the model's checks that the run selected (`scoring`: the exam blueprint's)."""
    found = bounds(con, scoring)
    for spec, table in zip(MODEL_CHECKS, ("readiness", "forecast")):
        if spec.key in selected:
            bad = found[f"{table}_out_of_bounds"]
            yield dg.AssetCheckResult(asset_key=spec.asset_key, check_name=spec.name, passed=bad == 0,
                                      metadata={"rows_checked": found[f"{table}_rows"], "out_of_bounds": bad})
