"""Summary rows a per-domain result copy keeps (an "Overall" row): no domain of their own, so they are
held back (check `domain_mapped`), and on purpose: the copy can be pasted as-is, nothing to fix.

No pandas here: `examready quarantine` asks it of the labels it lists.
"""
from __future__ import annotations

# Labels (any case, spaces collapsed, a trailing ':' dropped) of the row summing up a whole attempt.
SUMMARY_LABELS = frozenset({"overall", "overall score", "overall result", "overall average", "total", "totals",
                            "total score", "grand total", "all", "all domains", "all categories", "all sections",
                            "all topics", "summary", "average"})


def is_summary_label(label: str | None) -> bool:
    """'Overall', 'TOTAL:', 'All domains' -> True; a domain's name, blank -> False."""
    return " ".join((label or "").lower().split()).rstrip(":").strip() in SUMMARY_LABELS
