-- The warehouse layers. raw is append-only: rows are only ever inserted.
-- learner_id is on every table so that a cohort can share one warehouse.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS marts;

-- The ingestion ledger (the Glue job-bookmark idea): one row per file per run.
CREATE TABLE IF NOT EXISTS raw.file_events (
    run_id VARCHAR NOT NULL,
    load_id VARCHAR,              -- set when rows were written (loaded | replaced)
    learner_id VARCHAR NOT NULL,
    path VARCHAR NOT NULL,        -- relative to the workspace inbox
    kind VARCHAR, format VARCHAR,
    sha256 VARCHAR NOT NULL,
    status VARCHAR NOT NULL,      -- loaded | unchanged | replaced | rejected
    rows_in INTEGER, rows_loaded INTEGER, rows_quarantined INTEGER,
    error VARCHAR,
    recorded_at TIMESTAMP NOT NULL   -- UTC, never before an earlier row's (warehouse/load_clock.py); local time before 3 Dec 2026
);

CREATE TABLE IF NOT EXISTS raw.answers (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, line INTEGER NOT NULL,
    attempt_id VARCHAR, taken_at TIMESTAMP, provider VARCHAR, question_id VARCHAR,
    domain_label VARCHAR, task_label VARCHAR, service_label VARCHAR,
    correct BOOLEAN, seconds DOUBLE, confidence DOUBLE, source VARCHAR,
    domain_id INTEGER, task_id VARCHAR, service VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.domain_scores (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, line INTEGER NOT NULL,
    attempt_id VARCHAR, taken_at TIMESTAMP, provider VARCHAR, domain_label VARCHAR,
    correct DOUBLE, total DOUBLE, percent DOUBLE,
    domain_id INTEGER
);

CREATE TABLE IF NOT EXISTS raw.study_sessions (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, line INTEGER NOT NULL,
    started_at TIMESTAMP, minutes DOUBLE, description VARCHAR, project VARCHAR, tags VARCHAR,
    tool VARCHAR,
    domain_id INTEGER, service VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.note_sections (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, line INTEGER NOT NULL,
    note_path VARCHAR, title VARCHAR, heading VARCHAR, level INTEGER, words INTEGER,
    note_date DATE, text VARCHAR, warning VARCHAR,
    services VARCHAR[], secrets_masked INTEGER
);

-- Rows held back by validation, with the reason in plain words.
CREATE TABLE IF NOT EXISTS raw.quarantine (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, path VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL, line INTEGER NOT NULL, column_name VARCHAR,
    check_name VARCHAR NOT NULL, reason VARCHAR NOT NULL, row_json VARCHAR
);

-- Great Expectations results, one row per file batch and expectation (surfaced as asset checks).
CREATE TABLE IF NOT EXISTS raw.validation_results (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, path VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL, expectation VARCHAR NOT NULL, column_name VARCHAR,
    success BOOLEAN NOT NULL,
    unexpected_count INTEGER NOT NULL,   -- rows GE found unexpected
    element_count INTEGER NOT NULL,      -- rows in the batch
    quarantined_lines INTEGER NOT NULL   -- lines held back for it (a duplicate's first row is kept)
);

-- Secrets (AWS keys, passwords, emails) masked in a file's text before it was stored.
ALTER TABLE raw.file_events ADD COLUMN IF NOT EXISTS secrets_masked INTEGER;

-- Which engine ran a batch's suite: great_expectations, or duckdb_sql (its SQL form) for large batches.
ALTER TABLE raw.validation_results ADD COLUMN IF NOT EXISTS engine VARCHAR;

-- One input line may give several rows (a Moodle attempt holds every question): line_row numbers
-- them (0 where a line is one row) so that quarantine holds back the failing row only. Loads written
-- before this column existed have NULL in both tables, so their entries still hold the whole line.
-- Staging matches them with IS NOT DISTINCT FROM: an OR of conditions made the anti-join 3x slower.
ALTER TABLE raw.answers ADD COLUMN IF NOT EXISTS line_row INTEGER;
-- Every exam service a question's service label names ('Athena; S3': both; NULL: none), each counted in
-- coverage; `service` keeps the one service when the label names one. NULL in rows read by READING_RULES 3 or older.
ALTER TABLE raw.answers ADD COLUMN IF NOT EXISTS services VARCHAR[];
ALTER TABLE raw.domain_scores ADD COLUMN IF NOT EXISTS line_row INTEGER;
ALTER TABLE raw.study_sessions ADD COLUMN IF NOT EXISTS line_row INTEGER;
-- True when the file gives the entry's date but no time of day (a plain log's `2026-11-05`): started_at is
-- that day's 00:00, and the entry takes part in no overlap check (it has no place on the clock). NULL:
-- a tracker's entry (always timed) or a row read by older reading rules (taken as timed).
ALTER TABLE raw.study_sessions ADD COLUMN IF NOT EXISTS date_only BOOLEAN;
-- Every blueprint service the entry's description, project and tags name (`service` is the first); NULL:
-- none, or a row read by older reading rules (staging takes [service] then).
ALTER TABLE raw.study_sessions ADD COLUMN IF NOT EXISTS services VARCHAR[];
-- The UTC offsets, in minutes east of UTC, that started_at (a wall-clock time) can have in the workspace's
-- timezone when the file was read: one and the same but in the autumn's repeated hour and the spring's
-- skipped one, where it has two (sources/wall_clock.py). Overlaps must hold in every reading of them
-- (staging.study_entries). NULL: a row read by READING_RULES 15 or older (the wall clock alone decides).
ALTER TABLE raw.study_sessions ADD COLUMN IF NOT EXISTS utc_offset_min SMALLINT;
ALTER TABLE raw.study_sessions ADD COLUMN IF NOT EXISTS utc_offset_max SMALLINT;
ALTER TABLE raw.note_sections ADD COLUMN IF NOT EXISTS line_row INTEGER;
-- A note's front matter tags, one a line, on each of its sections (secrets masked): an umbrella tag ('kinesis'), which
-- counts for no service, is in marts.note_umbrellas. NULL: no tags, or a row read by READING_RULES 36 or older.
ALTER TABLE raw.note_sections ADD COLUMN IF NOT EXISTS tags VARCHAR;
ALTER TABLE raw.quarantine ADD COLUMN IF NOT EXISTS line_row INTEGER;

-- The reading rules a load was read with (warehouse.ledger.READING_RULES; NULL: before 2 Dec 2026).
-- A file whose latest load used older rules is read once more, and its new rows replace the old.
ALTER TABLE raw.file_events ADD COLUMN IF NOT EXISTS rules INTEGER;
-- The exam whose blueprint a load's labels were mapped to (domain, task, service ids); NULL: before 6 Dec 2026,
-- taken as the workspace's. A file whose latest load was mapped to another exam (`exam` edited in
-- examready.yaml since) is read once more, as by older rules (warehouse/loaded_before.py load_rules).
ALTER TABLE raw.file_events ADD COLUMN IF NOT EXISTS exam VARCHAR;

-- Learners taken out of a class (`examready forget --learner ID`) and put back (`--undo`): one row
-- per change, never updated. A learner whose latest row is 'withdrawn' has no rows that count
-- (staging.withdrawn_learners); raw keeps them, and files loaded later still store them.
CREATE TABLE IF NOT EXISTS raw.learner_events (
    run_id VARCHAR NOT NULL,
    learner_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL,      -- withdrawn | restored
    recorded_at TIMESTAMP NOT NULL   -- as raw.file_events': UTC, never going down
);
-- The learners forgotten now: their latest event is 'withdrawn'.
CREATE VIEW IF NOT EXISTS raw.withdrawn_learners AS
SELECT learner_id FROM (SELECT learner_id, status FROM raw.learner_events
                        QUALIFY row_number() OVER (PARTITION BY learner_id ORDER BY recorded_at DESC, status) = 1)
WHERE status = 'withdrawn';

-- The display name a class export gives beside each learner it keys by email (Toggl/Clockify `User`,
-- Moodle First name + Surname): one row per load and (email, name). `examready run` and `learners` warn
-- when another file keys rows by that name, which makes a second learner for the same person
-- (examready/learner_names.py). Loads written before this table existed have none.
CREATE TABLE IF NOT EXISTS raw.learner_names (
    load_id VARCHAR NOT NULL, learner_id VARCHAR NOT NULL, name VARCHAR NOT NULL
);
