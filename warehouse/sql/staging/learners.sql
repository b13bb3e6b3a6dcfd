-- Every learner with any valid staged row, and the workspace's own learner (examready.yaml
-- learner_id, set as the DuckDB variable workspace_learner by the SQL layers) even before it has
-- any: the rows of the coverage marts. A learner without evidence has every service and task as
-- a gap, as the readiness model gives such a learner the prior. Without the variable (SQL run
-- by hand) only the learners with rows.
-- answer_exports has a row for every (learner, attempt) in staging.answers: the same learners
-- without reading the answers view (13M rows in a cohort).
CREATE OR REPLACE TABLE staging.learners AS
SELECT learner_id FROM staging.answer_exports UNION SELECT learner_id FROM staging.domain_scores
UNION SELECT learner_id FROM staging.study_sessions UNION SELECT learner_id FROM staging.note_sections
UNION SELECT getvariable('workspace_learner')::VARCHAR WHERE getvariable('workspace_learner') IS NOT NULL
ORDER BY learner_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.learners.learner_id IS 'A learner with valid staged answers, domain scores, study time or notes, or the workspace''s own';
