"""Numbers and durations from the text of a cell: decimal commas, percentages, clocks, '1m 12s'."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd


def ascii_minus(text: str) -> str:
    """The text with the Unicode minus sign ('−30', as a word processor or a locale writes it) as '-'. Durations
    only: a duration below 0 is held back as unreadable ones are, so only the reason changes (a number elsewhere,
    seconds or a mark, read negative instead of unreadable could count differently: READING_RULES)."""
    return text.replace("\u2212", "-")


def to_number(value) -> float | None:
    """'72', '72,5', '1.234,5', '1,234.5', '72%' -> float; blank or junk -> None."""
    text = str(value or "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
            else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


LARGEST_COUNT = 2.0 ** 53  # past it a float no longer holds every whole number, nor a count anyone wrote


def countable(numbers: pd.Series) -> pd.Series:
    """Numbers (float64) that can be counts, NaN elsewhere: 'inf' and '1E+20' read as numbers but count nothing,
    so they are held back as an unreadable count is, instead of failing the cast to whole numbers."""
    numbers = numbers.astype("float64")
    return numbers.where(np.isfinite(numbers) & (numbers.abs() < LARGEST_COUNT))


def as_counts(numbers: pd.Series) -> pd.Series:
    """Numbers rounded to whole counts (Int64), <NA> where they can be none (`countable`)."""
    return countable(numbers).round().astype("Int64")


_CLOCK = re.compile(r"(?:(\d+):)??(\d+):(\d\d)(?:[.,](\d+))?")  # m:ss or h:mm:ss, seconds may have decimals
_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\.?(?![a-z])")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


def to_seconds(value) -> float | None:
    """Time spent on a question in seconds: a number ('72', '64,5'), a clock ('1:12' is m:ss,
    '00:01:05' h:mm:ss) or units ('35 sec', '1m 12s', '2 min', '1 h 2 min', '26 mins 3 secs');
    blank or anything else -> None."""
    number = to_number(value)
    if number is not None:
        return number
    text = str(value or "").strip().lower()
    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds, fraction = clock.groups()
        if (hours is not None and int(minutes) > 59) or int(seconds) > 59:
            return None
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + float("0." + (fraction or "0"))
    total, at, units = 0.0, 0, []
    for match in _UNIT.finditer(text):
        if text[at:match.start()].strip(" ,") not in ("", "and"):
            return None
        unit = match.group(2)[0]
        if units and "hms".index(unit) <= "hms".index(units[-1]):  # each unit once, largest first
            return None
        units.append(unit)
        total, at = total + float(match.group(1).replace(",", ".")) * _UNIT_SECONDS[unit], match.end()
    return total if units and not text[at:].strip() else None
