"""Study entries in the autumn's repeated hour (Europe/Berlin, 25 Oct 2026: 02:00-03:00 twice) are not held
back as overlapping when some reading of their wall-clock times keeps them apart; a real overlap still is.
Both ingestion paths (pandas for a small export, DuckDB for one past FAST_MIN_BYTES) through the CLI."""
from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pandas as pd
import pytest

from sources.wall_clock import utc_offsets, wall_clock_end
from tests.conftest import run_cli
from tests.test_bulk_sessions import TOGGL

BERLIN = "Europe/Berlin"
# A learner's night across the change, in order on the real clock (UTC in the comments): none overlaps
NIGHT = [("01:50", "00:30:00"),   # line 2: 23:50-00:20, ends 02:20 on the first pass
         ("02:30", "00:20:00"),   # line 3: first pass, 00:30-00:50
         ("02:50", "00:20:00"),   # line 4: first pass, 00:50-01:10 (02:10 on the second pass)
         ("02:15", "00:30:00"),   # line 5: second pass, 01:15-01:45
         ("03:05", "00:30:00"),   # line 6: 02:05-02:35
         ("10:00", "01:00:00"),   # line 7
         ("10:30", "00:30:00")]   # line 8: inside line 7's hour on any reading: held back


def _row(day: str, clock: str, duration: str, what: str) -> str:
    return f"me,me@example.com,,DEA-C01,,{what},No,{day},{clock}:00,,,{duration},,"


def toggl(padding: int) -> str:
    """The night's entries (lines 2-8), then `padding` 30-minute entries two hours apart from 2020."""
    rows = [",".join(TOGGL)] + [_row("2026-10-25", c, d, f"Glue jobs {i}") for i, (c, d) in enumerate(NIGHT)]
    start = datetime(2020, 1, 1)
    rows += [_row(f"{t:%Y-%m-%d}", f"{t:%H:%M}", "00:30:00", "Athena")
             for t in (start + timedelta(hours=2 * k) for k in range(padding))]
    return "\n".join(rows) + "\n"


def test_offsets_of_repeated_and_skipped_hours():
    found = utc_offsets(pd.Series(pd.to_datetime(["2026-10-25 02:30", "2026-10-25 03:30", "2026-03-29 02:30",
                                                  "2026-07-01 12:00", None])), BERLIN)
    assert found.astype(object).where(found.notna(), None).values.tolist() == \
        [[60, 120], [60, 60], [60, 120], [120, 120], [None, None]]


def test_the_night_of_the_change_on_both_paths(tmp_path):
    small, big = tmp_path / "small", tmp_path / "big"
    for root, padding in ((small, 0), (big, 20_000)):
        run_cli("init", str(root), "--exam", "DEA-C01", "--timezone", BERLIN)
        (root / "inbox" / "hours" / "toggl.csv").write_text(toggl(padding))
        run_cli("run", "-w", str(root))
    assert (big / "inbox" / "hours" / "toggl.csv").stat().st_size >= 1 << 20  # csvfast.FAST_MIN_BYTES
    for root, engine in ((small, "great_expectations"), (big, "duckdb_sql")):
        with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
            assert con.execute("SELECT DISTINCT engine FROM raw.validation_results").fetchall() == [(engine,)]
            held = con.execute("SELECT line, reason FROM raw.quarantine ORDER BY line").fetchall()
            counted = con.execute("SELECT sum(minutes) FROM staging.study_sessions "
                                  "WHERE started_at::DATE = '2026-10-25'").fetchall()[0][0]
            offsets = con.execute("SELECT line, utc_offset_min, utc_offset_max FROM raw.study_sessions "
                                  "WHERE started_at::DATE = '2026-10-25' ORDER BY line").fetchall()
        assert held == [(8, "overlaps the entry on line 7 (until 2026-10-25 11:00)")], root
        assert counted == 30 + 20 + 20 + 30 + 30 + 60
        assert offsets == [(2, 120, 120), (3, 60, 120), (4, 60, 120), (5, 60, 120), (6, 60, 60), (7, 60, 60),
                           (8, 60, 60)], root


def test_entries_of_two_files_in_the_repeated_hour(tmp_path):
    """02:40 (first pass) in one file and 02:15 (second pass) in another share no time on the real clock:
    both count in full; a real overlap (10:15-10:45 within 10:00-11:00) is still counted once."""
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01", "--timezone", BERLIN)
    for name, entries in (("a", [("02:40", "00:30:00"), ("10:00", "01:00:00")]),
                          ("b", [("02:15", "00:30:00"), ("10:15", "00:30:00")])):
        rows = [",".join(TOGGL)] + [_row("2026-10-25", c, d, f"{name} Glue jobs") for c, d in entries]
        (root / "inbox" / "hours" / f"{name}.csv").write_text("\n".join(rows) + "\n")
    run_cli("run", "-w", str(root))
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        counted = con.execute("SELECT path, line, minutes, counted_minutes FROM staging.study_entries "
                              "ORDER BY path, line").fetchall()
    night = [(p, line, m, c) for p, line, m, c in counted if line == 2]
    assert night == [("hours/a.csv", 2, 30.0, 30.0), ("hours/b.csv", 2, 30.0, 30.0)]
    assert sum(c for *_, c in counted) == 30 + 30 + 60 + 30 - 30


def test_an_entry_across_the_change_is_named_until_its_end_on_the_clock(tmp_path):
    """01:30 CEST for three hours ends at 03:30 CET, not at 04:30 (start + 3 h on the wall clock)."""
    rows = [",".join(TOGGL), _row("2026-10-25", "01:30", "03:00:00", "Glue jobs"),
            _row("2026-10-25", "03:00", "00:30:00", "Athena")]
    padding = toggl(20_000).split("\n", 1 + len(NIGHT))[-1]
    for name, tail in (("small", ""), ("big", padding)):
        root = tmp_path / name
        run_cli("init", str(root), "--exam", "DEA-C01", "--timezone", BERLIN)
        (root / "inbox" / "hours" / "toggl.csv").write_text("\n".join(rows) + "\n" + tail)
        run_cli("run", "-w", str(root))
        with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
            held = con.execute("SELECT line, reason FROM raw.quarantine ORDER BY line").fetchall()
        assert held == [(3, "overlaps the entry on line 2 (until 2026-10-25 03:30)")], name


@pytest.mark.parametrize(("start", "length_h", "zone", "end"), [
    ("2026-10-25 01:30", 3, BERLIN, "2026-10-25 03:30"),   # fall-back: one hour comes twice
    ("2026-10-25 02:30", 1, BERLIN, "2026-10-25 02:30"),   # a start in the repeated hour: its first pass
    ("2026-03-29 01:30", 1, BERLIN, "2026-03-29 03:30"),   # spring: 02:00-03:00 never shows
    ("2026-07-01 10:00", 1.5, BERLIN, "2026-07-01 11:30"),
    ("2026-10-25 01:30", 3, "UTC", "2026-10-25 04:30"),
])
def test_wall_clock_end(start, length_h, zone, end):
    start_us = pd.Timestamp(start).value // 1000
    assert wall_clock_end(start_us, length_h * 3600e6, zone) == pd.Timestamp(end)
