-- Umbrella words the study entries that count say ('Kinesis shards', 2 h), per learner: the time counts for none of
-- the services the word could be, so the pages and `examready gaps` say which hours could cover a gap. Written by
-- warehouse/hour_umbrellas.py (the words are found in Python, as `run` finds them when it loads a file).
CREATE OR REPLACE TABLE marts.hour_umbrellas (
    learner_id VARCHAR, word VARCHAR, services VARCHAR[], hours DOUBLE, entries INTEGER);
COMMENT ON COLUMN marts.hour_umbrellas.learner_id IS 'The learner whose study entries say the word';
COMMENT ON COLUMN marts.hour_umbrellas.word IS 'An umbrella word an entry says and none of its services (e.g. Kinesis)';
COMMENT ON COLUMN marts.hour_umbrellas.services IS 'The in-scope services the word could be: its time counts for none of them';
COMMENT ON COLUMN marts.hour_umbrellas.hours IS 'The hours of the entries saying it (staging.study_sessions), unrounded (a minute is 0.0167)';
COMMENT ON COLUMN marts.hour_umbrellas.entries IS 'How many entries say it';
