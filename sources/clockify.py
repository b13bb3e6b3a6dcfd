"""Clockify "Detailed" report CSV export: column names in the user's language (`sources.clockify_headers`),
dates and clock times in the user's locale."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.clockify_headers import LOCALIZED, english, language_note
from sources.csv_columns import norm
from sources.csv_layout import header_of
from sources.datetimes import duration_minutes
from sources.time_tracker import read_report, study_sessions

FORMAT = "clockify"
KIND = "hours"
REQUIRED = {"description", "project", "start date", "start time"}
DURATIONS = ("duration h", "duration decimal")  # the columns `written` picks the duration from, in this order


def detect(path: Path, head: bytes) -> bool:
    """Clockify's header: Start Date/Time with 'Duration (h)' and/or 'Duration (decimal)', in English or a
    language `clockify_headers` lists ('Startdatum', 'Dauer (h)')."""
    names = set(map(english, header_of(head)))
    return REQUIRED <= names and bool(names.intersection(DURATIONS))


def written(clock, decimal):
    """The cell an entry's duration is read from: 'Duration (h)', else (blank) 'Duration (decimal)'."""
    return clock if str(clock or "").strip() else decimal


def minutes(clock, decimal) -> float | None:
    """Minutes from 'Duration (h)' (HH:MM:SS, or decimal hours), else 'Duration (decimal)'."""
    return duration_minutes(written(clock, decimal))


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Time entries as canonical `study_sessions`; project includes the task when there is one (`zone`:
    `time_tracker.study_sessions`)."""
    frame, get = read_report(path, REQUIRED, "Clockify",
                             "export Reports → Detailed → Export → Save as CSV in Clockify", LOCALIZED)
    durations = pd.Series([written(*cells) for cells in zip(*map(get, DURATIONS))], index=frame.index, dtype=object)
    sessions = study_sessions(frame, get, durations, "clockify", zone)
    if note := language_note(set(map(norm, frame.columns))):
        sessions.attrs["warnings"].append(note)
    return {"study_sessions": sessions}
