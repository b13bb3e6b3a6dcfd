-- One row per answered question that passed validation, from the latest export of its attempt
-- (a re-exported attempt replaces the old one: the DMS CDC idea).
-- Not sorted: every reader orders what it reads, and sorting a cohort's 13M rows took ~10 s of a
-- ~15 s rebuild (docs/performance.md). Rows keep raw's order, i.e. file order.
CREATE OR REPLACE TABLE staging.answers AS
WITH valid AS (
    SELECT a.*, l.recorded_at
    FROM raw.answers a
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    WHERE NOT EXISTS (SELECT 1 FROM raw.quarantine q
                      WHERE q.load_id = a.load_id AND q.table_name = 'answers' AND q.line = a.line
                        AND q.line_row IS NOT DISTINCT FROM a.line_row)
),
latest_export AS (
    SELECT learner_id, attempt_id, arg_max(load_id, recorded_at) AS load_id
    FROM valid GROUP BY learner_id, attempt_id
)
SELECT v.learner_id, v.attempt_id, v.taken_at, v.provider, v.question_id, v.domain_id, v.task_id,
       v.service, v.correct, v.seconds, v.confidence, v.source, v.load_id, v.line
FROM valid v JOIN latest_export USING (learner_id, attempt_id, load_id);
