-- One row per mock exam attempt and domain: what the learner scored, as the platform showed it.
CREATE OR REPLACE TABLE marts.attempts AS
WITH answered AS MATERIALIZED (
    SELECT learner_id, attempt_id, min(taken_at) AS taken_at, any_value(provider) AS provider,
           domain_id, sum(correct::INTEGER)::DOUBLE AS correct, count(*)::DOUBLE AS total,
           sum(seconds) AS seconds, 'per_question' AS detail
    FROM staging.answers WHERE source <> 'anki'
    GROUP BY learner_id, attempt_id, domain_id)
FROM answered
UNION ALL
SELECT learner_id, attempt_id, min(taken_at), any_value(provider), domain_id, sum(correct), sum(total), NULL,
       'per_domain'
FROM staging.domain_scores  -- a page by task statement: a domain's tasks, each its own row, add up
ANTI JOIN (SELECT DISTINCT learner_id, attempt_id FROM answered) a USING (learner_id, attempt_id)  -- as domain_evidence
GROUP BY learner_id, attempt_id, domain_id
ORDER BY learner_id, taken_at, attempt_id, domain_id, detail;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.attempts.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN marts.attempts.attempt_id IS 'The mock exam attempt (flashcard reviews are not attempts)';
COMMENT ON COLUMN marts.attempts.taken_at IS 'When it was taken (per_question: its earliest answer), local wall-clock time';
COMMENT ON COLUMN marts.attempts.provider IS 'Practice platform as the export names it';
COMMENT ON COLUMN marts.attempts.domain_id IS 'Exam domain (staging.exam_domains.id)';
COMMENT ON COLUMN marts.attempts.correct IS 'Questions of the domain answered right';
COMMENT ON COLUMN marts.attempts.total IS 'Questions of the domain in the attempt';
COMMENT ON COLUMN marts.attempts.seconds IS 'Time on the domain''s questions, seconds (sum of those exported); NULL for per_domain rows';
COMMENT ON COLUMN marts.attempts.detail IS 'per_question: counted from staging.answers; per_domain: a summary export''s row (staging.domain_scores)';
