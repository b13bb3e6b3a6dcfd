"""Clockify "Detailed" report CSV export: dates and clock times in the user's locale."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.canonical import STUDY_SESSIONS, FormatError
from sources.csvread import header_of, norm, read_csv
from sources.team import learner_ids_if_team
from sources.datetimes import duration_minutes, parse_datetimes
from sources.toggl import _joined

FORMAT = "clockify"
KIND = "hours"
REQUIRED = {"description", "project", "start date", "start time"}


def detect(path: Path, head: bytes) -> bool:
    """Clockify's header: Start Date/Time with 'Duration (h)' and/or 'Duration (decimal)'."""
    names = set(header_of(head))
    return REQUIRED <= names and bool(names & {"duration h", "duration decimal"})


def minutes(clock, decimal) -> float | None:
    """Minutes from 'Duration (h)' (HH:MM:SS, or decimal hours), else 'Duration (decimal)'."""
    return duration_minutes(clock) if str(clock or "").strip() else duration_minutes(decimal)


def parse(path: Path) -> dict[str, pd.DataFrame]:
    """Time entries as canonical `study_sessions`; project includes the task when there is one."""
    frame = read_csv(path)
    cols = {norm(c): c for c in frame.columns}
    missing = sorted(REQUIRED - set(cols))
    if missing:
        raise FormatError(path, f"missing Clockify columns: {', '.join(missing)}", line=1,
                          hint="export Reports → Detailed → Export → Save as CSV in Clockify")
    get = lambda name: frame[cols[name]] if name in cols else pd.Series("", index=frame.index)  # noqa: E731
    started_at, note = parse_datetimes(get("start date") + " " + get("start time"))
    out = pd.DataFrame({
        "started_at": started_at,
        "minutes": [minutes(c, d) for c, d in zip(get("duration h"), get("duration decimal"))],
        "description": get("description").replace("", None),
        "project": _joined(get("project"), get("task")),
        "tags": get("tags").replace("", None),
        "tool": "clockify",
        "line": frame["line"],
    })[STUDY_SESSIONS + ["line"]]
    out["minutes"] = out["minutes"].astype("float64")
    team = learner_ids_if_team(get("user"), get("email"))
    if team is not None:  # a team export: every entry belongs to its own learner
        out["learner_id"] = team
    out.attrs["warnings"] = [note] if note else []
    return {"study_sessions": out}
