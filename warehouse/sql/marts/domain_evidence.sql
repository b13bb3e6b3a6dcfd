-- Practice evidence per learner × domain × task × attempt: the readiness model's input.
CREATE OR REPLACE TABLE marts.domain_evidence AS
SELECT learner_id, domain_id, task_id, attempt_id, min(taken_at) AS taken_at,
       CASE WHEN source = 'anki' THEN 'anki' WHEN source = 'moodle' THEN 'moodle' ELSE 'mock' END AS source,
       sum(correct::INTEGER)::DOUBLE AS correct, count(*)::DOUBLE AS total
FROM staging.answers
GROUP BY ALL
UNION ALL
SELECT learner_id, domain_id, NULL AS task_id, attempt_id, taken_at, 'summary' AS source,
       correct, total
FROM staging.domain_scores
ORDER BY learner_id, taken_at, domain_id, task_id, attempt_id, source;  -- a total order: the model sums in it
