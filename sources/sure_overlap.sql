-- The overlap of two study entries sure in every reading of their wall-clock starts, written once for SQL: the
-- in-file check (warehouse/overlaps_sql.py) and staging.study_entries call these;
-- sources/sure_overlap.py sure_overlap is the same rule for the Great Expectations engine's loop (tests/test_sure_overlap.py).
-- warehouse.connection.connect() creates them on every open (stored by a writer, TEMP when read-only), as the
-- platform rule's; the in-file check makes them TEMP on the in-memory connection it may be given.
-- An entry: wall-clock start `w` and length `d` in µs, and the smallest and largest UTC offset (`lo`, `hi`, minutes)
-- its start can have in the learner's zone (sources/wall_clock.py utc_offsets). NULL offsets: the wall clock alone.
-- µs two spans share on one clock (not positive: none).
CREATE OR REPLACE MACRO shared_us(a_start, a_len, b_start, b_len) AS
    least(a_start + a_len, b_start + b_len) - greatest(a_start, b_start);
-- Where b's start falls on a's wall clock when a's start is read at offset `a_offset` and b's at `b_offset`.
CREATE OR REPLACE MACRO read_start(b_w, a_offset, b_offset) AS b_w + (a_offset - b_offset) * 60000000::BIGINT;
-- µs entries a and b share in every reading: on the wall clock as written, with a as early as it can be and b as late
-- (a at its largest offset, b at its smallest), and the other way round; the shortest (NULL readings left out).
CREATE OR REPLACE MACRO sure_overlap_us(a_w, a_d, a_lo, a_hi, b_w, b_d, b_lo, b_hi) AS least(
    shared_us(a_w, a_d, b_w, b_d),
    shared_us(a_w, a_d, read_start(b_w, a_hi, b_lo), b_d),
    shared_us(a_w, a_d, read_start(b_w, a_lo, b_hi), b_d));
-- Where on a's wall clock the sure overlap `sure_us` (sure_overlap_us of the same entries) starts: in the first
-- reading of the three giving it.
CREATE OR REPLACE MACRO sure_overlap_from(a_w, a_d, a_lo, a_hi, b_w, b_d, b_lo, b_hi, sure_us) AS greatest(a_w, CASE
    WHEN sure_us = shared_us(a_w, a_d, b_w, b_d) THEN b_w
    WHEN sure_us = shared_us(a_w, a_d, read_start(b_w, a_hi, b_lo), b_d) THEN read_start(b_w, a_hi, b_lo)
    ELSE read_start(b_w, a_lo, b_hi) END);
