-- Study time entries that count, each with the minutes it counts: of two files' overlapping entries
-- the shared time only once, in the entry loaded last (staging.study_entries says how much of each).
CREATE OR REPLACE TABLE staging.study_sessions AS
SELECT learner_id, started_at, counted_minutes AS minutes, description, project, tags, tool, domain_id, service,
       load_id, line
FROM staging.study_entries
WHERE counted_minutes > 0
ORDER BY learner_id, started_at, path, line;
