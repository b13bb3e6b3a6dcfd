-- Study minutes per learner, ISO week and domain (NULL domain = not mappable to one domain). An entry
-- running past the end of its start week (Sunday 23:00 to Monday 01:00) counts in both weeks: its
-- counted minutes are split by the share of its time on the clock in each (an entry is at most 24 h:
-- two weeks at most). An entry with a date but no time of day (ended_at NULL) counts in its day's week.
CREATE OR REPLACE TABLE marts.hours_weekly AS
WITH timed AS (
    SELECT learner_id, domain_id, minutes, started_at, date_trunc('week', started_at) AS week,
           CASE WHEN ended_at > date_trunc('week', started_at) + INTERVAL 7 DAY
                THEN round(minutes * (epoch_us(date_trunc('week', started_at) + INTERVAL 7 DAY) - epoch_us(started_at))
                           / (epoch_us(ended_at) - epoch_us(started_at)), 6)
                ELSE minutes END AS in_week
    FROM staging.study_sessions
),
parts AS (
    SELECT learner_id, week, domain_id, in_week AS minutes FROM timed
    UNION ALL
    SELECT learner_id, week + INTERVAL 7 DAY, domain_id, minutes - in_week FROM timed WHERE in_week < minutes
)
SELECT learner_id, week::DATE AS week, domain_id, sum(minutes) AS minutes, count(*) AS sessions
FROM parts
GROUP BY ALL
ORDER BY learner_id, week, domain_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.hours_weekly.learner_id IS 'The learner';
COMMENT ON COLUMN marts.hours_weekly.week IS 'Monday of the ISO week the minutes fall in (an entry running into the next week counts in both)';
COMMENT ON COLUMN marts.hours_weekly.domain_id IS 'Exam domain of the entries; NULL: not mappable to one domain';
COMMENT ON COLUMN marts.hours_weekly.minutes IS 'Minutes studied that count in that week (staging.study_sessions.minutes, an entry running past Sunday midnight split by its time on the clock in each week)';
COMMENT ON COLUMN marts.hours_weekly.sessions IS 'Study entries that count with minutes in that week and domain (an entry running into the next week counts in both)';
