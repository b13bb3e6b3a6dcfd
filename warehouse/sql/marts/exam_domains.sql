-- The exam's domains as the pages name them (staging.exam_domains, the blueprint's reference table).
-- A view: a projection of a few rows.
CREATE OR REPLACE VIEW marts.exam_domains AS
SELECT exam, id AS domain_id, name, weight FROM staging.exam_domains;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.exam_domains.exam IS 'Exam code (examready.yaml exam, e.g. DEA-C01)';
COMMENT ON COLUMN marts.exam_domains.domain_id IS 'Domain number in the exam guide (the domain_id of every other mart)';
COMMENT ON COLUMN marts.exam_domains.name IS 'Domain name in the exam guide';
COMMENT ON COLUMN marts.exam_domains.weight IS 'Share of the scored questions from the domain, 0-1';
