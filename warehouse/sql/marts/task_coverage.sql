-- Every task statement against the learner's practice questions and the hours of its domain.
-- gap: no practice question of the task. measured: false when the learner has practice evidence but
-- none of it names a task statement (exports without a task column, domain summaries): a task's 0
-- questions then say nothing about it (docs/cli.md, `gaps --json`).
CREATE OR REPLACE TABLE marts.task_coverage AS
WITH practice AS (
    SELECT learner_id, task_id, count(*) AS questions, avg(correct::INTEGER) AS accuracy
    FROM staging.answers WHERE task_id IS NOT NULL GROUP BY ALL
),
labelled AS (  -- from the evidence mart (a row per learner × domain × task × attempt), not the answers again
    SELECT learner_id, bool_or(task_id IS NOT NULL) AS any_task FROM marts.domain_evidence GROUP BY ALL
),
domain_hours AS (
    SELECT learner_id, domain_id, sum(minutes) / 60 AS hours
    FROM staging.study_sessions WHERE domain_id IS NOT NULL GROUP BY ALL
)
SELECT l.learner_id, t.id, t.domain_id, t.name,
       coalesce(p.questions, 0) AS questions, p.accuracy, coalesce(h.hours, 0) AS domain_hours,
       CASE WHEN coalesce(p.questions, 0) = 0 THEN 'gap'
            WHEN p.questions >= 3 AND p.accuracy >= 0.7 THEN 'covered'
            ELSE 'weak' END AS status,
       coalesce(e.any_task, true) AS measured
FROM staging.learners l CROSS JOIN staging.exam_tasks t
LEFT JOIN practice p ON p.learner_id = l.learner_id AND p.task_id = t.id
LEFT JOIN labelled e ON e.learner_id = l.learner_id
LEFT JOIN domain_hours h ON h.learner_id = l.learner_id AND h.domain_id = t.domain_id
ORDER BY l.learner_id, t.id;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.task_coverage.learner_id IS 'A learner (staging.learners): each has a row per task statement';
COMMENT ON COLUMN marts.task_coverage.id IS 'Task statement id, ''<domain>.<n>'' (staging.exam_tasks.id)';
COMMENT ON COLUMN marts.task_coverage.domain_id IS 'The task''s exam domain';
COMMENT ON COLUMN marts.task_coverage.name IS 'The task statement';
COMMENT ON COLUMN marts.task_coverage.questions IS 'Practice answers of the task (every source, flashcards included)';
COMMENT ON COLUMN marts.task_coverage.accuracy IS 'Share of those answered right, 0-1; NULL without answers';
COMMENT ON COLUMN marts.task_coverage.domain_hours IS 'Study hours that count in the task''s domain (hours name domains, not tasks)';
COMMENT ON COLUMN marts.task_coverage.status IS 'gap: no answer of the task; covered: 3+ answers, 70%+ right; else weak';
COMMENT ON COLUMN marts.task_coverage.measured IS 'false: the learner has practice evidence but none names a task, so 0 answers say nothing';
