-- Study minutes per learner, ISO week and domain (NULL domain = not mappable to one domain).
CREATE OR REPLACE TABLE marts.hours_weekly AS
SELECT learner_id, date_trunc('week', started_at)::DATE AS week, domain_id,
       sum(minutes) AS minutes, count(*) AS sessions
FROM staging.study_sessions
GROUP BY ALL
ORDER BY learner_id, week, domain_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.hours_weekly.learner_id IS 'The learner';
COMMENT ON COLUMN marts.hours_weekly.week IS 'Monday of the ISO week the entries started in';
COMMENT ON COLUMN marts.hours_weekly.domain_id IS 'Exam domain of the entries; NULL: not mappable to one domain';
COMMENT ON COLUMN marts.hours_weekly.minutes IS 'Minutes studied that count (sum of staging.study_sessions.minutes)';
COMMENT ON COLUMN marts.hours_weekly.sessions IS 'Study entries that count, in that week and domain';
