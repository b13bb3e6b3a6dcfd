-- The version of each inbox file that counts: its latest successful load.
-- A file re-exported under the same name replaces the older version.
CREATE OR REPLACE VIEW staging.current_loads AS
SELECT learner_id, load_id, path, format, recorded_at
FROM raw.file_events
WHERE status IN ('loaded', 'replaced')
QUALIFY row_number() OVER (PARTITION BY learner_id, path ORDER BY recorded_at DESC, load_id DESC) = 1;
