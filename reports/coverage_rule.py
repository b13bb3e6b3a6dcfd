"""The rule that calls a service or task statement covered, and an accuracy told beside it without crossing it.

warehouse/sql/marts/*_coverage.sql decide by it (tests/test_coverage_rule.py holds them to these constants)."""
from __future__ import annotations

import math

# 'covered': at least this many practice questions, this share right
COVERED_QUESTIONS, COVERED_ACCURACY = 3, 0.7


def accuracy_text(value: float) -> str:
    """'70%'; one decimal for an accuracy just under the 70% 'covered' needs, which would read 70% ('69.6%'),
    cut, not rounded, where even that would (142 of 203, 69.95%: '69.9%')."""
    if value >= COVERED_ACCURACY or round(100 * value) < round(100 * COVERED_ACCURACY):
        return f"{value:.0%}"
    return f"{accuracy_value(value, 3) * 100:.1f}%"


def accuracy_value(value: float, digits: int = 3) -> float:
    """An accuracy rounded to `digits` for JSON, cut where rounding would reach the 70% 'covered' needs (0.6995:
    0.699, not 0.7)."""
    rounded = round(value, digits)
    if value < COVERED_ACCURACY <= rounded:
        return math.floor(value * 10 ** digits) / 10 ** digits
    return rounded
