"""A summary line's Correct, Incorrect and Skipped counts against its Total: the answers must fit the questions."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources.cell_numbers import countable, to_number
from sources.csv_columns import column

ANSWERS_CHECK = ["incorrect", "skipped", "answers", "answers_gap"]


def answer_counts(frame: pd.DataFrame, found: dict[str, str]) -> tuple[pd.Series | None, pd.Series | None]:
    """(Incorrect, Skipped) counts of a summary's lines, None for a column the file lacks; a Skipped cell not read
    as a count (blank, '-') is 0: none skipped, as the total summed from the counts reads it."""
    incorrect = countable(column(frame, found, "incorrect").map(to_number)) if "incorrect" in found else None
    skipped = countable(column(frame, found, "skipped").map(to_number)).fillna(0) if "skipped" in found else None
    return incorrect, skipped


def answers_check(correct: pd.Series, incorrect: pd.Series | None, skipped: pd.Series | None,
                  total: pd.Series) -> dict[str, pd.Series]:
    """Where a line gives its Correct and Incorrect counts and a Total (above 0, at least the Correct count: one
    below is `correct_at_most_total`'s alone), what they say: `answers`, correct + incorrect (+ skipped), and
    `answers_gap`, how many answers more than the Total (above 0) or, with a Skipped column, fewer (below 0; every
    question is then correct, incorrect or skipped); without one fewer answers fit, the rest unanswered (0).
    NaN elsewhere, and `incorrect` and `skipped` as read (NaN without the column). Given the Total as written,
    before one is summed from these counts or derived from a percent. Validation holds a gap other than 0."""
    none = pd.Series(np.nan, index=correct.index, dtype="float64")
    wrong = none if incorrect is None else incorrect.astype("float64")
    left_out = none if skipped is None else skipped.astype("float64")
    judged = total.gt(0) & correct.between(0, total) & wrong.ge(0) & (left_out.ge(0) | (skipped is None))
    answers = (correct + wrong + left_out.fillna(0)).where(judged)
    gap = answers - total
    return {"incorrect": wrong, "skipped": left_out, "answers": answers,
            "answers_gap": gap if skipped is not None else gap.clip(lower=0)}
