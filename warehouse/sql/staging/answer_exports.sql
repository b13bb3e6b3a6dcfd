-- The export that counts for each attempt of a platform: the latest current load holding a valid row of
-- it (a re-exported attempt replaces the old one: the DMS CDC idea). Small: one row per attempt and
-- platform (the provider, case and spaces aside, '' where blank: sources/sittings.py's key), so two
-- platforms' sittings of one set begun the same day, exported in two files, share an id and both count.
-- Beside it, staging.superseded_exports: the attempt's other current loads with valid rows, whose
-- rows staging.answers holds back (a load that counts for one platform of the attempt is none), and
-- staging.platform_exports: the counting loads of an attempt that counts from two platforms, with the
-- id each shows (' (<platform>)' after it, as one file holding both platforms names them), '' aside.
-- Both usually empty, so the view's readers skip a per-row join of 13M cohort answers to a table
-- (docs/performance.md). The tables in one transaction.
BEGIN TRANSACTION;
CREATE OR REPLACE TEMP TABLE answer_loads AS  -- every (attempt, platform, current load) with a valid row
SELECT learner_id, attempt_id, load_id, lower(trim(coalesce(provider, ''))) AS platform,
       min(trim(provider)) AS written, any_value(recorded_at) AS recorded_at
FROM (SELECT a.learner_id, a.attempt_id, a.load_id, a.provider, any_value(l.recorded_at) AS recorded_at
      FROM raw.answers a
      JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
      ANTI JOIN staging.withdrawn_learners w ON w.learner_id = a.learner_id  -- taken out of the class
      ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
        ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
      GROUP BY a.learner_id, a.attempt_id, a.load_id, a.provider)
GROUP BY learner_id, attempt_id, load_id, platform;
CREATE OR REPLACE TEMP TABLE platform_loads AS  -- the export that counts per (learner, attempt, platform)
SELECT learner_id, attempt_id, platform, arg_max(load_id, recorded_at) AS load_id,
       arg_max(written, recorded_at) AS written
FROM answer_loads
GROUP BY learner_id, attempt_id, platform;
CREATE OR REPLACE TABLE staging.answer_exports AS
SELECT DISTINCT learner_id, attempt_id, load_id FROM platform_loads;
CREATE OR REPLACE TABLE staging.superseded_exports AS
SELECT learner_id, attempt_id, load_id FROM answer_loads
EXCEPT SELECT learner_id, attempt_id, load_id FROM staging.answer_exports;
CREATE OR REPLACE TABLE staging.platform_exports AS
SELECT e.learner_id, e.attempt_id, e.load_id, e.attempt_id || ' (' || e.written || ')' AS shown_id
FROM platform_loads e
SEMI JOIN (SELECT learner_id, attempt_id FROM platform_loads GROUP BY ALL HAVING count(DISTINCT load_id) > 1) m
  ON m.learner_id = e.learner_id AND m.attempt_id = e.attempt_id
ANTI JOIN (SELECT learner_id, attempt_id, load_id FROM answer_loads GROUP BY ALL HAVING count(*) > 1) x
  ON x.learner_id = e.learner_id AND x.attempt_id = e.attempt_id AND x.load_id = e.load_id  -- a load mixing
WHERE e.platform <> '';  -- platforms in one id keeps it: its rows are not told apart by their load
DROP TABLE answer_loads;
DROP TABLE platform_loads;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.answer_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.answer_exports.attempt_id IS 'The attempt as its export names it (a practice set''s sitting: ''<set> YYYY-MM-DD''); one row per platform it counts from';
COMMENT ON COLUMN staging.answer_exports.load_id IS 'The export that counts: the latest-recorded current load with a valid answer of the attempt from its platform';
COMMENT ON COLUMN staging.superseded_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.superseded_exports.attempt_id IS 'The attempt as its exports name it';
COMMENT ON COLUMN staging.superseded_exports.load_id IS 'An older current load with valid answers of the attempt; staging.answers leaves its rows out';
COMMENT ON COLUMN staging.platform_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.platform_exports.attempt_id IS 'The attempt as its export names it, which exports of another platform name too';
COMMENT ON COLUMN staging.platform_exports.load_id IS 'The export of one platform that counts (staging.answer_exports)';
COMMENT ON COLUMN staging.platform_exports.shown_id IS 'The attempt id staging.answers gives its rows: ''<attempt> (<platform as written>)''';
COMMIT;
