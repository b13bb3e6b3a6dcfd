"""Toggl Track "Detailed" report CSV export (UTF-8 with BOM, durations HH:MM:SS or decimal)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.csv_layout import header_of
from sources.datetimes import duration_minutes
from sources.time_tracker import read_report, study_sessions

FORMAT = "toggl"
KIND = "hours"
REQUIRED = {"description", "project", "start date", "start time", "duration"}
DURATIONS = ("duration",)  # the columns `written` picks the duration from, in this order
LOCALIZED: dict[str, str] = {}  # other languages' column names, as clockify's (none read)


def detect(path: Path, head: bytes) -> bool:
    """Toggl's detailed header: Description, Project, Start date/time and a plain Duration."""
    names = set(header_of(head))
    return REQUIRED <= names and not names & {"duration h", "duration decimal"}


def written(duration):
    """The cell an entry's duration is read from: its Duration."""
    return duration


def minutes(duration) -> float | None:
    """Minutes of a Duration cell (HH:MM:SS, or decimal hours)."""
    return duration_minutes(written(duration))


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Time entries as canonical `study_sessions`; project includes the task when there is one (`zone`:
    `time_tracker.study_sessions`)."""
    frame, get = read_report(path, REQUIRED, "Toggl", "export Reports → Detailed → CSV from Toggl Track")
    return {"study_sessions": study_sessions(frame, get, get("duration"), "toggl", zone)}
