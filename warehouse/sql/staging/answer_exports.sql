-- The exports that count for each sitting (the DMS CDC idea: a re-export replaces the old one).
-- The re-export unit is (learner, base id, platform) per load (sources/platform_rule.sql: base_id, platform_key,
-- '' = unknown). A load's unit is superseded when a later current load has a valid row of the same
-- learner and base id from the same platform, or either platform is unknown (it may be the same).
-- staging.superseded_exports: the superseded (learner, attempt, load, platform), usually none;
-- staging.answers anti-joins it. staging.shown_attempts: the units shown under another id than
-- their own: '<base> (<provider>)' for a named platform when the base id counts from two platforms,
-- else the base id (a set from one platform keeps its plain id); usually none.
-- Both small, so the view's readers skip per-row work on 13M cohort answers (docs/performance.md).
BEGIN TRANSACTION;
CREATE OR REPLACE TEMP TABLE answer_units AS  -- every (attempt, current load, provider) with a valid row
SELECT *, platform_key(provider_text) AS platform, base_id(attempt_id, provider_text) AS base_id  -- platform_rule.sql
FROM (SELECT a.learner_id, a.attempt_id, a.load_id, provider_text(a.provider) AS provider_text,
             any_value(l.recorded_at) AS recorded_at
      FROM raw.answers a
      JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
      ANTI JOIN staging.withdrawn_learners w ON w.learner_id = a.learner_id  -- taken out of the class
      ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
        ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
      WHERE a.attempt_id IS NOT NULL
      GROUP BY a.learner_id, a.attempt_id, a.load_id, provider_text(a.provider));
CREATE OR REPLACE TEMP TABLE superseded_units AS
SELECT DISTINCT s.learner_id, s.attempt_id, s.load_id, s.platform
FROM answer_units s JOIN answer_units m
  ON m.learner_id = s.learner_id AND m.base_id = s.base_id
 AND same_platform(m.platform, s.platform)
 AND (m.recorded_at > s.recorded_at OR (m.recorded_at = s.recorded_at AND m.load_id > s.load_id));
CREATE OR REPLACE TEMP TABLE counting_units AS
SELECT u.* FROM answer_units u ANTI JOIN superseded_units s USING (learner_id, attempt_id, load_id, platform);
CREATE OR REPLACE TABLE staging.answer_exports AS
SELECT learner_id, attempt_id, arg_max(load_id, (recorded_at, load_id)) AS load_id
FROM counting_units
GROUP BY learner_id, attempt_id;
CREATE OR REPLACE TABLE staging.superseded_exports AS FROM superseded_units;
CREATE OR REPLACE TABLE staging.shown_attempts AS
WITH spelt AS (  -- each platform's provider as written in its latest counting load
    SELECT learner_id, base_id, platform, arg_max(provider_text, (recorded_at, load_id)) AS provider_text,
           count(*) OVER (PARTITION BY learner_id, base_id) AS platforms
    FROM counting_units GROUP BY learner_id, base_id, platform)
SELECT * FROM (
    SELECT c.learner_id, c.attempt_id, c.load_id, c.platform,
           CASE WHEN p.platforms = 1 OR c.platform = '' THEN c.base_id
                ELSE c.base_id || ' (' || p.provider_text || ')' END AS shown_id
    FROM counting_units c JOIN spelt p USING (learner_id, base_id, platform))
WHERE shown_id <> attempt_id;
DROP TABLE answer_units; DROP TABLE superseded_units; DROP TABLE counting_units;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.answer_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.answer_exports.attempt_id IS 'The attempt as its export names it (a practice set''s sitting: ''<set> YYYY-MM-DD'')';
COMMENT ON COLUMN staging.answer_exports.load_id IS 'The latest-recorded current load whose valid answers of the attempt count';
COMMENT ON COLUMN staging.superseded_exports.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.superseded_exports.attempt_id IS 'The attempt as its exports name it';
COMMENT ON COLUMN staging.superseded_exports.load_id IS 'An older current load with valid answers of the attempt; staging.answers leaves its rows of the platform out';
COMMENT ON COLUMN staging.superseded_exports.platform IS 'The platform of the rows left out: lower(trim(provider)), '''' where blank';
COMMENT ON COLUMN staging.shown_attempts.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.shown_attempts.attempt_id IS 'The attempt id as the export names it (raw.answers)';
COMMENT ON COLUMN staging.shown_attempts.load_id IS 'The counting load the rows come from';
COMMENT ON COLUMN staging.shown_attempts.platform IS 'The platform of the rows: lower(trim(provider)), '''' where blank';
COMMENT ON COLUMN staging.shown_attempts.shown_id IS 'The id staging.answers shows: ''<set> YYYY-MM-DD (<provider>)'' when the set counts from two platforms';
COMMIT;
