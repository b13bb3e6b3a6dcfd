-- Sections of the current version of each note, with the blueprint services they mention.
CREATE OR REPLACE TABLE staging.note_sections AS
SELECT n.learner_id, n.note_path, n.title, n.heading, n.level, n.words, n.note_date,
       n.services, n.warning, n.load_id, n.line
FROM raw.note_sections n
JOIN staging.current_loads l USING (learner_id, load_id)
ANTI JOIN staging.withdrawn_learners w ON w.learner_id = n.learner_id  -- taken out of the class
ANTI JOIN (SELECT load_id, line, line_row FROM raw.quarantine WHERE table_name = 'note_sections') q  -- held back
  ON q.load_id = n.load_id AND q.line = n.line AND q.line_row IS NOT DISTINCT FROM n.line_row
ORDER BY n.learner_id, n.note_path, n.line;
-- What each column is: DuckDB column comments, the Dagster UI's column descriptions (set again on each rebuild).
COMMENT ON COLUMN staging.note_sections.learner_id IS 'The learner whose notes these are';
COMMENT ON COLUMN staging.note_sections.note_path IS 'The note file''s path as it was read when loaded';
COMMENT ON COLUMN staging.note_sections.title IS 'The note''s title: front matter title, else the file name without its extension';
COMMENT ON COLUMN staging.note_sections.heading IS 'The section''s heading (the title for text above the first heading)';
COMMENT ON COLUMN staging.note_sections.level IS 'Heading level, 1-6 (0: text above the first heading)';
COMMENT ON COLUMN staging.note_sections.words IS 'Words in the section''s text (its heading not counted)';
COMMENT ON COLUMN staging.note_sections.note_date IS 'The note''s date from front matter (date, pubDate or created); NULL when none or unreadable';
COMMENT ON COLUMN staging.note_sections.services IS 'Blueprint services the heading or text mentions (names and aliases), in order of first mention; in the note''s first section with text, then those its front matter tags name';
COMMENT ON COLUMN staging.note_sections.warning IS 'Front matter problems of the note (an unreadable date, front matter not closed); NULL when none';
COMMENT ON COLUMN staging.note_sections.load_id IS 'The load the section came from (staging.current_loads)';
COMMENT ON COLUMN staging.note_sections.line IS '1-based line in the file where the section starts';
