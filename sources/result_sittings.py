"""A results page's sitting ids, per question or per domain: by the one set its title names
(sources/title_set.py), by its set/attempt column (sources/sittings.py), or with the file as the set."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.csv_columns import column, norm
from sources.ragged_rows import no_data
from sources.sittings import cells_read, file_attempt_name, file_sitting_ids, file_sittings_note, sitting_ids
from sources.title_set import titled_set

# An attempt column under one of these names names one sitting; any other (Exam, Test, Quiz...) names
# the practice set, which a retake sits again: its attempt id gets the sitting's date (see sources/sittings.py).
SITTING_NAMES = {norm(a) for a in ("attempt_id", "attempt", "attempt id")}


def names_a_practice_set(found: dict[str, str]) -> bool:
    """The attempt column names a practice set (Exam, Test, Quiz, ...), not one sitting (Attempt)."""
    return "attempt_id" in found and norm(found["attempt_id"]) not in SITTING_NAMES


def result_sittings(path: Path, frame: pd.DataFrame, found: dict[str, str], taken_at: pd.Series, items: pd.Series,
                    learners: pd.Series | None = None, item: str = "question") -> tuple[pd.Series, pd.Series, list[str]]:
    """Each row's attempt id, each row's provider (the title's platform where no column names one) and what
    run and inspect say of the file's sittings and title. `items` repeat from one sitting to the next
    (questions, or a summary's domains: `item`); `learners`: a cohort export's learner column."""
    taken_at = taken_at.mask(no_data(frame))  # a header again, a '#' or page line is in no sitting (held back anyway)
    name = file_attempt_name(path)
    attempt = column(frame, found, "attempt_id").fillna(name)
    titled, providers, tag, notes = titled_set(frame, found, name)
    if names_a_practice_set(found) or titled is not None:
        attempt = sitting_ids(attempt if titled is None else titled, taken_at, learners, items, providers,
                              frame["line"], cells_read(frame, found), tag=tag)
    elif "attempt_id" not in found:
        attempt, count = file_sitting_ids(name, taken_at, learners, items, providers, frame["line"],
                                          cells_read(frame, found))
        notes = [said for said in [file_sittings_note(count, item)] if said] + notes
    return attempt, providers, notes
