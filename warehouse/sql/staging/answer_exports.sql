-- The export that counts for each attempt: the latest current load holding a valid row of it
-- (a re-exported attempt replaces the old one: the DMS CDC idea). Small: one row per attempt.
CREATE OR REPLACE TABLE staging.answer_exports AS
SELECT a.learner_id, a.attempt_id, arg_max(a.load_id, l.recorded_at) AS load_id
FROM raw.answers a
JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
  ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
GROUP BY a.learner_id, a.attempt_id;
