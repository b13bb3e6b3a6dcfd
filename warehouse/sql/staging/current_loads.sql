-- The version of each inbox file that counts: its latest successful load.
-- A file re-exported under the same name replaces the older version; a file taken back with
-- `examready forget` (a 'withdrawn' event after its loads) has none. Raw keeps every row.
CREATE OR REPLACE VIEW staging.current_loads AS
SELECT learner_id, load_id, path, format, recorded_at
FROM latest_file_events(true)  -- each path's latest load or withdrawal (warehouse/sql/latest_loads.sql)
WHERE status <> 'withdrawn';
-- Beside it, the learners taken out of the class with `examready forget --learner ID` (their latest
-- event in raw.learner_events is 'withdrawn'; `--undo` appends 'restored'). Every staging table that
-- reads the current loads leaves their rows out, so marts, pages and `examready learners` do too;
-- raw keeps them. A table, not a view: a change counts from the next run, in every table at once.
CREATE OR REPLACE TABLE staging.withdrawn_learners AS
SELECT learner_id FROM raw.withdrawn_learners ORDER BY learner_id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.current_loads.learner_id IS 'Learner the file was loaded under (the workspace''s; a cohort file''s rows carry their own)';
COMMENT ON COLUMN staging.current_loads.load_id IS 'The load that counts for the file: its latest loaded or replaced event in raw.file_events';
COMMENT ON COLUMN staging.current_loads.path IS 'The file''s path relative to the inbox (exams/…, hours/…, notes/…)';
COMMENT ON COLUMN staging.current_loads.format IS 'Format the file was read as, detected from its content (per_question_csv, toggl, markdown_notes…)';
COMMENT ON COLUMN staging.current_loads.recorded_at IS 'When that load was written, in UTC (before 3 Dec 2026: this machine''s local time), never before an earlier load; the latest per path counts';
COMMENT ON COLUMN staging.withdrawn_learners.learner_id IS 'A learner taken out with `examready forget --learner` (latest raw.learner_events row: withdrawn)';
