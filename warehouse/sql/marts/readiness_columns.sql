-- What the readiness model's columns mean (docs/model.md): DuckDB column comments, which the Dagster
-- UI shows as the column descriptions of marts.readiness and marts.forecast. Run after each rebuild
-- (CREATE OR REPLACE TABLE drops them).
COMMENT ON COLUMN marts.readiness.learner_id IS 'The learner';
COMMENT ON COLUMN marts.readiness.domain_id IS 'Exam domain (staging.exam_domains)';
COMMENT ON COLUMN marts.readiness.readiness IS 'Estimated share of the domain''s questions answered right, 0-100 (posterior mean)';
COMMENT ON COLUMN marts.readiness.low IS 'Lower end of the 90% band (5% quantile), 0-100';
COMMENT ON COLUMN marts.readiness.high IS 'Upper end of the 90% band (95% quantile), 0-100';
COMMENT ON COLUMN marts.readiness.questions IS 'Fresh exam-style answers behind it (not flashcards, not retakes)';
COMMENT ON COLUMN marts.readiness.effective_n IS 'Weighted number of answers behind it (older answers, flashcards and retakes count less)';
COMMENT ON COLUMN marts.readiness.alpha IS 'Beta posterior alpha (given the learner''s level at its estimate)';
COMMENT ON COLUMN marts.readiness.beta IS 'Beta posterior beta (given the learner''s level at its estimate)';
COMMENT ON COLUMN marts.readiness.shared_sd IS 'Move of the posterior mean per sd of the learner''s pooled level (the domains err together)';
COMMENT ON COLUMN marts.readiness.as_of IS 'The day the estimate is as of (every practice day, and today)';
COMMENT ON COLUMN marts.forecast.learner_id IS 'The learner';
COMMENT ON COLUMN marts.forecast.as_of IS 'The day the forecast is as of';
COMMENT ON COLUMN marts.forecast.pass_probability IS 'Chance of passing the real exam as of that day, 0-1';
COMMENT ON COLUMN marts.forecast.scaled_mean IS 'Predicted scaled score (100-1000), mean';
COMMENT ON COLUMN marts.forecast.scaled_low IS 'Predicted scaled score, 5% quantile';
COMMENT ON COLUMN marts.forecast.scaled_high IS 'Predicted scaled score, 95% quantile';
