"""Running the Dagster refresh job in-process against a workspace."""
from __future__ import annotations

import gc
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from examready.workspace import CONFIG_NAME, Workspace
from examready.writable import check_writable, not_writable

STATE_NAME = "last-run.json"   # in the workspace's .dagster folder: what the last good run saw
FULL_RUN_ENV = "EXAMREADY_FULL_RUN"  # set to 1 to always run the Dagster job
LOCK_WAIT_SECONDS = 5.0
# gc thresholds for a CLI run: young objects collected every 50,000 allocations (Python's default:
# 700); the older generations keep Python's default multipliers.
CLI_GC_THRESHOLDS = (50_000, 10, 10)
PACKAGES = ("examready", "sources", "warehouse", "pipelines", "reports", "readiness")


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


def use_workspace(ws: Workspace) -> None:
    """Point Dagster and our resource at the workspace (DAGSTER_HOME inside it)."""
    os.environ["EXAMREADY_WORKSPACE"] = str(ws.root)
    os.environ["DAGSTER_HOME"] = str(ws.dagster_home)
    ws.dagster_home.mkdir(exist_ok=True)


def _failed_checks(result) -> list[str]:
    """Asset checks that evaluated to failed in this run."""
    return [e.event_specific_data.asset_check_key.to_user_string() for e in result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed]


def run_pipeline(ws: Workspace, show_progress: bool = False, own_process: bool = False) -> RunOutcome:
    """Execute the refresh job once; returns the per-file report and the pages built.

    `own_process`: the process exists for this run (the CLI), so the garbage collector is tuned
    for it: young objects are collected every 50,000 allocations, and what is imported before the
    run starts is frozen out of later scans (it lives until exit). A new export's `examready run`
    spent 1.0-1.2 s of its ~6.5 s in collections, 0.18-0.19 s with this (1 Dec).

    When nothing changed since the last good run today (see `_changed_kinds`), the job is
    skipped: every file is reported `unchanged`, as the job would report it. When only some
    files changed, the run rebuilds only the assets their formats can change (`_kinds_fed`).
    """
    check_writable(ws)
    state = _read_state(ws)
    seen = _inbox_stats(ws)
    kinds = None if os.environ.get(FULL_RUN_ENV) == "1" else _changed_kinds(ws, state, seen)
    if kinds == set() and _pages_exist(state):
        outcome = _no_op_run(ws, state)
        if outcome is not None:
            return outcome
    _forget_state(ws)  # a run killed or interrupted mid-way is never remembered: the next one is full
    outcome = _run_job(ws, show_progress, kinds or None, own_process)
    if kinds and _came_in_unselected(outcome, kinds):
        # A file arrived (or changed format) after the inbox was looked at: ingested, but its tables not rebuilt.
        outcome = _with_first_statuses(_run_job(ws, show_progress, None, own_process), outcome)
    _write_state(ws, outcome, seen)
    return outcome


def _kinds_fed(ws: Workspace, state: dict, changed: set[str]) -> set[str]:
    """The kinds of table the changed files feed, by format, not by folder (docs/formats.md: the
    content decides): the format the last clean run read each file as and the one its content has
    now. A file no adapter claims now (gone, unreadable, or to be rejected) counts for its folder."""
    from pipelines.selection import format_kinds
    from sources.registry import detect

    formats = state.get("formats") or {}
    kinds: set[str] = set()
    for path in changed:
        try:
            adapter = detect(ws.inbox / path)
        except Exception:  # noqa: BLE001  (ingestion reports the file)
            adapter = None
        now = format_kinds(adapter.FORMAT) if adapter else {path.split("/", 1)[0]}
        kinds |= now | format_kinds((formats.get(path) or [None, None])[1])
    return kinds


def _came_in_unselected(outcome: RunOutcome, kinds: set[str]) -> bool:
    """Whether the run read a file whose format feeds a kind it did not rebuild (by its folder if
    it has no format): one that arrived or changed after `_kinds_fed` looked."""
    from pipelines.selection import format_kinds

    return any(f["status"] != "unchanged" and not (format_kinds(f["format"]) or {f["kind"]}) <= kinds
               for f in outcome.files)


def _with_first_statuses(second: RunOutcome, first: RunOutcome) -> RunOutcome:
    """The second run's outcome, with each file reported as the first run (which read it) found it."""
    read_first = {f["path"]: f for f in first.files if f["status"] != "unchanged"}
    second.files = [read_first.get(f["path"], f) for f in second.files]
    second.failed_checks = sorted(set(first.failed_checks) | set(second.failed_checks))
    return second


def _run_job(ws: Workspace, show_progress: bool, kinds: set[str] | None, own_process: bool = False) -> RunOutcome:
    """One in-process run of the refresh job: every asset, or those files of `kinds` can change."""
    from warehouse.connection import wait_until_free
    from warehouse.inbox import hash_in_background

    # Fail fast on another writer before paying for the Dagster import (seconds on a busy machine).
    wait_until_free(ws.db_path, LOCK_WAIT_SECONDS)
    hash_in_background(ws.inbox)  # on the other core while Dagster is imported
    if own_process:
        gc.set_threshold(*CLI_GC_THRESHOLDS)
    use_workspace(ws)
    os.environ["EXAMREADY_PROGRESS"] = "1" if show_progress else "0"
    import dagster as dg

    from examready.dagster_runs import cli_run_tags, settle_earlier_runs
    from examready.run_notices import say_when_waiting_for_pool
    from pipelines.definitions import defs
    from pipelines.selection import stale_assets
    from warehouse.connection import WarehouseLocked, open_warehouse
    from warehouse.ingest import run_reports
    from warehouse.ledger import current_versions

    instance = dg.DagsterInstance.get()
    settle_earlier_runs(instance)
    definitions = defs()
    if own_process:
        gc.freeze()
    job = definitions.resolve_job_def("refresh")
    selection = None if kinds is None else stale_assets(definitions.resolve_asset_graph(), kinds)
    run_id = str(uuid.uuid4())
    # A run the UI's daemon launched after settle_earlier_runs looked holds the warehouse pool: say so.
    with say_when_waiting_for_pool(instance, run_id):
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, tags=cli_run_tags(), asset_selection=selection, run_id=run_id,
            # The CLI reports files, checks and step failures itself; Dagster's console lines repeated the
            # rejections and, when a step failed (another writer took the lock mid-run), added ~80 lines
            # of tracebacks. They stay in the run's event log (`examready ui`).
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL" if own_process else "WARNING"}}}})
    error = None
    if not result.success:
        causes = [_user_error(e.event_specific_data.error) for e in result.all_events if e.is_step_failure]
        locked = [c.message.strip() for c in causes if c.cls_name == WarehouseLocked.__name__]
        if locked:
            # Another process held the warehouse through every retry: the run could not do its work.
            raise WarehouseLocked(locked[-1].removeprefix(f"{WarehouseLocked.__module__}.WarehouseLocked: "))
        error = "; ".join(dict.fromkeys(c.message.strip() for c in causes)) or "run failed"
    with open_warehouse(ws.db_path, read_only=True) as con:
        files = run_reports(con, result.run_id)
        versions = current_versions(con, ws.config.learner_id)
    gone = [path for path, *_ in versions if not (ws.inbox / path).exists()]
    renamed = _renamed(ws, versions, gone, files)
    return RunOutcome(result.run_id, result.success, files, _pages(result), _failed_checks(result), error, gone,
                      renamed)


def _user_error(error):
    """The innermost cause of a step failure's error (our code's exception, not Dagster's wrapper)."""
    while error.cause is not None:
        error = error.cause
    return error


def _renamed(ws: Workspace, versions: list, gone: list[str], files: list[dict]) -> dict[str, str]:
    """{loaded path no longer in the inbox: the inbox path now holding the same content}.

    Only files this run reported `unchanged` without a loaded version of their own can be such a
    copy (a renamed file is not loaded again); just those are hashed.
    """
    from warehouse.inbox import file_identity

    if not gone:
        return {}
    own = {path for path, *_ in versions}
    gone_by_hash = {sha: path for path, _kind, _fmt, sha in versions if path in gone}
    renamed: dict[str, str] = {}
    for f in files:
        if f["status"] != "unchanged" or f["path"] in own:
            continue
        try:
            old = gone_by_hash.get(file_identity(ws.inbox / f["path"]))
        except OSError:
            continue
        if old and old not in renamed:
            renamed[old] = f["path"]
    return renamed


def _pages(result) -> dict[str, str]:
    """The page paths recorded by the reports.site materialization, if it ran."""
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        if mat.asset_key.path == ["reports", "site"]:
            return dict(mat.metadata["pages"].value)
    return {}


# --- the no-op path: Glue job bookmarks without starting the job ------------------------------

def _stat(path: Path) -> list[int] | None:
    """[size, mtime_ns] (as the state's JSON holds it), or None."""
    from warehouse.inbox import file_signature

    signature = file_signature(path)
    return list(signature) if signature else None


def _inbox_stats(ws: Workspace) -> dict[str, list[int]]:
    """Size and modification time of every inbox file the ingestion would look at."""
    from warehouse.inbox import inbox_files

    return {path.relative_to(ws.inbox).as_posix(): _stat(path) for path, _ in inbox_files(ws.inbox)}


def _code_stamp() -> list[int]:
    """Number and newest modification time of the pipeline's own files (code, SQL, blueprints)."""
    root = Path(__file__).resolve().parent.parent
    stamps = [p.stat().st_mtime_ns for pkg in PACKAGES for p in (root / pkg).rglob("*")
              if p.suffix in (".py", ".sql", ".yaml", ".yml", ".html", ".css", ".js")]
    return [len(stamps), max(stamps, default=0)]


def _stamps(ws: Workspace) -> dict:
    return {"config": _stat(ws.root / CONFIG_NAME), "warehouse": _stat(ws.db_path), "code": _code_stamp()}


def _read_state(ws: Workspace) -> dict | None:
    try:
        return json.loads((ws.dagster_home / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(ws: Workspace, outcome: RunOutcome, seen: dict) -> None:
    """Remember a clean run (no rejected file, no failed check); forget anything else."""
    path = ws.dagster_home / STATE_NAME
    clean = outcome.success and not outcome.failed_checks and not outcome.error and \
        all(f["status"] != "rejected" for f in outcome.files) and {f["path"] for f in outcome.files} == set(seen)
    if not clean:
        _forget_state(ws)
        return
    formats = {f["path"]: [f["kind"], f["format"]] for f in outcome.files}
    try:
        ws.dagster_home.mkdir(exist_ok=True)
        path.write_text(json.dumps({"day": ws.today().isoformat(), "learner": ws.config.learner_id,
                                    "files": seen, "formats": formats, "pages": outcome.pages, **_stamps(ws)}),
                        encoding="utf-8")
    except OSError as exc:
        raise not_writable(ws.dagster_home, exc) from exc


def _forget_state(ws: Workspace) -> None:
    try:
        (ws.dagster_home / STATE_NAME).unlink(missing_ok=True)
    except OSError as exc:
        raise not_writable(ws.dagster_home, exc) from exc


def _changed_kinds(ws: Workspace, state: dict | None, seen: dict) -> set[str] | None:
    """Kinds of table fed by the inbox files new, changed or removed since the last clean run (by
    their formats: `_kinds_fed`), if that run was today with the same learner, settings, code and
    warehouse; None when any of those differ; empty (and pandas not imported) when none changed."""
    if not state or state.get("day") != ws.today().isoformat() or state.get("learner") != ws.config.learner_id:
        return None
    if any(state.get(k) != v for k, v in _stamps(ws).items()):
        return None
    before = state.get("files") or {}
    changed = {path for path in set(before) | set(seen) if before.get(path) != seen.get(path)}
    return _kinds_fed(ws, state, changed) if changed else set()


def _pages_exist(state: dict) -> bool:
    return bool(state.get("pages")) and all(Path(p).is_file() for p in state["pages"].values())


def _no_op_run(ws: Workspace, state: dict) -> RunOutcome | None:
    """Every inbox file `unchanged`, as the job would report it; the warehouse is not opened.

    The ingestion ledger writes nothing for unchanged files, and marts and pages built today
    from the same inputs would come out the same, so there is nothing to do. The run's file
    report is kept next to the warehouse (`.runs/<run_id>.json`) like a job run's.
    """
    from dataclasses import asdict

    from warehouse.ledger import FileReport

    formats = state.get("formats") or {}
    if set(formats) != set(state["files"]):
        return None
    run_id = str(uuid.uuid4())
    files = [asdict(FileReport(path, kind, fmt, "unchanged")) for path, (kind, fmt) in sorted(formats.items())]
    runs = ws.db_path.parent / ".runs"
    runs.mkdir(exist_ok=True)
    (runs / f"{run_id}.json").write_text(json.dumps(files, indent=1), encoding="utf-8")
    return RunOutcome(run_id, True, files, dict(state["pages"]))
