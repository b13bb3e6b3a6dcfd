"""Study-time adapters: Toggl Track, Clockify and plain CSV exports."""
import csv
from pathlib import Path

import pandas as pd

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


def test_toggl_detailed_export():
    adapter, tables = parse_file(INPUTS / "toggl_detailed.csv")
    sessions = tables["study_sessions"]
    assert adapter is toggl
    assert list(sessions.columns) == STUDY_SESSIONS + ["line"]
    assert len(sessions) == 7
    assert round(sessions["minutes"].sum()) == round(_file_minutes(INPUTS / "toggl_detailed.csv", "Duration"))
    assert sessions["minutes"].sum() == 461.25
    assert sessions["started_at"].iloc[0] == pd.Timestamp("2026-02-02 19:30")
    assert sessions["project"].iloc[1] == "DEA-C01 / Domain 1"
    assert sessions["tags"].iloc[4] == "aws, lake formation, security"
    assert sessions["description"].iloc[4] == "Lake Formation permissions, LF-tags"
    assert set(sessions["tool"]) == {"toggl"}
