-- The readiness model's outputs within their bounds: the asset checks on marts.readiness and
-- marts.forecast (pipelines/model_checks.py). A NULL where a number belongs counts as out of bounds.
SELECT
    (SELECT count(*) FROM marts.readiness) AS readiness_rows,
    (SELECT count(*) FROM marts.readiness
     WHERE NOT coalesce(readiness BETWEEN 0 AND 100 AND 0 <= low AND low <= high AND high <= 100, false))
        AS readiness_out_of_bounds,
    (SELECT count(*) FROM marts.forecast) AS forecast_rows,
    (SELECT count(*) FROM marts.forecast
     WHERE NOT coalesce(pass_probability BETWEEN 0 AND 1 AND $scale_min <= scaled_low AND scaled_low <= scaled_high
                        AND scaled_high <= $scale_max AND scaled_mean BETWEEN $scale_min AND $scale_max, false))
        AS forecast_out_of_bounds
-- Not low <= mean <= high: the mean of a lopsided score distribution may lie outside its 5-95% band (all but
-- certain of every answer: 5% and 95% both at 1000, the mean 999.3).
