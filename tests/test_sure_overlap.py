"""The overlap sure in every reading of two entries' wall-clock starts is written once for SQL
(sources/sure_overlap.sql, called by the in-file check and staging.study_entries) and once in Python
(the Great Expectations engine's loop): both give the same answer on each case, and the two checks
and staging.study_entries act on it. Entries of two files whose offsets are more than an hour apart
(the workspace's timezone changed between the loads) are compared on the wall clock alone."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.sure_overlap import define_macros, sure_overlap
from sources.wall_clock import utc_offsets
from warehouse import overlaps_frame, overlaps_sql
from warehouse.connection import connect, read_sql

BERLIN = "Europe/Berlin"
# id: (a, b, minutes a and b share in the file's checks, minutes b takes from a when loaded after it);
# an entry: (wall-clock start, minutes, its zone)
CASES = {
    "plain-overlap": (("2026-07-01 10:00", 60, BERLIN), ("2026-07-01 10:30", 60, BERLIN), 30, 30),
    "plain-apart": (("2026-07-01 10:00", 30, BERLIN), ("2026-07-01 11:00", 30, BERLIN), -30, 0),
    # the autumn's repeated hour: 02:00-03:00 comes twice (+02:00, then +01:00)
    "fall-back-apart": (("2026-10-25 02:40", 30, BERLIN), ("2026-10-25 02:45", 30, BERLIN), -35, 0),
    "fall-back-sure": (("2026-10-25 01:30", 180, BERLIN), ("2026-10-25 02:15", 30, BERLIN), 30, 30),
    "fall-back-partly": (("2026-10-25 00:00", 240, BERLIN), ("2026-10-25 02:30", 90, BERLIN), 30, 30),
    "fall-back-after": (("2026-10-25 01:30", 120, BERLIN), ("2026-10-25 03:00", 30, BERLIN), -30, 0),
    "spring-gap": (("2026-03-29 01:30", 60, BERLIN), ("2026-03-29 02:15", 30, BERLIN), 15, 15),
    # offsets 24 h apart: on the real clock a day apart; entries of two loads: the wall clock alone
    "two-zones": (("2026-07-01 10:00", 60, "Pacific/Honolulu"), ("2026-07-01 10:30", 60, "Pacific/Kiritimati"),
                  -1350, 30),
}
MINUTE = 60_000_000


def _entry(start: str, minutes: int, zone: str) -> tuple:
    """(wall µs, length µs, offset_min, offset_max) as the checks read an entry."""
    stamp = pd.Timestamp(start)
    found = utc_offsets(pd.Series([stamp]), zone).iloc[0]
    return int(stamp.value // 1000), minutes * MINUTE, int(found["offset_min"]), int(found["offset_max"])


@pytest.mark.parametrize("case", CASES)
def test_python_and_the_sql_macro_agree(case):
    a, b, in_file, _ = CASES[case]
    ea, eb = _entry(*a), _entry(*b)
    with duckdb.connect() as con:
        define_macros(con, temporary=True)
        in_sql = con.execute("SELECT sure_overlap_us(?, ?, ?, ?, ?, ?, ?, ?)", [*ea, *eb]).fetchone()[0]
    assert sure_overlap(ea, eb) == in_sql == in_file * MINUTE


def _batch(a: tuple, b: tuple) -> pd.DataFrame:
    """Two entries of one file (lines 2 and 3) with the offsets `wall_clock.with_offsets` gives them."""
    entries = [_entry(*a), _entry(*b)]
    return pd.DataFrame({"learner_id": "", "line": [2, 3], "line_row": 0,
                         "started_at": pd.to_datetime([a[0], b[0]]).astype("datetime64[ns]"),
                         "minutes": [float(a[1]), float(b[1])],
                         "utc_offset_min": pd.array([e[2] for e in entries], dtype="Int64"),
                         "utc_offset_max": pd.array([e[3] for e in entries], dtype="Int64")})


@pytest.mark.parametrize("case", CASES)
def test_both_in_file_checks_hold_back_a_sure_overlap_by_the_offsets_they_are_given(case):
    a, b, in_file, _ = CASES[case]
    batch = _batch(a, b)
    loop = overlaps_frame.overlapping_sessions(batch, set())  # no zone: the batch's offsets, whatever this machine's
    with duckdb.connect() as con:
        define_macros(con, temporary=True)  # as the in-file check gives them
        con.register("batch", batch)
        in_sql = overlaps_sql.overlapping_sessions(con, "batch", set())
    assert list(loop["line"]) == list(in_sql["line"]) == ([3] if in_file > 0 else [])


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    """staging.study_entries of one warehouse: per case a learner with entry a in a file loaded first, b in one
    loaded after."""
    con = connect(tmp_path_factory.mktemp("sure") / "w.duckdb")
    for load, path, minute in (("L1", "hours/a.csv", 1), ("L2", "hours/b.csv", 2)):
        con.execute("INSERT INTO raw.file_events (run_id, load_id, learner_id, path, sha256, status, recorded_at) "
                    "VALUES ('r', ?, 'me', ?, 'x', 'loaded', TIMESTAMP '2026-11-01' + to_minutes(?))",
                    [load, path, minute])
    for line, (case, (a, b, _, _)) in enumerate(CASES.items(), 2):  # a load's lines are its own
        for load, (start, minutes, zone) in (("L1", a), ("L2", b)):
            lo, hi = _entry(start, minutes, zone)[2:]
            con.execute("INSERT INTO raw.study_sessions (load_id, learner_id, line, line_row, started_at, minutes, "
                        "description, tool, utc_offset_min, utc_offset_max) VALUES (?, ?, ?, 0, ?, ?, ?, 'toggl', ?, ?)",
                        [load, case, line, pd.Timestamp(start).to_pydatetime(), float(minutes), f"{load} Glue", lo, hi])
    for model in ("current_loads", "study_entries"):
        con.execute(read_sql(f"staging/{model}.sql"))
    found = {(learner, load): counted for learner, load, counted in con.execute(
        "SELECT learner_id, load_id, counted_minutes FROM staging.study_entries").fetchall()}
    con.close()
    return found


@pytest.mark.parametrize("case", CASES)
def test_staging_counts_what_a_later_file_shares_sure_in_every_reading(case, entries):
    a, b, _, across_loads = CASES[case]
    assert entries[(case, "L1")] == a[1] - across_loads
    assert entries[(case, "L2")] == b[1]  # the later-loaded entry keeps its minutes
