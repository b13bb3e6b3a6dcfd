"""A date cell written without its year ('5 Mar', 'March 5', '5/3'): pandas reads it as year 1 (or 1900), so the
reason must come from the text, not the year read."""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser

FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))  # what the text does not name differs between the two


def has_no_year(text) -> bool:
    """The text names a day of a month but no year (no 4-digit number): '5 Mar' yes, 'bad', '2026-13-45', '7pm',
    'Mar' and '0226-03-05' no."""
    if not isinstance(text, str) or FOUR_DIGITS.search(text):
        return False
    try:
        first, second = (parser.parse(text, default=d) for d in DEFAULTS)
    except (ValueError, OverflowError):
        return False
    return (first.month, first.day) == (second.month, second.day) and first.year != second.year
