"""A summary line's missing Correct count from its percent of the Total: the nearest whole count, where one fits."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd

from sources.cell_numbers import LARGEST_COUNT, countable, to_number
from sources.distinct_values import map_distinct
from sources.percent_counts import percent_places, percent_text


def places_of(percent_cells: pd.Series, percent: pd.Series) -> pd.Series:
    """The decimals each percent cell is written to (`percent_places`; a fraction, 0.725, two fewer: 72.5%)."""
    scaled = map_distinct(percent_cells, to_number).astype("float64") != percent  # 0.7 read as 70%
    return pd.Series([percent_places(cell, bool(s)) for cell, s in zip(percent_cells, scaled)],
                     index=percent.index, dtype="int64")


def exact_text(percent: float, places: int, total: int) -> str:
    """percent x total / 100 of the percent as written, exactly: '14.5' for 72.5% of 20."""
    return f"{round(float(percent), places) * total / 100:.{places + 2}f}".rstrip("0").rstrip(".")


def unfit_reason(percent: float, places: int, total: int) -> str:
    """Why no correct count comes of the percent of `total`: none gives it, however a page rounds."""
    return (f"{percent_text(percent, places)} of {total} questions is {exact_text(percent, places, total)}: no whole "
            f"count of correct answers gives it — check the percent or the Total")


def fits(count: int, total: int, percent: float, places: int) -> bool:
    """Whether 100 x count / total shows as the percent when a page rounds, cuts or raises it to the percent's
    decimals: it lies within one unit of the last decimal (63% of 22 fits 14, 63.6% cut; 72.5% of 20 fits none)."""
    shown, unit = Fraction(str(round(float(percent), places))), Fraction(1, 10 ** places)
    return abs(Fraction(100 * count, total) - shown) < unit


def derive_correct(correct: pd.Series, total: pd.Series, percent: pd.Series,
                   places: pd.Series) -> tuple[pd.Series, int, pd.Series]:
    """Missing correct counts from the percent of the Total: the nearest count, percent x Total rounded, where it
    `fits` the percent as written (70% of 20 is 14, 64% of 22 is 14, 50% of 200 is 100). Returns (the counts, how
    many were derived, `correct_unfit`: why none is where none fits, None elsewhere). A percent outside 0..100, or a
    Total not above 0, gives percent x total rounded, as it did: those lines are held back for that
    (`percent_in_range`, `total_positive`)."""
    unfit = pd.Series([None] * len(correct), index=correct.index, dtype=object)
    derived = countable((percent / 100 * total).round())
    judged = correct.isna() & derived.notna() & total.gt(0) & total.lt(LARGEST_COUNT) & percent.between(0, 100)
    for i in correct.index[judged]:
        if not fits(int(derived[i]), int(total[i]), percent[i], int(places[i])):
            derived[i] = float("nan")
            unfit[i] = unfit_reason(percent[i], int(places[i]), int(total[i]))
    missing = correct.isna() & derived.notna()
    return correct.where(~missing, derived), int(missing.sum()), unfit
