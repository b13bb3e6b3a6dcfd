"""The no-op fast path (Glue job bookmarks without starting the job): what the last clean run saw,
kept in the workspace's `.dagster/last-run.json`, and the run report made from it when nothing changed."""
from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

from examready.run_outcome import RunOutcome
from examready.selective import kinds_fed
from examready.writable import not_writable
from pipelines.workspace import Workspace
from pipelines.workspace_config import CONFIG_NAME

STATE_NAME = "last-run.json"   # in the workspace's .dagster folder: what the last good run saw
PACKAGES = ("examready", "sources", "warehouse", "pipelines", "reports", "readiness")


def _stat(path: Path) -> list[int] | None:
    """[size, mtime_ns, ctime_ns] (as the state's JSON holds it: `file_signature` with the change time), or None."""
    from warehouse.inbox import file_signature

    signature = file_signature(path, change_time=True)
    return list(signature) if signature else None


def inbox_stats(ws: Workspace) -> dict[str, list[int]]:
    """Size, modification and change time of every inbox file the ingestion would look at."""
    from warehouse.inbox import inbox_files
    from warehouse.inbox_names import inbox_name

    return {inbox_name(path, ws.inbox): _stat(path) for path, _ in inbox_files(ws.inbox)}


def _code_stamp() -> list[int]:
    """Number and newest modification time of the pipeline's own files (code, SQL, blueprints)."""
    root = Path(__file__).resolve().parent.parent
    stamps = [p.stat().st_mtime_ns for pkg in PACKAGES for p in (root / pkg).rglob("*")
              if p.suffix in (".py", ".sql", ".yaml", ".yml", ".html", ".css", ".js")]
    return [len(stamps), max(stamps, default=0)]


def _stamps(ws: Workspace) -> dict:
    """What else a no-op run needs unchanged: the settings file (and the exam_dates roster it names: the
    pages count down to those days), the warehouse file, the code."""
    return {"config": _stat(ws.root / CONFIG_NAME), "warehouse": _stat(ws.db_path), "code": _code_stamp(),
            "roster": _stat(ws.roster_path) if ws.roster_path else None}


def read_state(ws: Workspace) -> dict | None:
    """What the last clean run saw, or None (no such run, or the file is unreadable)."""
    try:
        return json.loads((ws.dagster_home / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# Rejections the same bytes may not get again: the file could not be opened (sources.registry.parse_file:
# permissions, a file still locked), or our code broke on it (warehouse.ingest._unexpected: perhaps memory).
PASSING_REJECTIONS = ("cannot read the file (", "could not be read (")


def _clean(outcome: RunOutcome, seen: dict) -> bool:
    """No failure, no failed check, and every file looked at reported. A rejected file may be among
    them: while its bytes, the code and the warehouse stay the same, the job would reject it again
    with the same report, which the no-op run gives (`no_op_run`) — unless the file could not be opened
    or broke our code (`PASSING_REJECTIONS`): the next run tries it again."""
    return outcome.success and not outcome.failed_checks and not outcome.error and \
        {f["path"] for f in outcome.files} == set(seen) and \
        not any(f["status"] == "rejected" and any(p in (f["error"] or "") for p in PASSING_REJECTIONS)
                for f in outcome.files)


def write_state(ws: Workspace, outcome: RunOutcome, seen: dict) -> None:
    """Remember a clean run (no failed check; each rejected file's report kept); forget anything else."""
    if not _clean(outcome, seen):
        forget_state(ws)
        return
    formats = {f["path"]: [f["kind"], f["format"], *filter(None, [f.get("same_as")])] for f in outcome.files}
    try:
        ws.dagster_home.mkdir(exist_ok=True)
        (ws.dagster_home / STATE_NAME).write_text(json.dumps(
            {"day": ws.today().isoformat(), "learner": ws.config.learner_id, "files": seen, "formats": formats,
             "pages": _within(ws, outcome.pages), "held_until": outcome.held_until, "misplaced": outcome.misplaced,
             "gone": outcome.gone, "renamed": outcome.renamed,
             "rejected": {f["path"]: f for f in outcome.files if f["status"] == "rejected"}, **_stamps(ws)}),
            encoding="utf-8")
    except OSError as exc:
        raise not_writable(ws.dagster_home, exc) from exc


def forget_state(ws: Workspace) -> None:
    """Drop the record: the next run is a full one."""
    try:
        (ws.dagster_home / STATE_NAME).unlink(missing_ok=True)
    except OSError as exc:
        raise not_writable(ws.dagster_home, exc) from exc


def changed_kinds(ws: Workspace, state: dict | None, seen: dict) -> set[str] | None:
    """Kinds of table fed by the inbox files new, changed or removed since the last clean run (by
    their formats: `selective.kinds_fed`), if that run was today with the same learner, settings, code
    and warehouse; None when any of those differ or a row it held back as in the future is due now
    (its file is read again); empty (and pandas not imported) when none changed."""
    if not state or state.get("day") != ws.today().isoformat() or state.get("learner") != ws.config.learner_id:
        return None
    if state.get("held_until") and ws.now() >= datetime.fromisoformat(state["held_until"]):
        return None
    if any(state.get(k) != v for k, v in _stamps(ws).items()):
        return None
    before = state.get("files") or {}
    changed = set(before) ^ set(seen) | \
        {path for path in set(before) & set(seen) if before[path] != seen[path]}  # a link to nothing: None
    return kinds_fed(ws, state, changed) if changed else set()


def _within(ws: Workspace, pages: dict[str, str]) -> dict[str, str]:
    """The pages' paths relative to the workspace's folder: a copy of it (`cp -a`, a backup restored) reports
    its own pages, not the original's."""
    return {name: Path(path).relative_to(ws.root).as_posix() if Path(path).is_relative_to(ws.root) else path
            for name, path in pages.items()}


def _pages(ws: Workspace, state: dict) -> dict[str, str]:
    """The last clean run's pages in this workspace's folder."""
    return {name: str(ws.root / path) for name, path in (state.get("pages") or {}).items()}


def pages_exist(ws: Workspace, state: dict) -> bool:
    """Every page the last clean run built is still there."""
    pages = _pages(ws, state)
    return bool(pages) and all(Path(p).is_file() for p in pages.values())


def no_op_run(ws: Workspace, state: dict) -> RunOutcome | None:
    """Every inbox file `unchanged`, as the job would report it, and a file the last run rejected
    `rejected` with that run's report (the job tries it again and rejects it the same way: its
    bytes, the code and the warehouse are the same); the warehouse is not opened.

    The ingestion ledger writes nothing for unchanged files, and marts and pages built today
    from the same inputs would come out the same, so there is nothing to do. The run's file
    report is kept next to the warehouse (`.runs/<run_id>.json`) like a job run's.
    """
    from warehouse.ledger import FileReport
    from warehouse.run_reports import report_dict

    formats = state.get("formats") or {}
    if set(formats) != set(state["files"]):
        return None
    run_id = str(uuid.uuid4())
    files = [report_dict(FileReport(path, kind, fmt, "unchanged", same_as=same[0] if same else None))
             for path, (kind, fmt, *same) in sorted(formats.items())]  # same: the path counting its bytes
    rejected = state.get("rejected") or {}
    files = [rejected.get(f["path"], f) for f in files]
    runs = ws.db_path.parent / ".runs"
    runs.mkdir(exist_ok=True)
    (runs / f"{run_id}.json").write_text(json.dumps(files, indent=1), encoding="utf-8")
    # Files loaded but no longer in the inbox, and where the renamed ones went, as the last run found them
    # (examready.renames): one put back changes the inbox and `forget` the warehouse, so either makes the
    # run a job run, which finds them again.
    gone = [path for path in state.get("gone") or [] if not (ws.inbox / path).exists()]
    renamed = {old: new for old, new in (state.get("renamed") or {}).items() if old in gone}
    return RunOutcome(run_id, True, files, _pages(ws, state), gone=gone, renamed=renamed,
                      misplaced=state.get("misplaced") or [])
