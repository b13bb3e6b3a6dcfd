-- Every learner whose rows count (staging.learners: none taken out by `forget --learner`; the
-- workspace's own even without rows), with their study hours. A table: every page build counts the
-- learners, and the class page and `examready learners` read them all; summing a cohort's study
-- time (400,000 entries) and looking through four tables per learner happens once per run instead.
CREATE OR REPLACE TABLE marts.learners AS
WITH hours AS (SELECT learner_id, sum(minutes) / 60 AS hours FROM staging.study_sessions GROUP BY ALL),
with_rows AS (SELECT learner_id FROM staging.answer_exports UNION SELECT learner_id FROM staging.domain_scores
              UNION SELECT learner_id FROM staging.study_sessions UNION SELECT learner_id FROM staging.note_sections)
SELECT l.learner_id, coalesce(h.hours, 0) AS hours, r.learner_id IS NOT NULL AS has_rows
FROM staging.learners l
LEFT JOIN hours h USING (learner_id)
LEFT JOIN with_rows r USING (learner_id)
ORDER BY l.learner_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.learners.learner_id IS 'A learner whose rows count, or the workspace''s own (examready.yaml learner_id)';
COMMENT ON COLUMN marts.learners.hours IS 'Study hours that count (no minute twice across files), every domain or none';
COMMENT ON COLUMN marts.learners.has_rows IS 'Whether any answer, domain score, study time or note counts for the learner (false: the workspace''s own, before any)';
