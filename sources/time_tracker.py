"""What Toggl's and Clockify's detailed reports share: columns, project/task, team exports."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from sources.canonical import STUDY_SESSIONS, FormatError
from sources.csvread import norm, read_csv
from sources.datetimes import parse_datetimes


def joined(*parts: pd.Series, sep: str = " / ") -> pd.Series:
    """Non-empty parts joined row by row; None when all are empty."""
    out = parts[0].fillna("").astype(str)
    for part in parts[1:]:
        part = part.fillna("").astype(str)
        out = out.where(part.eq(""), out.where(out.eq(""), out + sep) + part)
    return out.astype(object).where(out.ne(""), None)


def learner_ids_if_team(*candidates: pd.Series) -> pd.Series | None:
    """Per-row learner ids from the first column (User, then Email) naming several people.

    A learner's own export names one person (often by full name, not the workspace's learner
    id), so it gets None: its rows belong to the workspace's learner.
    """
    for ids in candidates:
        ids = ids.fillna("").astype(str).str.strip()
        if len(ids) and ids.ne("").all() and ids.nunique() > 1:
            return ids
    return None


def read_report(path: Path, required: set[str], product: str, hint: str):
    """The report's rows and a column getter by normalised name ('' for a missing column)."""
    frame = read_csv(path)
    cols = {norm(c): c for c in frame.columns}
    missing = sorted(required - set(cols))
    if missing:
        raise FormatError(path, f"missing {product} columns: {', '.join(missing)}", line=1, hint=hint)
    get: Callable[[str], pd.Series] = (
        lambda name: frame[cols[name]] if name in cols else pd.Series("", index=frame.index))
    return frame, get


def study_sessions(frame: pd.DataFrame, get, minutes, tool: str) -> pd.DataFrame:
    """Canonical `study_sessions`; project includes the task; a team export keeps each learner."""
    started_at, note = parse_datetimes(get("start date") + " " + get("start time"))
    out = pd.DataFrame({
        "started_at": started_at,
        "minutes": pd.Series(list(minutes), index=frame.index, dtype="float64"),
        "description": get("description").replace("", None),
        "project": joined(get("project"), get("task")),
        "tags": get("tags").replace("", None),
        "tool": tool,
        "line": frame["line"],
    })[STUDY_SESSIONS + ["line"]]
    team = learner_ids_if_team(get("user"), get("email"))
    if team is not None:  # a team export: every entry belongs to its own learner
        out["learner_id"] = team
    out.attrs["warnings"] = [note] if note else []
    return out
