"""A summary line's Correct, Incorrect and Skipped counts against its Total: the answers must fit the questions."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources.cell_numbers import countable, to_number
from sources.csv_columns import column

# numbers (float64; validation.COMPUTED), then texts quoted by validation: an Incorrect or Skipped cell that is no
# count (`incorrect_is_count`, `skipped_is_count`), and where the Total as written is (`answers_fit_total`)
ANSWERS_CHECK = ["incorrect", "skipped", "answers", "answers_gap", "incorrect_text", "skipped_text", "total_in"]


def answer_counts(frame: pd.DataFrame, found: dict[str, str]) -> tuple[pd.Series | None, pd.Series | None]:
    """(Incorrect, Skipped) counts of a summary's lines, None for a column the file lacks; a Skipped cell not read
    as a count (blank, '-') is 0: none skipped, as the total summed from the counts reads it."""
    incorrect = countable(column(frame, found, "incorrect").map(to_number)) if "incorrect" in found else None
    skipped = countable(column(frame, found, "skipped").map(to_number)).fillna(0) if "skipped" in found else None
    return incorrect, skipped


def is_count(numbers: pd.Series | None) -> pd.Series | bool:
    """Whether each number can count questions: whole and 0 or more (NaN: False); True for a column not given."""
    return True if numbers is None else numbers.ge(0) & numbers.mod(1).eq(0)


def not_counts(cells: pd.Series, numbers: pd.Series | None) -> pd.Series:
    """The cells as written whose number counts no questions ('-3', '2.5'); None elsewhere (blank, unread, a count)."""
    if numbers is None:
        return pd.Series([None] * len(cells), index=cells.index, dtype=object)
    return cells.astype(object).where(numbers.notna() & ~is_count(numbers), None)


def summed_total(correct: pd.Series, incorrect: pd.Series, skipped: pd.Series | None) -> pd.Series:
    """Correct + Incorrect (+ Skipped): the total of a line without one, NaN where Incorrect or Skipped is no count
    (5 of 8 + -3 is no line of 5 questions: `incorrect_is_count` holds it back alone)."""
    return (correct + incorrect + (0 if skipped is None else skipped)).where(is_count(incorrect) & is_count(skipped))


def answers_said(frame: pd.DataFrame, found: dict[str, str], incorrect: pd.Series | None, skipped: pd.Series | None,
                 in_total: pd.Series, in_correct: pd.Series, in_score: pd.Series) -> dict[str, pd.Series]:
    """What validation quotes: `incorrect_text` and `skipped_text`, a cell whose number counts no questions; and
    `total_in`, where the Total as written is, named as the file names it (`in_total`, `in_correct`, `in_score`: the
    Total each column gives): the Total column's name ('Total', 'Questions'), or the cell giving it with its
    column's ('Correct '14/20''), as the Total column wins over 14/20 in Correct, and that over Score."""
    where = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for name, given in (("score", in_score), ("correct", in_correct)):
        if name in found:
            where = where.mask(given.notna(), found[name] + " '" + column(frame, found, name).astype(str) + "'")
    if "total" in found:
        where = where.mask(in_total.notna(), found["total"])
    return {"incorrect_text": not_counts(column(frame, found, "incorrect"), incorrect),
            "skipped_text": not_counts(column(frame, found, "skipped"), skipped), "total_in": where}


def answers_check(correct: pd.Series, incorrect: pd.Series | None, skipped: pd.Series | None,
                  total: pd.Series) -> dict[str, pd.Series]:
    """Where a line gives its Correct and Incorrect counts and a Total (above 0, at least the Correct count: one
    below is `correct_at_most_total`'s alone), what they say: `answers`, correct + incorrect (+ skipped), and
    `answers_gap`, how many answers more than the Total (above 0) or, with a Skipped column, fewer (below 0; every
    question is then correct, incorrect or skipped); without one fewer answers fit, the rest unanswered (0).
    NaN elsewhere (an Incorrect or Skipped number that is no count, -3 or 2.5, is `incorrect_is_count`'s or
    `skipped_is_count`'s alone), and `incorrect` and `skipped` as read (NaN without the column). Given the Total as
    written, before one is summed from these counts or derived from a percent. Validation holds a gap other than 0."""
    none = pd.Series(np.nan, index=correct.index, dtype="float64")
    wrong = none if incorrect is None else incorrect.astype("float64")
    left_out = none if skipped is None else skipped.astype("float64")
    judged = total.gt(0) & correct.between(0, total) & is_count(wrong) & is_count(skipped)
    answers = (correct + wrong + left_out.fillna(0)).where(judged)
    gap = answers - total
    return {"incorrect": wrong, "skipped": left_out, "answers": answers,
            "answers_gap": gap if skipped is not None else gap.clip(lower=0)}
