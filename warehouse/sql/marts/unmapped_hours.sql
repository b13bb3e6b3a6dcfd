-- Study time that counts but names no single exam domain, per learner and description, project and
-- service: what the pages list as not mapped to a domain. A view: a page reads one learner's rows.
-- An Anki collection's review time is per deck and the reviewed notes' tags instead: its description only
-- counts the reviews ("30 Anki reviews"), so grouping by it would split a deck's time by review count.
CREATE OR REPLACE VIEW marts.unmapped_hours AS
SELECT learner_id, if(tool = 'anki', NULL, description) AS description, project, service,
       sum(minutes) / 60 AS hours, count(*) AS sessions, tool, if(tool = 'anki', tags, NULL) AS tags
FROM staging.study_sessions
WHERE domain_id IS NULL
GROUP BY ALL;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.unmapped_hours.learner_id IS 'The learner who studied';
COMMENT ON COLUMN marts.unmapped_hours.description IS 'The entries'' description as exported; NULL for Anki reviews (it counts them)';
COMMENT ON COLUMN marts.unmapped_hours.project IS 'Project as exported (project / task where the tracker has a task); an Anki collection''s deck';
COMMENT ON COLUMN marts.unmapped_hours.service IS 'First blueprint service the entries name; NULL when none';
COMMENT ON COLUMN marts.unmapped_hours.hours IS 'Study hours that count (no minute twice across files) with no domain: none or several named';
COMMENT ON COLUMN marts.unmapped_hours.sessions IS 'Study entries that count behind those hours';
COMMENT ON COLUMN marts.unmapped_hours.tool IS 'Where the entries were logged: toggl, clockify, plain (a plain hours log) or anki (review time)';
COMMENT ON COLUMN marts.unmapped_hours.tags IS 'The reviewed Anki notes'' tags (what the learner can add a domain to); NULL for other sources';
