-- Study time entries that count, each with the minutes it counts: of two files' overlapping entries
-- the shared time only once, in the entry loaded last (staging.study_entries says how much of each).
-- In staging.study_entries' order (learner_id, started_at, path, line): DuckDB keeps a table's row
-- order through a filter, so the rows are not sorted again (400,000 in a cohort).
CREATE OR REPLACE TABLE staging.study_sessions AS
SELECT learner_id, started_at, counted_minutes AS minutes, description, project, tags, tool, domain_id, service,
       services, load_id, line,
       CASE WHEN NOT date_only THEN started_at + to_microseconds((minutes * 60e6)::BIGINT) END AS ended_at
FROM staging.study_entries
WHERE counted_minutes > 0;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.study_sessions.learner_id IS 'The learner who studied';
COMMENT ON COLUMN staging.study_sessions.started_at IS 'When the entry started, local wall-clock time as exported';
COMMENT ON COLUMN staging.study_sessions.minutes IS 'Minutes that count (staging.study_entries.counted_minutes, > 0): no minute counts twice across files';
COMMENT ON COLUMN staging.study_sessions.description IS 'The entry''s description as exported';
COMMENT ON COLUMN staging.study_sessions.project IS 'Project as exported (project / task where the tracker has a task)';
COMMENT ON COLUMN staging.study_sessions.tags IS 'Tags as exported';
COMMENT ON COLUMN staging.study_sessions.tool IS 'Where it was logged: toggl, clockify, plain (a plain hours log) or anki (review time)';
COMMENT ON COLUMN staging.study_sessions.domain_id IS 'Exam domain the description, project and tags name; NULL: none or several';
COMMENT ON COLUMN staging.study_sessions.service IS 'First blueprint service named in description, project and tags; NULL when none';
COMMENT ON COLUMN staging.study_sessions.services IS 'Every blueprint service named in description, project and tags (service coverage splits the minutes evenly among them); NULL when none';
COMMENT ON COLUMN staging.study_sessions.load_id IS 'The load the entry came from (staging.current_loads)';
COMMENT ON COLUMN staging.study_sessions.line IS '1-based line (or record) of the entry in its file';
COMMENT ON COLUMN staging.study_sessions.ended_at IS 'When the entry ended on the clock (started_at + the minutes it logs); NULL for an entry with a date but no time of day';
