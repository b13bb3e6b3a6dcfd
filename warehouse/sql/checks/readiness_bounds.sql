-- The readiness model's outputs within their bounds: the asset checks on marts.readiness and
-- marts.forecast (pipelines/model_checks.py). A NULL where a number belongs counts as out of bounds.
SELECT
    (SELECT count(*) FROM marts.readiness) AS readiness_rows,
    (SELECT count(*) FROM marts.readiness
     WHERE NOT coalesce(readiness BETWEEN 0 AND 100 AND 0 <= low AND low <= high AND high <= 100, false))
        AS readiness_out_of_bounds,
    (SELECT count(*) FROM marts.forecast) AS forecast_rows,
    (SELECT count(*) FROM marts.forecast
     WHERE NOT coalesce(pass_probability BETWEEN 0 AND 1 AND scaled_low <= scaled_mean
                        AND scaled_mean <= scaled_high, false)) AS forecast_out_of_bounds
