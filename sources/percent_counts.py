"""Counts a percent fits as a results page rounds it: 100 x correct / total rounded half up to the percent's decimals."""
from __future__ import annotations

from fractions import Fraction


import numpy as np
import pandas as pd

from sources.cell_numbers import LARGEST_COUNT


def percent_places(cell, scaled: bool) -> int:
    """The decimals a percent is written to ('70%' 0, '66.7 %' and '66,7' 1); a fraction read as a percent
    (`scaled`: 0.667 is 66.7%) has two fewer, and at least 0: Excel writes a whole 70% as 0.7."""
    text = str(cell if cell is not None else "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    point = max(text.rfind(","), text.rfind("."))
    places = len(text) - point - 1 if point >= 0 else 0
    return max(0, places - 2) if scaled else places


def shown_bounds(percent: float, places: int) -> tuple[Fraction, Fraction]:
    """[low, high): the exact percents that round half up to `percent` as written to `places` decimals (70 at 0:
    69.5 to 70.5)."""
    shown, half = Fraction(str(round(float(percent), places))), Fraction(1, 2 * 10 ** places)
    return shown - half, shown + half


def percent_text(percent: float, places: int) -> str:
    """The percent as written, to its own decimals: '72.5%', '70%'."""
    return f"{round(float(percent), places):.{places}f}%"


def totals_of(correct: float, percent: float, places: int) -> range | None:
    """Every question count n (n >= correct, n >= 1) of which `correct` is `percent`% once 100 x correct / n is
    rounded half up to `places` decimals, as a results page rounds it: range(10, 11) for 7 at 70% (7/9 is 77.8%,
    7/11 63.6%), range(199, 203) for 100 at 50%, empty where none is (0 correct at 70%, 7 at 120%).

    None where no finite set of counts fits: 0% (0 correct at 0% is of any count, 7 at 0% of any above 1,400),
    a correct count that is not a whole number of 0 or more, a percent below 0 or not a number."""
    if pd.isna(correct) or pd.isna(percent) or correct < 0 or correct != int(correct) or percent < 0 \
            or not np.isfinite(percent) or correct >= LARGEST_COUNT:
        return None
    count, (low, high) = int(correct), shown_bounds(percent, places)  # 100 x correct / n in [low, high)
    if low <= 0:
        return None
    first = max(int(100 * count / high) + 1, count, 1)  # n > 100 x correct / high
    return range(first, max(first, int(100 * count / low) + 1))  # n <= 100 x correct / low


def counts_text(counts: range) -> str:
    """'199, 200, 201 or 202'; 'any of 26 counts from 100 to 125' past 5."""
    if len(counts) > 5:
        return f"any of {len(counts)} counts from {counts[0]} to {counts[-1]}"
    return ", ".join(map(str, counts[:-1])) + f" or {counts[-1]}"
