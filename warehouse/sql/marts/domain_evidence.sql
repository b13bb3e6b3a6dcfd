-- Practice evidence per learner × domain × task × attempt: the readiness model's input.
BEGIN TRANSACTION;
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
-- Retakes (docs/model.md, step 1): a sitting of a practice set the learner sat before is 'retake'.
-- The adapters name a sitting of a set '<set> YYYY-MM-DD' or '<set> YYYY-MM-DD HH:MM'
-- (sources/domain_summary_csv.py sitting_ids); the set is the id without that suffix, and the
-- learner's first sitting of it (earliest taken_at, then the smaller id) keeps its source.
-- Worked out on this table's rows (one per attempt × domain × task), after it is written: the
-- rows keep their order, and the LIKE sieve leaves a cohort without dated ids almost no work
-- (13M answers, 800,000 rows here: ~0.02 s CPU).
UPDATE marts.domain_evidence e SET source = 'retake'
FROM (
    WITH dated AS (  -- sittings named '<set> <date>[ <time>]'
        SELECT learner_id, attempt_id, min(taken_at) AS started,
               regexp_replace(attempt_id, ' [0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?$', '') AS practice_set
        FROM marts.domain_evidence
        WHERE source <> 'anki' AND attempt_id LIKE '% ____-__-__%'
          AND regexp_matches(attempt_id, ' [0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?$')
        GROUP BY learner_id, attempt_id
    ), bare AS (  -- an attempt named just as such a set, without a date (an Attempt column written 'TD Set 1')
        SELECT e.learner_id, e.attempt_id, min(e.taken_at) AS started, e.attempt_id AS practice_set
        FROM marts.domain_evidence e
        SEMI JOIN dated d ON d.learner_id IS NOT DISTINCT FROM e.learner_id AND d.practice_set = e.attempt_id
        WHERE e.source <> 'anki'
        GROUP BY e.learner_id, e.attempt_id
    )
    SELECT learner_id, attempt_id FROM (SELECT * FROM dated UNION ALL SELECT * FROM bare)
    QUALIFY row_number() OVER (PARTITION BY learner_id, practice_set
                               ORDER BY started ASC NULLS LAST, attempt_id) > 1
) r
WHERE e.learner_id IS NOT DISTINCT FROM r.learner_id AND e.attempt_id = r.attempt_id AND e.source <> 'anki';
COMMIT;
