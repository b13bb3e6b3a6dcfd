"""A time written with its offset or Z is stored as the learner's wall clock (examready.yaml `timezone`)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pytest

from sources.datetimes import parse_date_time, parse_datetimes
from sources.frontmatter import note_date
from tests.conftest import run_cli, run_json
from tests.test_bulk_sessions import TOGGL

LA = "America/Los_Angeles"
SUMMARY = ("Practice Test,Date,Platform,Knowledge Area,Correct,Total\n"  # the user review's export
           + "".join(f"Udemy Practice Exam 4,2026-11-30T02:15:00Z,Udemy,{d},15,22\n" for d in (
               "Data Ingestion and Transformation", "Data Store Management", "Data Operations and Support",
               "Data Security and Governance")))


@pytest.mark.parametrize("written, zone, stored", [
    ("2026-11-30T02:15:00Z", LA, "2026-11-29 18:15"),           # the review's sitting: 29 Nov in LA
    ("2026-11-30T09:30:00+01:00", LA, "2026-11-30 00:30"),
    ("2026-11-30 10:00:00-0800", "Europe/Berlin", "2026-11-30 19:00"),
    ("2026-11-30T02:15:00.250Z", "Asia/Kolkata", "2026-11-30 07:45:00.250"),
    ("30.11.2026 02:15 +0000", LA, "2026-11-29 18:15"),         # not ISO: read value by value
    ("2026-11-30 02:15", LA, "2026-11-30 02:15"),               # no offset: as written, in any zone
    ("2026-11-30", LA, "2026-11-30 00:00"),                     # a date alone: that day
])
def test_a_time_with_an_offset_is_read_as_the_learners_wall_clock(written, zone, stored):
    read, _ = parse_datetimes(pd.Series([written, ""]), zone)
    assert read.tolist()[0] == pd.Timestamp(stored) and pd.isna(read.tolist()[1])


def test_one_column_with_two_offsets_gives_one_zone():
    """The review's file: `…T18:00:00Z` and `…T09:30:00+01:00` were stored as written, in two zones."""
    read, _ = parse_datetimes(pd.Series(["2026-11-22T18:00:00Z", "2026-11-29T09:30:00+01:00"]), "Europe/Berlin")
    assert read.tolist() == [pd.Timestamp("2026-11-22 19:00"), pd.Timestamp("2026-11-29 09:30")]


def test_a_time_trackers_start_with_an_offset_and_a_note_dated_in_utc():
    started, _ = parse_date_time(pd.Series(["2026-11-30"]), pd.Series(["02:15:00Z"]), LA)
    assert started.tolist() == [pd.Timestamp("2026-11-29 18:15")]
    for value in (datetime.fromisoformat("2026-11-30T02:15:00+00:00"), "2026-11-30T02:15:00Z"):  # YAML's, text
        assert note_date({"date": value}, zone=LA) == (pd.Timestamp("2026-11-29"), None)


def per_question(pad: int = 0) -> str:
    """Two mocks: a sitting at 02:15 UTC and one at 09:30 +01:00, 8 questions each; `pad`: an ignored cell."""
    out = ["Attempt,Date,Question,Domain,Correct" + (",Notes" if pad else "")]
    for attempt, when in (("mock-a", "2026-11-30T02:15:00Z"), ("mock-b", "2026-11-30T09:30:00+01:00")):
        out += [f"{attempt},{when},q{i},Domain {i % 4 + 1},{'yes' if i % 3 else 'no'}" + ("," + "x" * pad) * bool(pad)
                for i in range(8)]
    return "\n".join(out) + "\n"


def toggl(entries: int) -> tuple[str, list[datetime]]:
    """A Toggl export of 10-minute entries written in UTC and at +02:00 by turns; (its text, the starts in LA)."""
    out, starts = [",".join(TOGGL)], []
    for k in range(entries):
        instant = datetime(2026, 11, 30, 2, 15, tzinfo=timezone.utc) - timedelta(minutes=10 * k)
        written = instant.astimezone(timezone(timedelta(hours=2 * (k % 2))))
        clock = f"{written:%H:%M:%S}" + ("Z" if k % 2 == 0 else "+02:00")
        out.append(f"me,me@example.com,,DEA-C01,,Glue jobs,No,{written:%Y-%m-%d},{clock},,,00:10:00,,")
        starts.append(instant.astimezone(ZoneInfo(LA)).replace(tzinfo=None))
    return "\n".join(out) + "\n", starts


def stored(root: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_run_stores_utc_sittings_on_the_learners_day_on_both_paths(tmp_path):
    """`examready run` in a Los Angeles workspace: the same times, on the pandas path (small files) and the
    bulk paths (the same rows padded past bulk_answers.MIN_BYTES; a Toggl export of 20,000 entries, past
    FAST_MIN_BYTES); readiness as of 29 Nov counts the sitting of 02:15 UTC on 30 Nov."""
    small, big = tmp_path / "small", tmp_path / "big"
    for root in (small, big):
        run_cli("init", str(root), "--exam", "DEA-C01", "--timezone", LA)
    (small / "inbox" / "exams" / "udemy-utc.csv").write_text(SUMMARY)
    (small / "inbox" / "exams" / "mocks.csv").write_text(per_question())
    (big / "inbox" / "exams" / "mocks.csv").write_text(per_question(pad=300_000))
    assert (big / "inbox" / "exams" / "mocks.csv").stat().st_size >= 4 * 1024 * 1024  # bulk_answers.MIN_BYTES
    (small / "inbox" / "hours" / "toggl.csv").write_text(toggl(6)[0])
    text, starts = toggl(20_000)  # validation.SQL_MIN_ROWS
    (big / "inbox" / "hours" / "toggl.csv").write_text(text)
    assert len(text) >= 1 << 20  # csvfast.FAST_MIN_BYTES
    runs = [run_cli("run", "-w", str(root)) for root in (small, big)]
    assert "row by row" not in runs[1].stderr
    assert stored(big, "SELECT DISTINCT engine FROM raw.validation_results") == [("duckdb_sql",)]  # the bulk paths
    for root in (small, big):
        assert stored(root, "SELECT attempt_id, min(taken_at), max(taken_at) FROM raw.answers GROUP BY 1 ORDER BY 1") \
            == [("mock-a", datetime(2026, 11, 29, 18, 15), datetime(2026, 11, 29, 18, 15)),
                ("mock-b", datetime(2026, 11, 30, 0, 30), datetime(2026, 11, 30, 0, 30))]
    for root, entries in ((small, 6), (big, 20_000)):
        assert [t for t, in stored(root, "SELECT started_at FROM raw.study_sessions ORDER BY line")] == starts[:entries]
    assert stored(small, "SELECT DISTINCT attempt_id, taken_at FROM raw.domain_scores") == \
        [("Udemy Practice Exam 4 2026-11-29 18:15", datetime(2026, 11, 29, 18, 15))]
    first_day = run_json("readiness", "-w", str(small), "--as-of", "2026-11-29")
    assert [d["questions"] for d in first_day["domains"]] == [22 + 2, 22 + 2, 22 + 2, 22 + 2]
