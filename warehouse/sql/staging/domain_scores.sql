-- Per-domain results copied from practice platforms' result pages, latest export per attempt.
CREATE OR REPLACE TABLE staging.domain_scores AS
WITH valid AS (
    SELECT d.*, l.recorded_at
    FROM raw.domain_scores d
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    ANTI JOIN staging.withdrawn_learners w ON w.learner_id = d.learner_id  -- taken out of the class
    ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'domain_scores') q  -- held back
      ON q.load_id = d.load_id AND q.line = d.line AND q.line_row IS NOT DISTINCT FROM d.line_row
),
latest_export AS (
    SELECT learner_id, attempt_id, arg_max(load_id, recorded_at) AS load_id
    FROM valid GROUP BY learner_id, attempt_id
)
SELECT v.learner_id, v.attempt_id, v.taken_at, v.provider, v.domain_id,
       v.correct, v.total, v.correct / v.total AS accuracy, v.load_id, v.line
FROM valid v JOIN latest_export USING (learner_id, attempt_id, load_id)
ORDER BY v.learner_id, v.taken_at, v.attempt_id, v.domain_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.domain_scores.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.domain_scores.attempt_id IS 'The mock exam attempt as the summary export names it';
COMMENT ON COLUMN staging.domain_scores.taken_at IS 'When the attempt was taken, local wall-clock time as exported';
COMMENT ON COLUMN staging.domain_scores.provider IS 'Practice platform as the export names it';
COMMENT ON COLUMN staging.domain_scores.domain_id IS 'Exam domain (staging.exam_domains.id) the domain label maps to';
COMMENT ON COLUMN staging.domain_scores.correct IS 'Questions of the domain answered right (percent × total, rounded, where only a percent is given)';
COMMENT ON COLUMN staging.domain_scores.total IS 'Questions of the domain in the attempt';
COMMENT ON COLUMN staging.domain_scores.accuracy IS 'correct / total, 0-1';
COMMENT ON COLUMN staging.domain_scores.load_id IS 'The attempt''s latest-recorded current load with valid rows (its export counts)';
COMMENT ON COLUMN staging.domain_scores.line IS '1-based line of the row in its file';
