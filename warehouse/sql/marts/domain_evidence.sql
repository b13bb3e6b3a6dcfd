-- Practice evidence per learner × domain × task × attempt: the readiness model's input.
BEGIN TRANSACTION;
CREATE OR REPLACE TABLE marts.domain_evidence AS
WITH answered AS MATERIALIZED (
    SELECT learner_id, domain_id, task_id, attempt_id, min(taken_at) AS taken_at,
           CASE WHEN source = 'anki' THEN 'anki' WHEN source = 'moodle' THEN 'moodle' ELSE 'mock' END AS source,
           sum(correct::INTEGER)::DOUBLE AS correct, count(*)::DOUBLE AS total, min(provider) AS provider,
           NULL::VARCHAR AS retake_of, NULL::VARCHAR AS retake_set
    FROM staging.answers
    GROUP BY ALL)
FROM answered
UNION ALL
SELECT learner_id, domain_id, NULL AS task_id, attempt_id, min(taken_at), 'summary' AS source,
       sum(correct), sum(total), min(provider), NULL, NULL
FROM staging.domain_scores  -- a page by task statement: a domain's tasks, each its own row, add up
-- A sitting also loaded question by question (the same id: its set and day) counts by its questions, once
-- (marts.attempts leaves it out too; docs/model.md, step 1).
ANTI JOIN (SELECT DISTINCT learner_id, attempt_id FROM answered) a USING (learner_id, attempt_id)
GROUP BY learner_id, domain_id, attempt_id
ORDER BY learner_id, taken_at, domain_id, task_id, attempt_id, source;  -- a total order: the model sums in it
-- Retakes (docs/model.md, step 1): a sitting of a practice set the learner sat before is 'retake'.
-- The adapters name a sitting of a set '<set> YYYY-MM-DD' or '<set> YYYY-MM-DD HH:MM', then ' (2)', ' (3)'
-- for further sittings begun in the same minute, then ' [<file>]' where the title lines name the set (a page
-- of it in each file is its own sitting: sources/title_set.py), then ' (<platform>)' where one file holds the
-- set from two platforms (sources/sittings.py); the set is the id without that suffix (case aside: a title's
-- 'PRACTICE TEST 3' is 'Practice Test 3') on
-- its platform (the provider, case and spaces aside: Tutorials Dojo's and Udemy's 'Practice Test 1' are two
-- sets; sittings naming no provider share the key of a set without one), and the
-- learner's first sitting of it (earliest taken_at, then the smaller id) keeps its source. A retake says which
-- sitting it repeats (retake_of) and of which set (retake_set), for the pages.
-- Worked out on this table's rows (one per attempt × domain × task), after it is written: the
-- rows keep their order, and the LIKE sieve leaves a cohort without dated ids almost no work
-- (13M answers, 800,000 rows here: ~0.02 s CPU).
UPDATE marts.domain_evidence e SET source = 'retake', retake_of = r.first_sitting, retake_set = r.practice_set
FROM (
    WITH dated AS (  -- sittings named '<set> <date>[ <time>][ (k)][ [<file>]][ (<platform>)]'
        SELECT * FROM (
            SELECT learner_id, attempt_id, min(taken_at) AS started, min(nullif(lower(trim(provider)), '')) AS platform,
                   regexp_replace(attempt_id, ' [0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?( \([0-9]+\))?( \[[^\[\]]+\])?( \([^()]+\))?$', '') AS practice_set
            FROM marts.domain_evidence
            WHERE source <> 'anki' AND attempt_id LIKE '% ____-__-__%'
            GROUP BY learner_id, attempt_id
        ) WHERE practice_set <> attempt_id  -- the pattern matched: it takes at least ' YYYY-MM-DD' off the end
    ), downloads AS (  -- 'quiz (1)' beside 'quiz': a file a browser saved again under its name + ' (1)', whose name
        -- is its id (no set or date column): another sitting of that quiz, or the same export saved twice. Either
        -- way its answers repeat the first's (the repeat check below): weak evidence, not a second full sitting.
        SELECT * FROM (
            SELECT learner_id, attempt_id, min(taken_at) AS started, min(nullif(lower(trim(provider)), '')) AS platform,
                   regexp_replace(attempt_id, ' \([0-9]+\)$', '') AS practice_set
            FROM marts.domain_evidence
            WHERE source <> 'anki' AND attempt_id LIKE '% (%)' AND attempt_id NOT LIKE '% ____-__-__%'
            GROUP BY learner_id, attempt_id
        ) d WHERE practice_set <> attempt_id
          AND EXISTS (SELECT 1 FROM marts.domain_evidence f WHERE f.learner_id IS NOT DISTINCT FROM d.learner_id
                      AND lower(f.attempt_id) = lower(d.practice_set) AND f.source <> 'anki')
    ), named_sets AS (SELECT learner_id, practice_set FROM dated UNION SELECT learner_id, practice_set FROM downloads),
    bare AS (  -- an attempt named just as such a set, without a date (an Attempt column written 'TD Set 1')
        SELECT e.learner_id, e.attempt_id, min(e.taken_at) AS started,
               min(nullif(lower(trim(e.provider)), '')) AS platform, e.attempt_id AS practice_set
        FROM marts.domain_evidence e
        SEMI JOIN named_sets d ON d.learner_id IS NOT DISTINCT FROM e.learner_id AND lower(d.practice_set) = lower(e.attempt_id)
        WHERE e.source <> 'anki'
        GROUP BY e.learner_id, e.attempt_id
    ), quizzes AS (  -- a Moodle Grades report is one quiz: a learner's attempts in it are sittings of one set,
        -- the file (its inbox path). A re-export holding the earlier attempts too supersedes them: one file again.
        SELECT a.learner_id, a.attempt_id, min(a.taken_at) AS started, 'moodle' AS platform,
               min(f.path) AS practice_set
        FROM staging.answers a
        SEMI JOIN (SELECT learner_id, attempt_id FROM marts.domain_evidence WHERE source = 'moodle') m
          ON m.learner_id = a.learner_id AND m.attempt_id = a.attempt_id
        JOIN (SELECT DISTINCT load_id, path FROM raw.file_events WHERE load_id IS NOT NULL) f ON f.load_id = a.load_id
        WHERE a.source = 'moodle'
        GROUP BY a.learner_id, a.attempt_id
    ),
    ranked AS (
        SELECT learner_id, attempt_id, practice_set, first_value(attempt_id) OVER set_order AS first_sitting,
               row_number() OVER set_order AS sitting
        FROM (SELECT * FROM dated UNION ALL SELECT * FROM downloads UNION ALL SELECT * FROM bare
              UNION ALL SELECT * FROM quizzes)
        WINDOW set_order AS (PARTITION BY learner_id, platform, lower(practice_set) ORDER BY started ASC NULLS LAST, attempt_id)
    ), later AS (SELECT learner_id, attempt_id, practice_set, first_sitting FROM ranked WHERE sitting > 1),
    -- A name can look like a set's sitting without being one ('Mock exam 2026-02-01.csv' and
    -- 'Mock exam 2026-02-08.csv', two different mocks): where both sittings list their questions, a
    -- retake repeats at least one of the first's. Semi joins: with no candidate, no answer is read.
    sittings AS (SELECT learner_id, attempt_id FROM later UNION SELECT learner_id, first_sitting FROM later),
    asked AS (
        SELECT DISTINCT a.learner_id, a.attempt_id, a.question_id FROM staging.answers a
        SEMI JOIN sittings s ON s.learner_id = a.learner_id AND s.attempt_id = a.attempt_id
        WHERE a.question_id IS NOT NULL
    ), listed AS (SELECT DISTINCT learner_id, attempt_id FROM asked),
    repeating AS (
        SELECT DISTINCT l.learner_id, l.attempt_id FROM later l
        JOIN asked x ON x.learner_id = l.learner_id AND x.attempt_id = l.attempt_id
        JOIN asked f ON f.learner_id = l.learner_id AND f.attempt_id = l.first_sitting AND f.question_id = x.question_id
    )
    SELECT l.learner_id, l.attempt_id, l.first_sitting, l.practice_set FROM later l
    LEFT JOIN listed this ON this.learner_id = l.learner_id AND this.attempt_id = l.attempt_id
    LEFT JOIN listed first ON first.learner_id = l.learner_id AND first.attempt_id = l.first_sitting
    LEFT JOIN repeating r ON r.learner_id = l.learner_id AND r.attempt_id = l.attempt_id
    WHERE this.attempt_id IS NULL OR first.attempt_id IS NULL OR r.attempt_id IS NOT NULL
) r
WHERE e.learner_id IS NOT DISTINCT FROM r.learner_id AND e.attempt_id = r.attempt_id AND e.source <> 'anki';
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.domain_evidence.learner_id IS 'The learner';
COMMENT ON COLUMN marts.domain_evidence.domain_id IS 'Exam domain (staging.exam_domains.id)';
COMMENT ON COLUMN marts.domain_evidence.task_id IS 'Task statement (staging.exam_tasks.id); NULL when the answers name none, and for summaries';
COMMENT ON COLUMN marts.domain_evidence.attempt_id IS 'The attempt (mock, Moodle, ''anki-<day>'', or a summary''s)';
COMMENT ON COLUMN marts.domain_evidence.taken_at IS 'When the attempt was taken (earliest answer of the row), local wall-clock time';
COMMENT ON COLUMN marts.domain_evidence.source IS 'mock, moodle, anki (flashcards), summary (per-domain results) or retake (a later sitting of a set sat before)';
COMMENT ON COLUMN marts.domain_evidence.correct IS 'Answers right (per-question rows: counted; summary: as reported)';
COMMENT ON COLUMN marts.domain_evidence.total IS 'Answers (questions of the domain or task in the attempt)';
COMMENT ON COLUMN marts.domain_evidence.provider IS 'Practice platform as the export names it; part of a practice set''s key (retakes)';
COMMENT ON COLUMN marts.domain_evidence.retake_of IS 'On a retake: the attempt id of the set''s first sitting, which it repeats; NULL otherwise';
COMMENT ON COLUMN marts.domain_evidence.retake_set IS 'On a retake: the practice set it sits again (the attempt id without its date suffix); NULL otherwise';
COMMIT;
