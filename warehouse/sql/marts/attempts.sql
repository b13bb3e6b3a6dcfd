-- One row per mock exam attempt and domain: what the learner scored, as the platform showed it.
CREATE OR REPLACE TABLE marts.attempts AS
SELECT learner_id, attempt_id, min(taken_at) AS taken_at, any_value(provider) AS provider,
       domain_id, sum(correct::INTEGER)::DOUBLE AS correct, count(*)::DOUBLE AS total,
       sum(seconds) AS seconds, 'per_question' AS detail
FROM staging.answers WHERE source <> 'anki'
GROUP BY learner_id, attempt_id, domain_id
UNION ALL
SELECT learner_id, attempt_id, taken_at, provider, domain_id, correct, total, NULL, 'per_domain'
FROM staging.domain_scores
ORDER BY learner_id, taken_at, attempt_id, domain_id, detail;
