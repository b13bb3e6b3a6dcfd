-- Valid study-time entries of the current loads, and for each entry how many of its minutes count:
-- the same hour logged in two trackers must not count twice. The same entry exported in two files
-- (same tool, start, minutes and description) counts in its latest-loaded row; each earlier file's
-- copy stays here, counting 0, with the file and line of the copy that counts (listed, not dropped).
-- Time an entry shares with entries of files loaded after its own is theirs; it keeps
-- the minutes no later entry covers (the union of the later entries' intervals within its own is
-- taken off once). An entry that a later one of the same tool and description overlaps is that
-- entry edited and exported again: it counts 0. An entry with a date but no time of day (a plain
-- log's, `date_only`) has no place on the clock: it overlaps nothing and nothing overlaps it; only a
-- later-loaded file's date-only entry of the same day, minutes and description (case and spaces aside)
-- is the same entry exported again, and it counts 0. `examready quarantine` lists every entry that
-- counts less than its minutes, with the latest-loaded entry it overlaps (an earlier file's copy of an entry: the copy that counts).
-- Where the workspace's clocks change (a repeated or skipped hour) two entries share only the time they share
-- in every reading: on the wall clock as written and on the real clock with each start at either UTC offset
-- raw keeps for it (utc_offset_min/max; NULL in rows read by older rules: the wall clock alone).
CREATE OR REPLACE TABLE staging.study_entries AS
WITH valid AS (
    SELECT s.*, l.recorded_at, l.path
    FROM raw.study_sessions s
    JOIN staging.current_loads l USING (load_id)  -- rows of a cohort file carry their own learner_id
    ANTI JOIN staging.withdrawn_learners w ON w.learner_id = s.learner_id  -- taken out of the class
    ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'study_sessions') q  -- held back
      ON q.load_id = s.load_id AND q.line = s.line AND q.line_row IS NOT DISTINCT FROM s.line_row
),
repeated AS (  -- entries exported more than once (a cohort: none): only their rows need ranking
    SELECT learner_id, tool, started_at, minutes, description FROM valid GROUP BY ALL HAVING count(*) > 1
),
ranked AS (  -- the repeated entries' rows, the latest-loaded first, each with that row's file and line
    SELECT v.*, row_number() OVER copies AS copy_rank, first_value(v.load_id) OVER copies AS kept_load,
           first_value(v.path) OVER copies AS kept_path, first_value(v.line) OVER copies AS kept_line
    FROM valid v
    SEMI JOIN repeated r ON r.learner_id = v.learner_id AND r.tool IS NOT DISTINCT FROM v.tool
     AND r.started_at IS NOT DISTINCT FROM v.started_at AND r.minutes IS NOT DISTINCT FROM v.minutes
     AND r.description IS NOT DISTINCT FROM v.description
    WINDOW copies AS (PARTITION BY learner_id, tool, started_at, minutes, description ORDER BY recorded_at DESC, line)
),
latest AS (  -- each entry once (of the same entry exported twice, the latest-loaded row), and earlier files' copies
    SELECT v.*, false AS earlier_copy FROM valid v
    ANTI JOIN repeated r ON r.learner_id = v.learner_id AND r.tool IS NOT DISTINCT FROM v.tool
     AND r.started_at IS NOT DISTINCT FROM v.started_at AND r.minutes IS NOT DISTINCT FROM v.minutes
     AND r.description IS NOT DISTINCT FROM v.description
    UNION ALL BY NAME
    SELECT * EXCLUDE (copy_rank, kept_load, kept_path, kept_line), copy_rank > 1 AS earlier_copy FROM ranked
    WHERE copy_rank = 1 OR load_id <> kept_load  -- an earlier file's copy stays, counting 0 (listed, not dropped)
),
exported_again AS (  -- an earlier file's copy of an entry a later-loaded file repeats: counts 0, listed
    SELECT load_id, line, line_row, NULL::HUGEINT AS covered_us, true AS edited,
           kept_path AS overlaps_path, kept_line AS overlaps_line
    FROM ranked WHERE copy_rank > 1 AND load_id <> kept_load
),
entries AS (
    SELECT learner_id, started_at, minutes, description, project, tags, tool, domain_id, service,
           coalesce(services, CASE WHEN service IS NOT NULL THEN [service] END) AS services, load_id, line, line_row, path, recorded_at, coalesce(date_only, false) AS date_only,
           started_at + to_microseconds((minutes * 60e6)::BIGINT) AS ended_at, earlier_copy,
           epoch_us(started_at) AS w_us, (minutes * 60e6)::BIGINT AS d_us, utc_offset_min AS lo, utc_offset_max AS hi
    FROM latest
),
in_several_files AS (  -- only these learners can have entries of two files overlapping (a cohort: none)
    SELECT learner_id FROM entries GROUP BY learner_id HAVING count(DISTINCT load_id) > 1
),
candidates AS (  -- an earlier copy of a repeated entry adds nothing: the copy counting covers the same time
    SELECT * FROM entries SEMI JOIN in_several_files USING (learner_id) WHERE NOT date_only AND NOT earlier_copy
),
days AS (  -- date-only entries, their description as compared: case and runs of spaces aside
    SELECT *, lower(regexp_replace(trim(description), '\s+', ' ', 'g')) AS topic
    FROM entries SEMI JOIN in_several_files USING (learner_id) WHERE date_only AND NOT earlier_copy
),
logged_again AS (  -- a date-only entry a later-loaded file's date-only entry repeats (day, minutes, description)
    SELECT e.load_id, e.line, e.line_row, NULL::HUGEINT AS covered_us, true AS edited,
           first(later.path ORDER BY later.recorded_at DESC, later.path, later.line) AS overlaps_path,
           first(later.line ORDER BY later.recorded_at DESC, later.path, later.line) AS overlaps_line
    FROM days e JOIN days later
      ON later.learner_id = e.learner_id AND later.started_at = e.started_at AND later.minutes = e.minutes
     AND later.topic IS NOT DISTINCT FROM e.topic AND (later.recorded_at, later.load_id) > (e.recorded_at, e.load_id)
    GROUP BY ALL
),
covering AS (  -- each entry's overlaps with entries of files loaded after its own, on the wall clock
    SELECT e.load_id, e.line, e.line_row, later.path AS later_path, later.line AS later_line, later.recorded_at,
           e.w_us, e.d_us, later.w_us AS later_w_us, later.d_us AS later_d_us,
           -- offsets compared only within an hour of each other (one zone's clock change moves an offset by an hour
           -- at most); those of two zones (the workspace's timezone changed between the loads) or of older rows
           -- (NULL) are left out: the wall clock alone
           abs(e.lo - later.lo) <= 60 AND abs(e.hi - later.hi) <= 60 AS one_zone,
           if(one_zone, e.lo, NULL) AS lo, if(one_zone, e.hi, NULL) AS hi,
           if(one_zone, later.lo, NULL) AS later_lo, if(one_zone, later.hi, NULL) AS later_hi,
           later.tool = e.tool AND later.description IS NOT DISTINCT FROM e.description AS edited
    FROM candidates e JOIN candidates later
      ON later.learner_id = e.learner_id AND later.started_at < e.ended_at AND e.started_at < later.ended_at
     AND (later.recorded_at, later.load_id) > (e.recorded_at, e.load_id)
),
readings AS (  -- what the later entry shares with the entry in every reading (sources/sure_overlap.sql): on the wall clock
               -- as written, and on the real clock with each start at either UTC offset it can have
    SELECT *, sure_overlap_us(w_us, d_us, lo, hi, later_w_us, later_d_us, later_lo, later_hi) AS sure_us
    FROM covering
),
clipped AS (  -- the overlap sure in every reading (the shortest), from where it starts on the entry's clock: none when not positive
    SELECT load_id, line, line_row, later_path, later_line, recorded_at, edited,
           sure_overlap_from(w_us, d_us, lo, hi, later_w_us, later_d_us, later_lo, later_hi, sure_us) AS from_us, sure_us
    FROM readings WHERE sure_us > 0
),
pieces AS (  -- what each overlap adds to the covered time: its part after the furthest end of those starting before
    SELECT *, greatest(to_us - greatest(from_us, coalesce(max(to_us) OVER (
               PARTITION BY load_id, line, line_row ORDER BY from_us, to_us, later_path, later_line
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), from_us)), 0) AS added_us
    FROM (SELECT *, from_us + sure_us AS to_us FROM clipped)
),
overlapped AS (
    SELECT load_id, line, line_row, sum(added_us) AS covered_us, bool_or(edited) AS edited,
           first(later_path ORDER BY recorded_at DESC, later_path, later_line) AS overlaps_path,  -- the latest-loaded
           first(later_line ORDER BY recorded_at DESC, later_path, later_line) AS overlaps_line
    FROM pieces GROUP BY ALL
    UNION ALL BY NAME SELECT * FROM logged_again  -- counts 0, as an edited entry does
    UNION ALL BY NAME SELECT * FROM exported_again
)
SELECT e.* EXCLUDE (ended_at, recorded_at, earlier_copy, w_us, d_us, lo, hi), o.overlaps_path, o.overlaps_line,
       CASE WHEN o.load_id IS NULL THEN e.minutes
            WHEN o.edited OR o.covered_us >= epoch_us(e.ended_at) - epoch_us(e.started_at) THEN 0.0
            ELSE round(e.minutes - o.covered_us / 60e6, 6) END AS counted_minutes
FROM entries e LEFT JOIN overlapped o
  ON o.load_id = e.load_id AND o.line = e.line AND o.line_row IS NOT DISTINCT FROM e.line_row
ORDER BY e.learner_id, e.started_at, e.path, e.line;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.study_entries.learner_id IS 'The learner who studied (a cohort file''s learner column, else the workspace''s learner)';
COMMENT ON COLUMN staging.study_entries.started_at IS 'When the entry started, local wall-clock time as exported';
COMMENT ON COLUMN staging.study_entries.minutes IS 'Minutes the entry logs';
COMMENT ON COLUMN staging.study_entries.description IS 'The entry''s description as exported';
COMMENT ON COLUMN staging.study_entries.project IS 'Project as exported, with the tracker''s task after it (project / task) where there is one';
COMMENT ON COLUMN staging.study_entries.tags IS 'Tags as exported';
COMMENT ON COLUMN staging.study_entries.tool IS 'Where it was logged: toggl, clockify, plain (a plain hours log) or anki (review time)';
COMMENT ON COLUMN staging.study_entries.domain_id IS 'Exam domain the description, project and tags name (a domain, a task, services of one domain); NULL: none or several';
COMMENT ON COLUMN staging.study_entries.service IS 'First blueprint service named in description, project and tags; NULL when none';
COMMENT ON COLUMN staging.study_entries.services IS 'Every blueprint service named in description, project and tags, in order; NULL when none';
COMMENT ON COLUMN staging.study_entries.load_id IS 'The load the entry came from (staging.current_loads)';
COMMENT ON COLUMN staging.study_entries.line IS '1-based line (or record) of the entry in its file';
COMMENT ON COLUMN staging.study_entries.line_row IS 'Row within its line (0 where a line is one row); NULL in older loads';
COMMENT ON COLUMN staging.study_entries.path IS 'The entry''s file, relative to the inbox';
COMMENT ON COLUMN staging.study_entries.date_only IS 'True when its file gives a date but no time of day (started_at is that day''s 00:00): it overlaps no entry';
COMMENT ON COLUMN staging.study_entries.overlaps_path IS 'File of the latest-loaded later entry overlapping it (a date-only entry: repeating it); NULL when none does';
COMMENT ON COLUMN staging.study_entries.overlaps_line IS 'Line of that entry in overlaps_path';
COMMENT ON COLUMN staging.study_entries.counted_minutes IS 'Minutes that count: minutes less the union of later files'' entries within it; 0 if all covered, edited, or (date-only) the same day, minutes and description in a later file';
