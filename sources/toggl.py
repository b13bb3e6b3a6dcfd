"""Toggl Track "Detailed" report CSV export (UTF-8 with BOM, durations HH:MM:SS or decimal)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.canonical import STUDY_SESSIONS, FormatError
from sources.csvread import header_of, read_csv
from sources.team import learner_ids_if_team
from sources.datetimes import duration_minutes, parse_datetimes

FORMAT = "toggl"
KIND = "hours"
REQUIRED = {"description", "project", "start date", "start time", "duration"}


def detect(path: Path, head: bytes) -> bool:
    """Toggl's detailed header: Description, Project, Start date/time and a plain Duration."""
    names = set(header_of(head))
    return REQUIRED <= names and not names & {"duration h", "duration decimal"}


def _joined(*parts: pd.Series, sep: str = " / ") -> pd.Series:
    """Non-empty parts joined row by row; None when all are empty."""
    rows = zip(*[p.fillna("").astype(str) for p in parts])
    return pd.Series([sep.join(x for x in row if x) or None for row in rows], index=parts[0].index,
                     dtype=object)


def parse(path: Path) -> dict[str, pd.DataFrame]:
    """Time entries as canonical `study_sessions`; project includes the task when there is one."""
    frame = read_csv(path)
    cols = {c.lower().strip(): c for c in frame.columns}
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise FormatError(path, f"missing Toggl columns: {', '.join(sorted(missing))}", line=1,
                          hint="export Reports → Detailed → CSV from Toggl Track")
    get = lambda name: frame[cols[name]] if name in cols else pd.Series("", index=frame.index)  # noqa: E731
    started_at, note = parse_datetimes(get("start date") + " " + get("start time"))
    out = pd.DataFrame({
        "started_at": started_at,
        "minutes": get("duration").map(duration_minutes).astype("float64"),
        "description": get("description").replace("", None),
        "project": _joined(get("project"), get("task")),
        "tags": get("tags").replace("", None),
        "tool": "toggl",
        "line": frame["line"],
    })[STUDY_SESSIONS + ["line"]]
    team = learner_ids_if_team(get("user"), get("email"))
    if team is not None:  # a team export: every entry belongs to its own learner
        out["learner_id"] = team
    out.attrs["warnings"] = [note] if note else []
    return {"study_sessions": out}
