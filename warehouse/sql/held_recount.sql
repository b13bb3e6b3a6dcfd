-- Rows held back only as in the future in a file no longer in the inbox, counted from raw once due
-- (warehouse/held_recount.py): the path's latest load ($old) is copied as a new load ($new) of the same
-- path and bytes, read by the same rules, without the quarantine entries "in the future" of rows whose
-- time has passed by $now. Its ledger row is written after these by warehouse/held_recount.py through
-- ledger.record, in the old one's place in the order of loads (1 µs after it), so a later export of the
-- same attempt, or a later-loaded study entry, still wins.
-- Statements run in turn, in one transaction; each is given the parameters it names.
CREATE OR REPLACE TEMP TABLE released AS
WITH due AS (
    SELECT 'answers' AS table_name, line, line_row FROM raw.answers WHERE load_id = $old AND taken_at <= $now
    UNION ALL
    SELECT 'domain_scores', line, line_row FROM raw.domain_scores WHERE load_id = $old AND taken_at <= $now
    UNION ALL
    SELECT 'study_sessions', line, line_row FROM raw.study_sessions WHERE load_id = $old AND started_at <= $now
    UNION ALL
    SELECT 'note_sections', line, line_row FROM raw.note_sections
    WHERE load_id = $old AND CAST(note_date AS TIMESTAMP) <= $now)
SELECT q.table_name, q.line, q.line_row, q.check_name FROM raw.quarantine q
SEMI JOIN due d ON d.table_name = q.table_name AND d.line = q.line AND d.line_row IS NOT DISTINCT FROM q.line_row
WHERE q.load_id = $old
  AND q.check_name IN ('taken_at_not_in_future', 'started_at_not_in_future', 'note_date_not_in_future');
INSERT INTO raw.answers BY NAME SELECT * REPLACE ($new AS load_id) FROM raw.answers WHERE load_id = $old;
INSERT INTO raw.domain_scores BY NAME SELECT * REPLACE ($new AS load_id) FROM raw.domain_scores WHERE load_id = $old;
INSERT INTO raw.study_sessions BY NAME SELECT * REPLACE ($new AS load_id) FROM raw.study_sessions WHERE load_id = $old;
INSERT INTO raw.note_sections BY NAME SELECT * REPLACE ($new AS load_id) FROM raw.note_sections WHERE load_id = $old;
INSERT INTO raw.quarantine BY NAME
SELECT q.* REPLACE ($new AS load_id) FROM raw.quarantine q
ANTI JOIN released r ON r.table_name = q.table_name AND r.check_name = q.check_name AND r.line = q.line
  AND r.line_row IS NOT DISTINCT FROM q.line_row
WHERE q.load_id = $old;
-- The expectation "not in the future" no longer finds the rows released (the others find what they found).
INSERT INTO raw.validation_results BY NAME
SELECT v.* REPLACE ($new AS load_id, greatest(v.unexpected_count - coalesce(r.n, 0), 0) AS unexpected_count,
                    v.quarantined_lines - coalesce(r.n, 0) AS quarantined_lines,
                    v.success OR v.unexpected_count - coalesce(r.n, 0) <= 0 AS success)
FROM raw.validation_results v
LEFT JOIN (SELECT table_name, check_name, count(*) AS n FROM released GROUP BY ALL) r
  ON r.table_name = v.table_name AND r.check_name = v.expectation
WHERE v.load_id = $old;
DROP TABLE released;
