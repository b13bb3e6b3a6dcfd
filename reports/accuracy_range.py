"""How sure a share of right answers is: a 90% Wilson score interval, so 3 right of 3 reads 53–100%, not 100%."""
from __future__ import annotations

import math

Z90 = 1.6448536269514722  # the standard normal quantile leaving 5% in each tail


def accuracy_range(questions, accuracy) -> tuple[float, float] | None:
    """(low, high): the 90% Wilson score interval of the accuracy behind `accuracy` right of `questions` answers,
    each taken as a fresh question; None without answers."""
    if not questions or accuracy is None or accuracy != accuracy:
        return None
    n, p, z2 = float(questions), float(accuracy), Z90 * Z90
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z90 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def range_text(bounds: tuple[float, float]) -> str:
    """'53–100%'."""
    low, high = bounds
    return f"{100 * low:.0f}–{100 * high:.0f}%"


def with_ranges(rows: list[dict]) -> list[dict]:
    """Rows (questions, accuracy) given their `accuracy_range`."""
    for r in rows:
        r["accuracy_range"] = accuracy_range(r.get("questions"), r.get("accuracy"))
    return rows


def range_ends(questions, accuracy) -> dict:
    """`accuracy_low` and `accuracy_high` for JSON (3 decimals; None without answers)."""
    bounds = accuracy_range(questions, accuracy)
    return {"accuracy_low": round(bounds[0], 3) if bounds else None,
            "accuracy_high": round(bounds[1], 3) if bounds else None}
