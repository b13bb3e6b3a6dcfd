-- The export that counts for each attempt: the latest current load holding a valid row of it
-- (a re-exported attempt replaces the old one: the DMS CDC idea). Small: one row per attempt.
-- Beside it, staging.superseded_exports: the attempt's other current loads with valid rows, whose
-- rows staging.answers holds back. Usually empty, so the view's readers skip a per-row join of
-- 13M cohort answers to this table (docs/performance.md). Both tables in one transaction.
BEGIN TRANSACTION;
CREATE OR REPLACE TEMP TABLE answer_loads AS  -- every (attempt, current load) with a valid row
SELECT a.learner_id, a.attempt_id, a.load_id, any_value(l.recorded_at) AS recorded_at
FROM raw.answers a
JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
ANTI JOIN staging.withdrawn_learners w ON w.learner_id = a.learner_id  -- taken out of the class
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
  ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
GROUP BY a.learner_id, a.attempt_id, a.load_id;
CREATE OR REPLACE TABLE staging.answer_exports AS
SELECT learner_id, attempt_id, arg_max(load_id, recorded_at) AS load_id
FROM answer_loads
GROUP BY learner_id, attempt_id;
CREATE OR REPLACE TABLE staging.superseded_exports AS
SELECT learner_id, attempt_id, load_id FROM answer_loads
EXCEPT SELECT learner_id, attempt_id, load_id FROM staging.answer_exports;
DROP TABLE answer_loads;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.answer_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.answer_exports.attempt_id IS 'The attempt as its export names it (a practice set''s sitting: ''<set> YYYY-MM-DD'')';
COMMENT ON COLUMN staging.answer_exports.load_id IS 'The export that counts: the latest-recorded current load with a valid answer of the attempt';
COMMENT ON COLUMN staging.superseded_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.superseded_exports.attempt_id IS 'The attempt as its exports name it';
COMMENT ON COLUMN staging.superseded_exports.load_id IS 'An older current load with valid answers of the attempt; staging.answers leaves its rows out';
COMMIT;
