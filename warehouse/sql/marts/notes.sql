-- One row per learner and note: its sections, words and the services it mentions (the coverage page's
-- notes). A view: a page reads one learner's notes, so only theirs are summed, as often as pages are built.
CREATE OR REPLACE VIEW marts.notes AS
SELECT n.learner_id, n.title, n.note_path, l.path AS file, min(n.note_date) AS note_date, count(*) AS sections,
       sum(n.words) AS words, list_sort(list_distinct(flatten(list(n.services)))) AS services
FROM staging.note_sections n
JOIN staging.current_loads l USING (learner_id, load_id)
GROUP BY n.learner_id, n.title, n.note_path, l.path;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN marts.notes.learner_id IS 'The learner whose note it is';
COMMENT ON COLUMN marts.notes.title IS 'The note''s title: front matter title, else the file name without its extension';
COMMENT ON COLUMN marts.notes.note_path IS 'The note file''s path as it was read when loaded';
COMMENT ON COLUMN marts.notes.file IS 'The note file''s path relative to the inbox (notes/…), as the ledger has it';
COMMENT ON COLUMN marts.notes.note_date IS 'The note''s date from front matter; NULL when none or unreadable';
COMMENT ON COLUMN marts.notes.sections IS 'Sections of the note (a heading each, and the text above the first)';
COMMENT ON COLUMN marts.notes.words IS 'Words in the note''s sections (headings not counted)';
COMMENT ON COLUMN marts.notes.services IS 'Blueprint services any section mentions, by name';
