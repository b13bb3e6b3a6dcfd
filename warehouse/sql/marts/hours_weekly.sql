-- Study minutes per learner, ISO week and domain (NULL domain = not mappable to one domain).
CREATE OR REPLACE TABLE marts.hours_weekly AS
SELECT learner_id, date_trunc('week', started_at)::DATE AS week, domain_id,
       sum(minutes) AS minutes, count(*) AS sessions
FROM staging.study_sessions
GROUP BY ALL
ORDER BY learner_id, week, domain_id;
