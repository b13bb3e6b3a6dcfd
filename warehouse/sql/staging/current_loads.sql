-- The version of each inbox file that counts: its latest successful load.
-- A file re-exported under the same name replaces the older version; a file taken back with
-- `examready forget` (a 'withdrawn' event after its loads) has none. Raw keeps every row.
CREATE OR REPLACE VIEW staging.current_loads AS
SELECT learner_id, load_id, path, format, recorded_at
FROM (SELECT learner_id, load_id, path, format, recorded_at, status
      FROM raw.file_events
      WHERE status IN ('loaded', 'replaced', 'withdrawn')
      QUALIFY row_number() OVER (PARTITION BY learner_id, path ORDER BY recorded_at DESC, load_id DESC) = 1)
WHERE status <> 'withdrawn';
