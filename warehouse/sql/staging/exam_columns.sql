-- What the exam blueprint's reference tables' columns are: DuckDB column comments, which the Dagster UI
-- shows as the column descriptions of staging.exam_domains, exam_tasks and exam_services. Run after each
-- write (CREATE OR REPLACE TABLE drops them).
COMMENT ON COLUMN staging.exam_domains.exam IS 'Exam code (examready.yaml exam, e.g. DEA-C01)';
COMMENT ON COLUMN staging.exam_domains.id IS 'Domain number in the exam guide';
COMMENT ON COLUMN staging.exam_domains.name IS 'Domain name in the exam guide';
COMMENT ON COLUMN staging.exam_domains.weight IS 'Share of the scored questions from the domain, 0-1 (the guide''s % of scored content)';
COMMENT ON COLUMN staging.exam_tasks.exam IS 'Exam code';
COMMENT ON COLUMN staging.exam_tasks.id IS 'Task statement id, ''<domain>.<n>''';
COMMENT ON COLUMN staging.exam_tasks.domain_id IS 'The task''s domain (staging.exam_domains.id)';
COMMENT ON COLUMN staging.exam_tasks.name IS 'The task statement as the exam guide words it';
COMMENT ON COLUMN staging.exam_services.exam IS 'Exam code';
COMMENT ON COLUMN staging.exam_services.name IS 'In-scope service''s canonical name (labels and mentions map to it)';
COMMENT ON COLUMN staging.exam_services.aliases IS 'Other names matched as the service (whole words, any case)';
COMMENT ON COLUMN staging.exam_services.domains IS 'Exam domains the service belongs to (staging.exam_domains.id)';
COMMENT ON COLUMN staging.exam_services.category IS 'The service''s category in the exam guide''s in-scope list (Analytics, Database…)';
