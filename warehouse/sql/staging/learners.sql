-- Every learner with any valid staged row: the rows of the coverage marts.
CREATE OR REPLACE TABLE staging.learners AS
SELECT learner_id FROM staging.answers UNION SELECT learner_id FROM staging.domain_scores
UNION SELECT learner_id FROM staging.study_sessions UNION SELECT learner_id FROM staging.note_sections
ORDER BY learner_id;
