-- Rows held back only as "in the future" (checks *_not_in_future) in each path's version that counts
-- (its latest load, as staging.current_loads; not withdrawn), with the time each gives, by the label of
-- a domain score row mapped to no domain (NULL for any other row; a summary row such as "Overall" is one,
-- and counts for no domain also once due: warehouse/held_future.py tells it apart, is_summary_label):
-- path, label, the earliest such time, and how many of those rows are due by $now (their time has passed).
-- `current_load` (each path's latest load or withdrawal: warehouse.ledger.LATEST_BY_PATH) is put in
-- front of this by warehouse/held_future.py: `WITH current_load AS (…),` then what follows.
held AS (
    SELECT DISTINCT c.path, q.load_id, q.table_name, q.line, q.line_row
    FROM raw.quarantine q JOIN current_load c USING (load_id)
    WHERE c.status <> 'withdrawn'
      AND q.check_name IN ('taken_at_not_in_future', 'started_at_not_in_future', 'note_date_not_in_future')),
timed AS (
    SELECT h.path, r.taken_at AS held_at, CAST(NULL AS VARCHAR) AS label FROM held h JOIN raw.answers r
      ON r.load_id = h.load_id AND r.line = h.line AND r.line_row IS NOT DISTINCT FROM h.line_row
    WHERE h.table_name = 'answers'
    UNION ALL
    SELECT h.path, r.taken_at, CASE WHEN r.domain_id IS NULL THEN r.domain_label END FROM held h
    JOIN raw.domain_scores r
      ON r.load_id = h.load_id AND r.line = h.line AND r.line_row IS NOT DISTINCT FROM h.line_row
    WHERE h.table_name = 'domain_scores'
    UNION ALL
    SELECT h.path, r.started_at, NULL FROM held h JOIN raw.study_sessions r
      ON r.load_id = h.load_id AND r.line = h.line AND r.line_row IS NOT DISTINCT FROM h.line_row
    WHERE h.table_name = 'study_sessions'
    UNION ALL
    SELECT h.path, CAST(r.note_date AS TIMESTAMP), NULL FROM held h JOIN raw.note_sections r
      ON r.load_id = h.load_id AND r.line = h.line AND r.line_row IS NOT DISTINCT FROM h.line_row
    WHERE h.table_name = 'note_sections')
SELECT path, label, min(held_at) AS earliest, count(*) FILTER (WHERE held_at <= $now) AS due
FROM timed WHERE held_at IS NOT NULL GROUP BY path, label ORDER BY path, label;
