-- The latest ledger row of each (learner, path), written once: staging.current_loads, warehouse.ledger
-- (and what reads its LATEST_BY_PATH), the integrity checks and the inbox sensor call it. The later
-- recorded_at first, of two alike the greater load_id (a rejection, with none, after). recorded_at only
-- goes up (warehouse/load_clock.py), so this is the order the rows were written in whatever the clock's
-- zone, except that a re-read of the same bytes keeps its old load's place (warehouse.ledger.recorded_at).
-- `loads_only`: of its loads and withdrawals (the row that decides the version that counts); else of all.
-- connect() creates it after schema.sql and the platform rule's macros, where raw.file_events exists: DuckDB binds a table macro at once.
CREATE OR REPLACE MACRO latest_file_events(loads_only) AS TABLE
SELECT * FROM raw.file_events
WHERE NOT loads_only OR status IN ('loaded', 'replaced', 'withdrawn')
QUALIFY row_number() OVER (PARTITION BY learner_id, path ORDER BY recorded_at DESC, load_id DESC NULLS LAST) = 1;
