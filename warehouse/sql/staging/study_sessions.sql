-- Study time entries that count: each entry once, and of two files' overlapping entries only the
-- one loaded last (staging.study_entries names the others).
CREATE OR REPLACE TABLE staging.study_sessions AS
SELECT learner_id, started_at, minutes, description, project, tags, tool, domain_id, service, load_id, line
FROM staging.study_entries
WHERE overlaps_path IS NULL
ORDER BY learner_id, started_at, path, line;
