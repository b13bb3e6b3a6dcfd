-- Every in-scope service against the learner's notes, practice and hours.
-- gap: never studied; weak: studied but under 3 practice questions or under 70 % correct.
CREATE OR REPLACE TABLE marts.service_coverage AS
WITH notes AS (
    SELECT learner_id, service, count(*) AS note_sections
    FROM (SELECT learner_id, unnest(services) AS service FROM staging.note_sections)
    GROUP BY ALL
),
practice AS (  -- a question naming several services ('Athena; S3') practises each
    SELECT learner_id, service, count(*) AS questions, avg(correct::INTEGER) AS accuracy
    FROM (SELECT learner_id, unnest(services) AS service, correct FROM staging.answers WHERE services IS NOT NULL)
    GROUP BY ALL
),
hours AS (  -- an entry naming several services ('Lake Formation and Macie') studies each: its minutes are
    -- split evenly among them, so the services' hours add up to the entry's, as in its domain's (no minute twice)
    SELECT learner_id, service, sum(minutes / len(services)) / 60 AS hours
    FROM (SELECT learner_id, minutes, services, unnest(services) AS service
          FROM staging.study_sessions WHERE services IS NOT NULL)
    GROUP BY ALL
)
SELECT l.learner_id, s.name, s.category, s.domains,
       coalesce(n.note_sections, 0) AS note_sections, coalesce(p.questions, 0) AS questions,
       p.accuracy, coalesce(h.hours, 0) AS hours,
       CASE WHEN coalesce(n.note_sections, 0) + coalesce(p.questions, 0) + coalesce(h.hours, 0) = 0 THEN 'gap'
            WHEN coalesce(p.questions, 0) >= 3 AND p.accuracy >= 0.7 THEN 'covered'
            ELSE 'weak' END AS status
FROM (SELECT learner_id, row_number() OVER (ORDER BY learner_id) AS learner_order FROM staging.learners) l
CROSS JOIN (SELECT *, row_number() OVER (ORDER BY name) AS name_order FROM staging.exam_services) s
LEFT JOIN notes n ON n.learner_id = l.learner_id AND n.service = s.name
LEFT JOIN practice p ON p.learner_id = l.learner_id AND p.service = s.name
LEFT JOIN hours h ON h.learner_id = l.learner_id AND h.service = s.name
ORDER BY l.learner_order, s.name_order;  -- (learner_id, name) as integers: sorting 720k rows by two texts cost more
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.service_coverage.learner_id IS 'A learner (staging.learners): each has a row per in-scope service';
COMMENT ON COLUMN marts.service_coverage.name IS 'In-scope service (staging.exam_services.name)';
COMMENT ON COLUMN marts.service_coverage.category IS 'The service''s category in the exam guide (Analytics, Database…)';
COMMENT ON COLUMN marts.service_coverage.domains IS 'Exam domains the service belongs to (staging.exam_domains.id)';
COMMENT ON COLUMN marts.service_coverage.note_sections IS 'Note sections that mention the service';
COMMENT ON COLUMN marts.service_coverage.questions IS 'Practice answers of the service (every source, flashcards included)';
COMMENT ON COLUMN marts.service_coverage.accuracy IS 'Share of those answered right, 0-1; NULL without answers';
COMMENT ON COLUMN marts.service_coverage.hours IS 'Study hours that count of the entries naming the service; an entry naming n services gives each 1/n of its hours';
COMMENT ON COLUMN marts.service_coverage.status IS 'gap: no notes, answers or hours; covered: 3+ answers, 70%+ right; else weak';
