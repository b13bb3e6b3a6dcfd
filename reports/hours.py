"""Hours as every command and page shows them (warehouse.hour_words decides: one decimal, a half rounded up, and
minutes or seconds for time one decimal shows as 0.0 h)."""
from __future__ import annotations

from warehouse.hour_words import hours_said, hours_text

__all__ = ["hours_cell", "hours_said", "hours_text"]


def hours_cell(hours: float) -> str:
    """A cell of a column headed in hours: '2.3' for 2.25 h, but '1 min' where '0.0' would hide a minute."""
    return hours_said(hours).removesuffix(" h")
