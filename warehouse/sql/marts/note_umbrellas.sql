-- Umbrella words the current notes say ('Kinesis shards', a tag `kinesis`), per learner: each counts for none of the services it
-- could be, so the pages and `examready gaps` say which notes could cover a gap. Written by
-- warehouse/note_umbrellas.py (the words are found in Python, as `run` finds them when it reads a note).
CREATE OR REPLACE TABLE marts.note_umbrellas (
    learner_id VARCHAR, word VARCHAR, services VARCHAR[], titles VARCHAR[], files VARCHAR[]);
COMMENT ON COLUMN marts.note_umbrellas.learner_id IS 'The learner whose notes say the word';
COMMENT ON COLUMN marts.note_umbrellas.word IS 'An umbrella word a note says outside the service names it holds, or a tag of it holds (e.g. Kinesis)';
COMMENT ON COLUMN marts.note_umbrellas.services IS 'The in-scope services the word could be: it counts for none of them';
COMMENT ON COLUMN marts.note_umbrellas.titles IS 'The titles of the notes that say it, in the order of files';
COMMENT ON COLUMN marts.note_umbrellas.files IS 'The files of the notes that say it, relative to the inbox (notes/…)';
