"""raw.learner_names: the display name a class export gives beside each learner it keys by email.

A file keyed by names (an export with the Email column hidden) stores the same person under their
name: `examready/learner_names.py` warns of it from these pairs (docs/cohorts.md).
"""
from __future__ import annotations

import pandas as pd

from sources.learners import learner_keys


def name_pairs(frame: pd.DataFrame) -> pd.DataFrame | None:
    """Distinct (learner_id, name) of a stored frame's rows naming both (the name spelled as a learner id is,
    and not the email itself); None for a frame without both columns (a note's, a learner's own export)."""
    if not {"learner_id", "learner_name"} <= set(frame.columns):
        return None  # not an empty frame: building one cost ~0.2-0.5 ms, each note of a vault paid it
    pairs = pd.DataFrame({"learner_id": frame["learner_id"], "name": learner_keys(frame["learner_name"])})
    pairs = pairs.dropna().drop_duplicates()
    return pairs[pairs["name"] != pairs["learner_id"]].reset_index(drop=True)  # a User that is the email itself


def write_names(con, load_id: str, pairs: pd.DataFrame | None) -> None:
    """The load's pairs (`name_pairs`) into raw.learner_names."""
    if pairs is None or pairs.empty:
        return
    con.register("names_batch", pairs.assign(load_id=load_id))
    con.execute("INSERT INTO raw.learner_names BY NAME SELECT load_id, learner_id, name FROM names_batch")
    con.unregister("names_batch")
