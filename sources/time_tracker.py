"""What Toggl's and Clockify's detailed reports share: columns, project/task, team exports."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from sources.as_written import unread_cells
from sources.canonical import STUDY_SESSIONS, FormatError
from sources.csv_columns import norm
from sources.csvread import read_csv
from sources.datetimes import duration_minutes, parse_date_time
from sources.distinct_values import map_distinct, row_groups
from sources.learners import HEADER_LINES, keying_column, learner_keys
from sources.ragged_rows import CELL_COLUMNS, cell_columns, no_data

# In this order: in a file naming several people, the first naming anyone gives each entry's
# learner (Email keys them, as in Moodle's and per-question files; else User, the display name)
TEAM_COLUMNS = ("email", "user")
PERSON_NAMED = "person_named"  # frame attribute: the one person a learner's own export names (`one_person`)
COLUMNS = ("description", "project", "task", "tags", "start date", "start time", *TEAM_COLUMNS)  # besides durations


def joined(*parts: pd.Series, sep: str = " / ") -> pd.Series:
    """Non-empty parts joined row by row; None when all are empty (joined once per distinct combination)."""
    texts = [part.fillna("").astype(str).to_numpy(dtype=object) for part in parts]
    codes = row_groups(texts)
    combos = np.empty(codes.max() + 1 if len(codes) else 0, dtype=object)
    for row in np.unique(codes, return_index=True)[1]:
        combos[codes[row]] = sep.join(t[row] for t in texts if t[row]) or None
    return pd.Series(combos[codes], index=parts[0].index, dtype=object, name=parts[0].name)


def learner_ids_if_team(*candidates: pd.Series) -> pd.Series | None:
    """Per-row learner ids (`sources.learners.learner_key`) of a file naming several people, from the
    first of the candidate columns naming anyone (`sources.learners.keying_column`), else None.

    Its blank cells give None (such a row is quarantined: `warehouse.ingest` marks it). A learner's
    own export names one person (often by full name, not the workspace's learner id), so it gets
    None: its rows belong to the workspace's learner (unless `cohort: true`). docs/cohorts.md
    """
    return learner_ids_and_column(*candidates)[0]


def learner_ids_and_column(*candidates: pd.Series) -> tuple[pd.Series | None, int | None]:
    """`learner_ids_if_team`, and which candidate gave the ids (None when none did)."""
    keyed = [learner_keys(ids) for ids in candidates]
    column = keying_column(keyed)
    return (None, None) if column is None else (keyed[column], column)


def one_person(*candidates: pd.Series) -> str | None:
    """The person a learner's own export names, as a team export would key them (the first candidate column
    naming anyone: Email, else User), for `inspect` to say; None when it names no one or several."""
    for ids in candidates:
        if named := set(learner_keys(ids).dropna()):
            return named.pop() if len(named) == 1 else None
    return None


def read_report(path: Path, required: set[str], product: str, hint: str, localized: dict[str, str] | None = None):
    """The report's rows and a column getter by normalised English name ('' for a missing column);
    `localized`: other languages' normalised names -> the English ones (`clockify_headers.LOCALIZED`), each
    read where the file has no column of the English name."""
    frame, localized = read_csv(path), localized or {}
    names = {norm(c): c for c in frame.columns}
    cols = {**{localized[n]: c for n, c in names.items() if n in localized}, **names}
    missing = sorted(required - set(cols))
    if missing:
        raise FormatError(path, f"missing {product} columns: {', '.join(missing)}", line=1, hint=hint)
    get: Callable[[str], pd.Series] = (
        lambda name: frame[cols[name]] if name in cols else pd.Series("", index=frame.index))
    return frame, get


def study_sessions(frame: pd.DataFrame, get, durations: pd.Series, tool: str,
                   zone: str | None = None) -> pd.DataFrame:
    """Canonical `study_sessions` with minutes read from `durations`, each row's duration cell (the one the tool's
    `written` picks), kept as `minutes_text` where unreadable (the start's date and time cells, `started_at_text`);
    project includes the task; a team export keeps each learner (and, keyed by Email, each entry's User as
    `learner_name`).

    With `cells` and `extra_cells` (`ragged_rows.cell_columns`): a ragged row is quarantined for them.
    `zone`: as `per_question_csv.parse`'s."""
    started_at, note = parse_date_time(get("start date"), get("start time"), zone)
    minutes = map_distinct(durations, duration_minutes).astype("float64")
    out = pd.DataFrame({
        "started_at": started_at,
        "minutes": minutes,
        "description": get("description").replace("", None),
        "project": joined(get("project"), get("task")),
        "tags": get("tags").replace("", None),
        "tool": tool,
        "line": frame["line"], "minutes_text": unread_cells(durations, minutes),
        "started_at_text": unread_cells(joined(get("start date"), get("start time"), sep=" "), started_at),
        **cell_columns(frame),
    })[STUDY_SESSIONS + ["line", "minutes_text", "started_at_text", *CELL_COLUMNS]]
    again = no_data(frame)  # the header repeated (two exports in one file), a '#' or page line: it names no one
    people = [get(name).mask(again, "") for name in TEAM_COLUMNS]
    team, column = learner_ids_and_column(*people)
    if team is not None:  # a team export: every entry belongs to its own learner
        out["learner_id"] = team
    else:  # a learner's own export: the workspace's learner's, whoever it names
        out.attrs[PERSON_NAMED] = one_person(*people)
    user = get("user").mask(again, "")
    if column == 0 and (user != "").any():  # keyed by email: the User beside it (raw.learner_names)
        out["learner_name"] = user.replace("", None)
    if column == 0:  # an entry without an email: what to do (docs/cohorts.md)
        out.attrs["learner_hint"] = ("Email", "User", f"fill in the member's email in {tool.title()} (their "
                                     "profile) and export the report again")
    out.attrs["warnings"] = [note] if note else []
    out.attrs[HEADER_LINES] = set(frame["line"][again].tolist())  # a learner missing is not said for them
    return out
