-- One row per answered question that passed validation, from the latest export of its attempt.
-- A view over raw, not a copy: copying a cohort's 13M answers cost ~7 s of every build, and
-- the readers (marts, pages) each read it once (docs/performance.md). Rows keep raw's order.
CREATE OR REPLACE VIEW staging.answers AS
SELECT a.learner_id, a.attempt_id, a.taken_at, a.provider, a.question_id, a.domain_id, a.task_id,
       a.service, a.correct, a.seconds, a.confidence, a.source, a.load_id, a.line
FROM raw.answers a
JOIN staging.answer_exports USING (learner_id, attempt_id, load_id)
WHERE NOT EXISTS (SELECT 1 FROM raw.quarantine q
                  WHERE q.load_id = a.load_id AND q.table_name = 'answers' AND q.line = a.line
                    AND q.line_row IS NOT DISTINCT FROM a.line_row);
