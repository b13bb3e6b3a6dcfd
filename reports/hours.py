"""Hours as every command and page shows them: one decimal, a half rounded up (2.25 h is '2.3', 0.75 is '0.8')."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def hours_text(hours: float) -> str:
    """'2.3' for 2.25 and '2.4' for 2.35, as the JSON's 2.25 and 2.35 read: the float's shortest decimal, not its
    binary value (2.35 is 2.34999… in binary, which format(…, '.1f') shows as 2.3, and rounds 2.25 half to even)."""
    # 9 decimals first: a sum of minutes / 60 may come out as 2.3499999999999996 where the figure is 2.35
    return str(Decimal(repr(round(float(hours), 9))).quantize(TENTH, rounding=ROUND_HALF_UP))
