"""Study-time adapters: Toggl Track, Clockify and plain CSV exports."""
import csv
from pathlib import Path

import pandas as pd
import pytest

from sources import toggl
from sources.canonical import STUDY_SESSIONS
from sources.registry import parse_file

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def _file_minutes(path: Path, column: str) -> float:
    """Sum of an HH:MM:SS duration column, read with the csv module (independent of adapters)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = 0.0
    for row in rows:
        h, m, s = (int(x) for x in row[column].split(":"))
        total += h * 60 + m + s / 60
    return total


TRACKER_NOTES = ["line", "minutes_text", "started_at_text", "cells", "extra_cells"]  # kept for quarantine's reasons


def test_toggl_detailed_export():
    adapter, tables = parse_file(INPUTS / "toggl_detailed.csv")
    sessions = tables["study_sessions"]
    assert adapter is toggl
    assert list(sessions.columns) == STUDY_SESSIONS + TRACKER_NOTES
    assert len(sessions) == 7
    assert round(sessions["minutes"].sum()) == round(_file_minutes(INPUTS / "toggl_detailed.csv", "Duration"))
    assert sessions["minutes"].sum() == 461.25
    assert sessions["started_at"].iloc[0] == pd.Timestamp("2026-02-02 19:30")
    assert sessions["project"].iloc[1] == "DEA-C01 / Domain 1"
    assert sessions["tags"].iloc[4] == "aws, lake formation, security"
    assert sessions["description"].iloc[4] == "Lake Formation permissions, LF-tags"
    assert set(sessions["tool"]) == {"toggl"}


def test_clockify_day_first_inferred_from_row_order():
    adapter, tables = parse_file(INPUTS / "clockify_detailed.csv")
    sessions = tables["study_sessions"]
    assert adapter.FORMAT == "clockify"
    assert list(sessions.columns) == STUDY_SESSIONS + TRACKER_NOTES
    assert len(sessions) == 6
    assert round(sessions["minutes"].sum()) == round(_file_minutes(INPUTS / "clockify_detailed.csv", "Duration (h)"))
    assert sessions["minutes"].sum() == 415.25
    assert sessions["started_at"].tolist()[:2] == [pd.Timestamp("2026-02-03 07:15"), pd.Timestamp("2026-02-05 21:05")]
    assert sessions["started_at"].iloc[5] == pd.Timestamp("2026-03-01 23:40")
    assert sessions["project"].iloc[0] == "DEA-C01 / Domain 1"
    assert any("day-first" in w for w in sessions.attrs["warnings"])


def test_clockify_us_month_first():
    sessions = parse_file(INPUTS / "clockify_us.csv")[1]["study_sessions"]
    assert len(sessions) == 3
    assert sessions["minutes"].sum() == round(_file_minutes(INPUTS / "clockify_us.csv", "Duration (h)"), 2) == 145.5
    assert sessions["started_at"].tolist() == [pd.Timestamp("2026-02-14 09:00"), pd.Timestamp("2026-02-13 19:30"),
                                               pd.Timestamp("2026-02-09 20:15")]
    assert sessions.attrs["warnings"] == []


def test_clockify_european_locale_and_decimal_durations(tmp_path):
    path = tmp_path / "Clockify_Time_Report_Detailed.csv"
    path.write_text(
        "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
        "End Date,End Time,Duration (h),Duration (decimal)\n"
        "DEA-C01,,Glue,,A,,a@x.org,,No,13.02.2026,21:05:00,13.02.2026,22:35:00,1.50,\"1,50\"\n"
        "DEA-C01,,EMR,,A,,a@x.org,,No,14.02.2026,07:00:00,14.02.2026,07:20:00,,\"0,33\"\n",
        encoding="utf-8")
    sessions = parse_file(path)[1]["study_sessions"]
    assert sessions["started_at"].tolist() == [pd.Timestamp("2026-02-13 21:05"), pd.Timestamp("2026-02-14 07:00")]
    assert sessions["minutes"].tolist() == pytest.approx([90, 19.8])


def test_plain_log():
    adapter, tables = parse_file(INPUTS / "plain_hours.csv")
    sessions = tables["study_sessions"]
    assert adapter.FORMAT == "plain_hours"
    assert len(sessions) == 6
    assert sessions["minutes"].sum() == 265
    assert sessions["description"].iloc[0] == "Kinesis Data Streams"
    assert sessions["started_at"].iloc[0] == pd.Timestamp("2026-02-01")
    assert set(sessions["tool"]) == {"plain"}


def test_plain_log_in_hours_with_semicolons(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Date;Hours;Topic\n01.02.2026;1,5;Kinesis\n02.02.2026;0,25;Glue\n", encoding="cp1252")
    sessions = parse_file(path)[1]["study_sessions"]
    assert sessions["minutes"].tolist() == [90, 15]


@pytest.mark.parametrize("unit, cells, minutes", [
    ("Hours", ["1,5", "1:30", "1:30:00", "2h", "1h 30m", "90 min"], [90, 90, 90, 120, 90, 90]),
    ("Minutes", ["45", "1:30", "1h", "45 min", "soon"], [45, 90, 60, 45, None]),  # 'soon': held back by its check
])
def test_plain_log_durations_as_people_write_them(tmp_path, unit, cells, minutes):
    """A log's '1:30' is hours and minutes (a question's time in a mock export is m:ss), whatever the column."""
    path = tmp_path / "log.csv"
    path.write_text(f"Date;{unit};Topic\n" + "".join(f"0{i + 1}.02.2026;{c};Glue\n" for i, c in enumerate(cells)))
    sessions = parse_file(path)[1]["study_sessions"]
    assert [None if pd.isna(m) else m for m in sessions["minutes"]] == minutes


def test_toggl_profile_with_decimal_durations_and_dotted_dates(tmp_path):
    path = tmp_path / "Toggl_time_entries.csv"
    path.write_bytes("\ufeffUser,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
                     "End time,Duration,Tags,Amount (EUR)\n"
                     "A,a@x.org,,DEA-C01,,Glue,No,13.02.2026,21:05:00,13.02.2026,22:35:00,1.50,,\n"
                     "A,a@x.org,,DEA-C01,,EMR,No,14.02.2026,07:00:00,14.02.2026,07:20:00,0.33,,\n".encode())
    adapter, tables = parse_file(path)
    sessions = tables["study_sessions"]
    assert adapter is toggl
    assert sessions["started_at"].tolist() == [pd.Timestamp("2026-02-13 21:05"), pd.Timestamp("2026-02-14 07:00")]
    assert sessions["minutes"].tolist() == pytest.approx([90, 19.8])
