-- Valid study-time entries of the current loads, the same entry exported twice counted once, and
-- for each entry the entry of another file it overlaps, if any: the same hour logged in two
-- trackers (or an entry edited and exported again) must not count twice. The entry of the file
-- loaded last counts; the other is listed by `examready quarantine` and left out of study_sessions.
CREATE OR REPLACE TABLE staging.study_entries AS
WITH valid AS (
    SELECT s.*, l.recorded_at, l.path
    FROM raw.study_sessions s
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    ANTI JOIN staging.withdrawn_learners w ON w.learner_id = s.learner_id  -- taken out of the class
    ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'study_sessions') q  -- held back
      ON q.load_id = s.load_id AND q.line = s.line AND q.line_row IS NOT DISTINCT FROM s.line_row
),
entries AS (
    SELECT learner_id, started_at, minutes, description, project, tags, tool, domain_id, service,
           load_id, line, line_row, path, recorded_at,
           started_at + to_microseconds((minutes * 60e6)::BIGINT) AS ended_at
    FROM valid
    QUALIFY row_number() OVER (PARTITION BY learner_id, tool, started_at, minutes, description
                               ORDER BY recorded_at DESC, line) = 1
),
in_several_files AS (  -- only these learners can have entries of two files overlapping (a cohort: none)
    SELECT learner_id FROM entries GROUP BY learner_id HAVING count(DISTINCT load_id) > 1
),
candidates AS (SELECT * FROM entries SEMI JOIN in_several_files USING (learner_id)),
overlapped AS (  -- each entry's first overlapping entry among files loaded after its own
    SELECT e.load_id, e.line, e.line_row, later.path AS overlaps_path, later.line AS overlaps_line
    FROM candidates e JOIN candidates later
      ON later.learner_id = e.learner_id AND later.started_at < e.ended_at AND e.started_at < later.ended_at
     AND (later.recorded_at, later.load_id) > (e.recorded_at, e.load_id)
    QUALIFY row_number() OVER (PARTITION BY e.load_id, e.line, e.line_row
                               ORDER BY later.recorded_at DESC, later.path, later.line) = 1
)
SELECT e.* EXCLUDE (ended_at, recorded_at), o.overlaps_path, o.overlaps_line
FROM entries e LEFT JOIN overlapped o
  ON o.load_id = e.load_id AND o.line = e.line AND o.line_row IS NOT DISTINCT FROM e.line_row
ORDER BY e.learner_id, e.started_at, e.path, e.line;
