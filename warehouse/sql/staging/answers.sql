-- One row per answered question that passed validation, from the latest export of its attempt.
-- A view over raw, not a copy: copying a cohort's 13M answers cost ~7 s of every build, and
-- the readers (marts, pages) each read it once (docs/performance.md). Unordered: every
-- reader orders what it reads, down to line_row (a Moodle line holds a whole attempt).
-- Current loads' rows less superseded exports (usually none) and quarantined rows: the rows a join
-- to staging.answer_exports keeps, without that join's per-row hashing of three text keys.
-- service: the one exam service the service label names; services: every one it names ('Athena; S3'),
-- each counted in coverage (NULL: none); a row read by older rules has only `service`.
CREATE OR REPLACE VIEW staging.answers AS
SELECT a.learner_id, a.attempt_id, a.taken_at, a.provider, a.question_id, a.domain_id, a.task_id,
       a.service, coalesce(a.services, CASE WHEN a.service IS NOT NULL THEN [a.service] END) AS services,
       a.service_label, a.correct, a.seconds, a.confidence, a.source, a.load_id, a.line, a.line_row
FROM raw.answers a
SEMI JOIN staging.current_loads USING (load_id)
ANTI JOIN staging.superseded_exports USING (learner_id, attempt_id, load_id)
ANTI JOIN staging.withdrawn_learners w ON w.learner_id = a.learner_id  -- taken out of the class
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'answers') q  -- held back
  ON q.load_id = a.load_id AND q.line = a.line AND q.line_row IS NOT DISTINCT FROM a.line_row
WHERE a.attempt_id IS NOT NULL;  -- as the join to answer_exports: an attempt without an id is no export
COMMENT ON COLUMN staging.answers.services IS 'Every blueprint service the service label names (''Athena; S3'': both), each counted in coverage; NULL when none';
