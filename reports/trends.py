"""Readiness change per domain in words: arrows, and why a domain has none (not practised yet, new)."""
from __future__ import annotations

from reports.caveats import unmeasured_text
from reports.data import SiteData
from reports.html import esc

ARROWS = {"up": "▲", "down": "▼", "flat": "►"}
STEADY_POINTS = 2.0


def trend_word(change) -> str:
    """'up' / 'down' / 'flat' for a readiness change in points."""
    if change != change or abs(change) < STEADY_POINTS:
        return "flat"
    return "up" if change > 0 else "down"


def change_text(change) -> str:
    """'▲ +3', '▼ -4', '► ±0' for a readiness change in points."""
    if change != change:
        return "–"
    points = round(change)
    return f"{ARROWS[trend_word(points)]} {points:+d}" if points else f"{ARROWS['flat']} ±0"


def trend_text(row: dict) -> str:
    """The change arrow of one domain's readiness, or why it has none (e.g. not practised yet)."""
    return row["trend_note"] or change_text(row["change"])


def bar_mark(row: dict) -> str:
    """What a readiness bar carries after its value: the change arrow, or a word where there is none."""
    if not row["measured"]:
        return "(not practised yet)"
    return "(new)" if row["trend_note"] else change_text(row["change"])[0]


def change_caption(data: SiteData) -> str:
    """The Change column's caption: since when, or that there is no earlier day to compare with."""
    if data.current.empty or data.current["since"].iloc[0] == data.history["as_of"].max().date():
        return "Change: none yet (estimates of one day only)"
    return f"Change: readiness points since {data.current['since'].iloc[0]}"


def unmeasured_note(data: SiteData) -> str:
    """Under a readiness table: what 'not practised yet' means, when a domain is."""
    if data.current.empty or data.current["measured"].all():
        return ""
    return (f"<p class=muted>{esc(unmeasured_text(data.current['measured'].any()).capitalize())} (0 exam-style "
            "questions): not a measurement, so no trend either; it moves only with the other domains.</p>")
