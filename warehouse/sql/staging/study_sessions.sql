-- Study time entries; the same entry exported twice (overlapping exports) counts once.
CREATE OR REPLACE TABLE staging.study_sessions AS
WITH valid AS (
    SELECT s.*, l.recorded_at
    FROM raw.study_sessions s
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'study_sessions') q  -- held back
      ON q.load_id = s.load_id AND q.line = s.line AND q.line_row IS NOT DISTINCT FROM s.line_row
)
SELECT learner_id, started_at, minutes, description, project, tags, tool, domain_id, service,
       load_id, line
FROM valid
QUALIFY row_number() OVER (PARTITION BY learner_id, tool, started_at, minutes, description
                           ORDER BY recorded_at DESC, line) = 1
ORDER BY learner_id, started_at;
