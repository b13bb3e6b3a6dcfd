"""The overlap of two study entries that is sure whichever UTC offset each start has (sources/wall_clock.py),
written once for SQL as DuckDB macros (sure_overlap.sql: the in-file check's and staging.study_entries'), and
in Python for the Great Expectations engine's loop; tests/test_sure_overlap.py holds them to the same answers.
No pandas here: warehouse.connection.connect() defines the macros on every open, warehouse.validation on
the in-file check's in-memory connection."""
from __future__ import annotations

from pathlib import Path

from sources.platform_rule import create_macros

OVERLAP_SQL = Path(__file__).with_suffix(".sql")


def _shared(a_start: float, a_len: float, b_start: float, b_len: float) -> float:
    return min(a_start + a_len, b_start + b_len) - max(a_start, b_start)


def sure_overlap(a: tuple, b: tuple) -> float:
    """Microseconds two entries (wall-clock start in µs, length in µs, offset_min, offset_max in minutes)
    share in every reading: on the wall clock as written, and on the real clock with each start read at
    either of its offsets. Not positive: they need not overlap. sure_overlap.sql `sure_overlap_us`."""
    (aw, ad, a_lo, a_hi), (bw, bd, b_lo, b_hi) = a, b
    minute = 60e6
    early_late = _shared(aw - a_hi * minute, ad, bw - b_lo * minute, bd)  # a as early as it can be, b as late
    late_early = _shared(aw - a_lo * minute, ad, bw - b_hi * minute, bd)
    return min(_shared(aw, ad, bw, bd), early_late, late_early)


def define_macros(con, temporary: bool = False) -> None:
    """The macros of sure_overlap.sql on `con`: stored in its database, or TEMP."""
    create_macros(con, OVERLAP_SQL.read_text(encoding="utf-8"), temporary)
