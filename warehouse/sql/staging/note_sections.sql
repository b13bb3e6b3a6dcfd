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
