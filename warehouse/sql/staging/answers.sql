-- One row per answered question that passed validation, from the latest export of its attempt.
-- A view over raw, not a copy: copying a cohort's 13M answers cost ~7 s of every build, and
-- the readers (marts, pages) each read it once (docs/performance.md). Unordered: every
-- reader orders what it reads, down to line_row (a Moodle line holds a whole attempt).
-- Current loads' rows less superseded exports (usually none; by learner, attempt, load and platform,
-- staging.answer_exports.sql) and quarantined rows: the rows a join
-- to staging.answer_exports keeps, without that join's per-row hashing of three text keys.
-- service: the one exam service the service label names; services: every one it names ('Athena; S3'),
-- each counted in coverage (NULL: none); a row read by older rules has only `service`.
CREATE OR REPLACE VIEW staging.answers AS
SELECT a.learner_id, coalesce(v.shown_id, a.attempt_id) AS attempt_id, a.taken_at, a.provider, a.question_id, a.domain_id, a.task_id,
       a.service, coalesce(a.services, CASE WHEN a.service IS NOT NULL THEN [a.service] END) AS services,
       a.service_label, a.correct, a.seconds, a.confidence, a.source, a.load_id, a.line, a.line_row
FROM raw.answers a
SEMI JOIN staging.current_loads USING (load_id)
ANTI JOIN staging.superseded_exports s  -- the platform a residual test on the (usually no) matches
  ON s.learner_id = a.learner_id AND s.attempt_id = a.attempt_id AND s.load_id = a.load_id
 AND s.platform = platform_key(a.provider)
LEFT JOIN staging.shown_attempts v  -- a set counting from two platforms' files: '<id> (<provider>)'
  ON v.learner_id = a.learner_id AND v.attempt_id = a.attempt_id AND v.load_id = a.load_id
 AND v.platform = platform_key(a.provider)
ANTI JOIN staging.withdrawn_learners w ON w.learner_id = a.learner_id  -- taken out of the class
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
  ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
WHERE a.attempt_id IS NOT NULL;  -- as the join to answer_exports: an attempt without an id is no export
COMMENT ON COLUMN staging.answers.services IS 'Every blueprint service the service label names (''Athena; S3'': both), each counted in coverage; NULL when none';
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.answers.learner_id IS 'The learner who answered (a cohort file''s learner column, else the workspace''s learner)';
COMMENT ON COLUMN staging.answers.attempt_id IS 'The attempt: a mock exam sitting (''<set> YYYY-MM-DD'', ''… (<provider>)'' when the set counts from two platforms), a Moodle attempt, or ''anki-<day>'' for a day''s flashcard reviews';
COMMENT ON COLUMN staging.answers.taken_at IS 'When the attempt was taken (Anki: the review), local wall-clock time as exported';
COMMENT ON COLUMN staging.answers.provider IS 'Practice platform as the export names it (Udemy, Tutorials Dojo, Moodle, Anki…)';
COMMENT ON COLUMN staging.answers.question_id IS 'The question''s id in its export (Anki: ''note-<note id>'')';
COMMENT ON COLUMN staging.answers.domain_id IS 'Exam domain (staging.exam_domains.id) from the domain label, else the task, else the service';
COMMENT ON COLUMN staging.answers.task_id IS 'Task statement (staging.exam_tasks.id) the task label maps to; NULL when none';
COMMENT ON COLUMN staging.answers.service IS 'Blueprint service (staging.exam_services.name) the service label maps to; NULL when none or several';
COMMENT ON COLUMN staging.answers.service_label IS 'The service as the export wrote it';
COMMENT ON COLUMN staging.answers.correct IS 'Whether the answer was right (Anki: any answer but Again)';
COMMENT ON COLUMN staging.answers.seconds IS 'Time spent on the question, seconds; NULL where the export has none';
COMMENT ON COLUMN staging.answers.confidence IS 'The learner''s confidence as exported: a percent as 0-1, any other number as written (e.g. 1-5)';
COMMENT ON COLUMN staging.answers.source IS 'mock (exam-style question), moodle (a Moodle quiz) or anki (a flashcard review)';
COMMENT ON COLUMN staging.answers.load_id IS 'The load the row came from (staging.current_loads, raw.file_events)';
COMMENT ON COLUMN staging.answers.line IS '1-based line (or record) of the row in its file';
COMMENT ON COLUMN staging.answers.line_row IS 'Row within its line: 0 where a line is one row (a Moodle line holds an attempt); NULL in older loads';
