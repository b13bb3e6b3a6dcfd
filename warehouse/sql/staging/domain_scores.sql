-- Per-domain results copied from practice platforms' result pages, latest export per sitting: as
-- staging.answer_exports, a load's rows of (learner, base id, platform) are superseded by a later load's
-- of the same learner and base id whose platform is the same or either is blank; a set counting from
-- two platforms shows '<base> (<provider>)' per platform. Small (a few rows per sitting): per-row keys.
CREATE OR REPLACE TABLE staging.domain_scores AS
WITH valid AS (
    SELECT d.*, l.recorded_at, provider_text(d.provider) AS provider_text,  -- the rule: sources/platform_rule.sql
           platform_key(d.provider) AS platform, base_id(d.attempt_id, d.provider) AS base_id
    FROM raw.domain_scores d
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    ANTI JOIN staging.withdrawn_learners w ON w.learner_id = d.learner_id  -- taken out of the class
    ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'domain_scores') q  -- held back
      ON q.load_id = d.load_id AND q.line = d.line AND q.line_row IS NOT DISTINCT FROM d.line_row
),
counting AS (
    SELECT v.* FROM valid v
    WHERE NOT EXISTS (SELECT 1 FROM valid m
                      WHERE m.learner_id = v.learner_id AND m.base_id = v.base_id
                        AND same_platform(m.platform, v.platform)
                        AND (m.recorded_at > v.recorded_at OR (m.recorded_at = v.recorded_at AND m.load_id > v.load_id)))
),
spelt AS (  -- each platform's provider as written in its latest counting load
    SELECT learner_id, base_id, platform, arg_max(provider_text, (recorded_at, load_id)) AS provider_text,
           count(*) OVER (PARTITION BY learner_id, base_id) AS platforms
    FROM counting GROUP BY learner_id, base_id, platform
)
SELECT c.learner_id,
       CASE WHEN p.platforms = 1 OR c.platform = '' THEN c.base_id ELSE c.base_id || ' (' || p.provider_text || ')' END
           AS attempt_id,
       c.taken_at, c.provider, c.domain_id, c.correct, c.total, c.correct / c.total AS accuracy, c.load_id, c.line
FROM counting c JOIN spelt p USING (learner_id, base_id, platform)
ORDER BY c.learner_id, c.taken_at, attempt_id, c.domain_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.domain_scores.learner_id IS 'The learner who sat the attempt';
COMMENT ON COLUMN staging.domain_scores.attempt_id IS 'The mock exam attempt as the summary export names it (''… (<provider>)'' when the set counts from two platforms)';
COMMENT ON COLUMN staging.domain_scores.taken_at IS 'When the attempt was taken, local wall-clock time as exported';
COMMENT ON COLUMN staging.domain_scores.provider IS 'Practice platform as the export names it';
COMMENT ON COLUMN staging.domain_scores.domain_id IS 'Exam domain (staging.exam_domains.id) the domain label maps to';
COMMENT ON COLUMN staging.domain_scores.correct IS 'Questions of the domain answered right (percent × total, rounded, where only a percent is given)';
COMMENT ON COLUMN staging.domain_scores.total IS 'Questions of the domain in the attempt';
COMMENT ON COLUMN staging.domain_scores.accuracy IS 'correct / total, 0-1';
COMMENT ON COLUMN staging.domain_scores.load_id IS 'The attempt''s latest-recorded current load with valid rows (its export counts)';
COMMENT ON COLUMN staging.domain_scores.line IS '1-based line of the row in its file';
