-- Every learner with any valid staged row: the rows of the coverage marts.
-- answer_exports has a row for every (learner, attempt) in staging.answers: the same learners
-- without reading the answers view (13M rows in a cohort).
CREATE OR REPLACE TABLE staging.learners AS
SELECT learner_id FROM staging.answer_exports UNION SELECT learner_id FROM staging.domain_scores
UNION SELECT learner_id FROM staging.study_sessions UNION SELECT learner_id FROM staging.note_sections
ORDER BY learner_id;
