"""A plain study log CSV: `date,minutes,topic` (hours instead of minutes also accepted)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from sources.as_written import unread_cells
from sources.canonical import STUDY_SESSIONS, FormatError
from sources.cell_numbers import ascii_minus, to_number, to_seconds
from sources.csv_columns import column, norm, pick
from sources.csv_layout import header_names
from sources.csvread import read_csv
from sources.datetimes import parse_datetimes
from sources.per_question_csv import LEARNER_NAMES, aliases_for, class_learners
from sources.ragged_rows import CELL_COLUMNS, cell_columns

FORMAT = "plain_hours"
KIND = "hours"
ALIASES = {norm(a): canonical for canonical, names in {
    "date": ["date", "day", "started", "started_at", "start", "when"],
    "minutes": ["minutes", "mins", "min", "duration (min)", "duration min"],
    "hours": ["hours", "hrs", "h", "duration (h)"],
    "topic": ["topic", "description", "subject", "what", "notes"],
    "project": ["project", "domain", "exam domain", "area", "category", "course"],
    "tags": ["tags", "tag", "service", "services", "aws service"],
    "learner_id": LEARNER_NAMES,  # a class's log: each entry's person
}.items() for a in names}
MAX_COLUMNS = 8


def detect(path: Path, head: bytes) -> bool:
    """A short header with a date and a minutes (or hours) column; its other columns are topic, project, tags
    or the learner's own (`resource`, `notes`: at most half of the header, so a tool's export with a date and
    a duration among many columns of its own is not taken for a log).

    Blank names at the header's end (a delimiter ending every line) are no columns."""
    names = header_names(head)
    kinds = [ALIASES[n] for n in names if n in ALIASES]
    unknown = len(names) - len(kinds)
    return "date" in kinds and bool({"minutes", "hours"} & set(kinds)) \
        and len(names) <= MAX_COLUMNS and unknown <= len(names) // 2


def unread_columns(frame: pd.DataFrame, found: dict[str, str]) -> list[str]:
    """The log's columns no setting reads, as `run` names them: an alias already taken (a second topic), a name
    of the learner's own, a column without a name (`column 2 (no name)`)."""
    return [f"column {c!r}" if str(c).strip() else f"column {i + 1} (no name)" for i, c in enumerate(frame.columns)
            if c not in found.values() and c not in ("line", *CELL_COLUMNS)]


def logged_minutes(value, minutes_per_unit: float) -> float | None:
    """Minutes of one log cell: a number in the column's unit (minutes or hours), a clock duration
    ('1:30' is h:mm in a study log, '1:30:00' h:mm:ss) or units ('2h', '1h 30m', '90 min'); else None.
    A minus in front makes any of them negative ('-10', '-0:10', '-1h', or with the Unicode minus '−1h'), which
    validation holds back."""
    number = to_number(value)
    if number is not None:
        return number * minutes_per_unit
    text = ascii_minus(str(value or "").strip())
    if text.startswith("-"):
        rest = logged_minutes(text[1:], minutes_per_unit) if not text[1:].lstrip().startswith("-") else None
        return None if rest is None else -rest
    if clock := re.fullmatch(r"(\d{1,2}):([0-5]\d)", text):
        return int(clock.group(1)) * 60 + int(clock.group(2))
    seconds = to_seconds(text)
    return None if seconds is None else seconds / 60


CLOCK = re.compile(r"\d:\d|\d\s*[ap]\.?m\b", re.IGNORECASE)  # a time of day in a date cell: '09:00', '9 am'


def without_time(texts: pd.Series, stamps: pd.Series) -> pd.Series:
    """Whether each cell gives a date but no time of day ('2026-11-05'; not '2026-11-05 09:00' or '… 00:00')."""
    given = texts.fillna("").astype(str).str.contains(CLOCK)
    return (stamps.notna() & (stamps == stamps.dt.normalize()) & ~given).astype(bool)


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Log lines as canonical `study_sessions` (started_at is the day at 00:00 if no time, and `date_only`
    says so: such an entry has no place on the clock, docs/formats.md), with `cells` and `extra_cells`
    (`ragged_rows.cell_columns`: a ragged row is quarantined for them). `zone`: as `per_question_csv.parse`'s."""
    frame = read_csv(path)
    found = pick(frame, aliases_for(frame.columns, ALIASES))
    if "date" not in found or not {"minutes", "hours"} & set(found):
        raise FormatError(path, "needs a date and a minutes (or hours) column", line=1,
                          hint="use the header date,minutes,topic")
    dates = column(frame, found, "date")
    started_at, note = parse_datetimes(dates, zone)
    minutes_cells, hours_cells = column(frame, found, "minutes"), column(frame, found, "hours")
    mins = minutes_cells.map(lambda v: logged_minutes(v, 1)).astype("float64")
    mins = mins.fillna(hours_cells.map(lambda v: logged_minutes(v, 60)).astype("float64"))
    out = pd.DataFrame({"started_at": started_at, "minutes": mins,
                        "description": column(frame, found, "topic"),
                        "project": column(frame, found, "project"), "tags": column(frame, found, "tags"),
                        "tool": "plain", "date_only": without_time(dates, started_at), "line": frame["line"],
                        "minutes_text": unread_cells(minutes_cells.fillna(hours_cells), mins),
                        "started_at_text": unread_cells(dates, started_at), **cell_columns(frame),
                        })[STUDY_SESSIONS + ["date_only", "line", "minutes_text", "started_at_text", *CELL_COLUMNS]]
    out.attrs["warnings"] = [note] if note else []
    class_learners(out, frame, found)
    if unread := unread_columns(frame, found):
        out.attrs["warnings"].append(
            f"{path.name}: {', '.join(unread)} {'are' if len(unread) > 1 else 'is'} not read: a "
            "study log's topic is its topic (or description) column, its domain its project (or domain), its services "
            "its tags (or service); rename a column to one of those to have it read")
    return {"study_sessions": out}
