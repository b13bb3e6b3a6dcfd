"""Selective runs: which kinds of table the changed inbox files feed, and the full rerun when a file
of another kind came in after the inbox was looked at."""
from __future__ import annotations

from examready.run_outcome import RunOutcome
from pipelines.workspace import Workspace


def kinds_fed(ws: Workspace, state: dict, changed: set[str]) -> set[str]:
    """The kinds of table the changed files feed, by format, not by folder (docs/formats.md: the
    content decides): the format the last clean run read each file as and the one its content has
    now. A file no adapter claims now (gone, unreadable, or to be rejected) counts for its folder."""
    from sources.kinds import kinds_fed_by
    from sources.registry import detect

    formats = state.get("formats") or {}
    kinds: set[str] = set()
    for path in changed:
        try:
            adapter = detect(ws.inbox / path)
        except Exception:  # noqa: BLE001  (ingestion reports the file)
            adapter = None
        now = kinds_fed_by(adapter.FORMAT) if adapter else {path.split("/", 1)[0]}
        kinds |= now | kinds_fed_by((formats.get(path) or [None, None])[1])
    return kinds


def came_in_unselected(outcome: RunOutcome, kinds: set[str]) -> bool:
    """Whether the run read a file whose format feeds a kind it did not rebuild (by its folder if
    it has no format): one that arrived or changed after `kinds_fed` looked."""
    from sources.kinds import kinds_fed_by

    return any(f["status"] not in ("unchanged", "rejected")  # a rejected file feeds no table
               and not (kinds_fed_by(f["format"]) or {f["kind"]}) <= kinds for f in outcome.files)


def with_first_statuses(second: RunOutcome, first: RunOutcome) -> RunOutcome:
    """The second run's outcome, with each file reported as the first run (which read it) found it."""
    read_first = {f["path"]: f for f in first.files if f["status"] != "unchanged"}
    second.files = [read_first.get(f["path"], f) for f in second.files]
    second.failed_checks = sorted(set(first.failed_checks) | set(second.failed_checks))
    return second
