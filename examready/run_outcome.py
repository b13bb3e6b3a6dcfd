"""What one `examready run` reports: the run's id and result, each file's report, the pages built."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RunOutcome:
    run_id: str
    success: bool
    files: list[dict]
    pages: dict[str, str]
    failed_checks: list[str] = field(default_factory=list)
    error: str | None = None
    gone: list[str] = field(default_factory=list)  # loaded files no longer in the inbox: they still count
    renamed: dict[str, str] = field(default_factory=dict)  # of those, {old path: inbox path with the same content}
    held_until: str | None = None  # earliest time (ISO) of a row held back as in the future (`warehouse.held_future`)
    misplaced: list[str] = field(default_factory=list)  # paths in another kind's folder (file_notices.misplaced)
