-- Every answered question that counts, one row each: an attempt's questions for its page, and the
-- service labels the pages call ambiguous. A view over staging.answers (itself a view over raw):
-- a projection, so nothing is copied (a cohort's 13M answers, docs/performance.md), and a page reads
-- one learner's rows. Learners taken out of the class (`forget --learner`) are not in staging.answers.
CREATE OR REPLACE VIEW marts.answer_detail AS
SELECT learner_id, attempt_id, taken_at, provider, question_id, domain_id, task_id, services, service_label,
       correct, seconds, source, line, line_row
FROM staging.answers;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.answer_detail.learner_id IS 'The learner who answered';
COMMENT ON COLUMN marts.answer_detail.attempt_id IS 'The attempt (marts.attempts.attempt_id for a mock exam; ''anki-<day>'' for a day''s flashcard reviews)';
COMMENT ON COLUMN marts.answer_detail.taken_at IS 'When the attempt was taken (Anki: the review), local wall-clock time as exported';
COMMENT ON COLUMN marts.answer_detail.provider IS 'Practice platform as the export names it (Udemy, Tutorials Dojo, Moodle, Anki…)';
COMMENT ON COLUMN marts.answer_detail.question_id IS 'The question''s id in its export (Anki: ''note-<note id>'')';
COMMENT ON COLUMN marts.answer_detail.domain_id IS 'Exam domain the question counts in; NULL when its labels name none';
COMMENT ON COLUMN marts.answer_detail.task_id IS 'Task statement the task label maps to; NULL when none';
COMMENT ON COLUMN marts.answer_detail.services IS 'Every blueprint service the service label names (''Athena; S3'': both); NULL when none';
COMMENT ON COLUMN marts.answer_detail.service_label IS 'The service as the export wrote it';
COMMENT ON COLUMN marts.answer_detail.correct IS 'Whether the answer was right (Anki: any answer but Again)';
COMMENT ON COLUMN marts.answer_detail.seconds IS 'Time spent on the question, seconds; NULL where the export has none';
COMMENT ON COLUMN marts.answer_detail.source IS 'mock (exam-style question), moodle (a Moodle quiz) or anki (a flashcard review)';
COMMENT ON COLUMN marts.answer_detail.line IS '1-based line (or record) of the row in its file';
COMMENT ON COLUMN marts.answer_detail.line_row IS 'Row within its line: 0 where a line is one row (a Moodle line holds an attempt); NULL in older loads';
