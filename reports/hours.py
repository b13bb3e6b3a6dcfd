"""Hours as every command and page shows them (warehouse.hour_words decides: one decimal, a half rounded up, and
minutes or seconds for time one decimal shows as 0.0 h)."""
from __future__ import annotations

from warehouse.hour_words import hours_said, hours_text

__all__ = ["hours_cell", "hours_said", "hours_text", "hours_value"]


def hours_cell(hours: float) -> str:
    """A cell of a column headed in hours: '2.3' for 2.25 h, but '1 min' where '0.0' would hide a minute."""
    return hours_said(hours).removesuffix(" h")


def hours_value(hours: float, exact: bool = False) -> float:
    """Hours for JSON, two decimals (docs/cli.md); `exact`: unrounded, for the words, which round once: 2.5 min is
    0.04 h in JSON, which would read "2 min" (2.4 min) where `hours_said` of the 0.041666 h reads "3 min"."""
    return float(hours) if exact else round(float(hours), 2)
