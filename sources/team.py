"""Team exports of time trackers: one file with several people's entries (a cohort)."""
from __future__ import annotations

import pandas as pd


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
