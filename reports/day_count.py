"""How a number of days reads, the same on the dashboard, the class page and in `examready learners`."""
from __future__ import annotations


def day_count(days: int) -> str:
    """'1 day', '24 days', '1,234 days' (of the number's size alone: 3 days ago is '3 days')."""
    return f"{abs(days):,} day{'s' * (abs(days) != 1)}"


def days_text(days: int) -> str:
    """'in 10 days', 'today', or '12 days ago' for an exam date gone by."""
    return "today" if days == 0 else f"in {day_count(days)}" if days > 0 else f"{day_count(days)} ago"
