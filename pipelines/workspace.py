"""The learner's workspace: config file, inbox folders, warehouse file, pages folder."""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from sources.blueprint import available_exams
from sources.zones import zone, zone_name

CONFIG_NAME = "examready.yaml"
INBOX_KINDS = ("notes", "exams", "hours")
MEMORY = re.compile(r"^\d+(\.\d+)?\s*([KMGT]i?B)$", re.IGNORECASE)


class WorkspaceError(Exception):
    """A missing or invalid workspace; the CLI turns it into exit code 2."""


@dataclass
class Config:
    exam: str = "DEA-C01"
    learner_id: str = "me"
    exam_date: str | None = None
    timezone: str = "UTC"
    schedule_time: str = "06:00"
    memory_limit: str = "1GB"  # DuckDB's buffer pool; above it DuckDB spills to disk
    cohort: bool | None = None  # a class workspace: a file naming one person is theirs (docs/cohorts.md)
    exam_dates: str | None = None  # a roster CSV (learner, exam_date), relative to the workspace folder


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: Config
    # {learner: (exam date, line of the roster)} from config.exam_dates (pipelines/exam_dates.py)
    roster: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def db_path(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def dagster_home(self) -> Path:
        return self.root / ".dagster"

    def _learner_clock(self) -> datetime:
        """The wall clock where the learner lives (the config's time zone), without the zone."""
        learner_zone = zone(self.config.timezone)
        return datetime.now(learner_zone).replace(tzinfo=None) if learner_zone else datetime.now()

    def today(self) -> date:
        """Today's date where the learner lives (the config's time zone)."""
        return self._learner_clock().date()

    def now(self) -> datetime:
        """The later of this machine's and the learner's wall clock, without a zone.

        Exports give times without a zone, in the learner's time or the machine's (one written with an
        offset is stored in the learner's, `sources.datetimes`): a time is in the future only if it is
        later than both (a server in UTC would otherwise hold back a mock exam taken this morning in Auckland).
        """
        return max(datetime.now(), self._learner_clock())

    def exam_date(self, learner: str | None = None) -> date | None:
        """The learner's exam day: their line of the exam_dates roster, else the workspace's exam_date."""
        if learner is not None and learner in self.roster:
            return self.roster[learner][0]
        return date.fromisoformat(self.config.exam_date) if self.config.exam_date else None

    @property
    def roster_path(self) -> Path | None:
        """The exam_dates roster CSV, if the config names one."""
        return self.root / self.config.exam_dates if self.config.exam_dates else None


def parse_schedule_time(value) -> tuple[int, int]:
    """(hour, minute) from "HH:MM".

    YAML 1.1 reads an unquoted 18:30 as the sexagesimal integer 1110 (18 * 60 + 30), so an
    integer is taken as minutes after midnight.
    """
    if isinstance(value, bool):
        raise ValueError(f"schedule_time {value!r} is not HH:MM")
    if isinstance(value, int):
        if 0 <= value < 24 * 60:
            return divmod(value, 60)
        raise ValueError(f"schedule_time {value!r} is not HH:MM")
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(value))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"schedule_time {value!r} is not HH:MM (24-hour clock, e.g. \"06:00\")")
    return int(match.group(1)), int(match.group(2))


SETTINGS = tuple(Config.__dataclass_fields__)  # every key examready.yaml may have


def _read_config(path: Path) -> Config:
    from pipelines.config_file import key_lines, not_utf8, unknown_key, unreadable_line

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorkspaceError(not_utf8(path, raw, exc)) from exc
    try:
        data, lines = yaml.safe_load(text) or {}, key_lines(text)
    except yaml.YAMLError as exc:
        raise WorkspaceError(f"{path}: not valid YAML ({exc}); fix it, or delete it and run "
                             f"`examready init {path.parent}` to write a new one") from exc
    except ValueError as exc:  # PyYAML's own value, e.g. an unquoted date that does not exist (2027-02-30)
        raise WorkspaceError(f"{path}{unreadable_line(text)}: a value that cannot be read ({exc}); "
                             f"dates are written YYYY-MM-DD") from exc
    if not isinstance(data, dict):
        raise WorkspaceError(f"{path}: expected a mapping of settings")
    if unknown := [key for key in data if key not in SETTINGS]:
        raise WorkspaceError(unknown_key(path, unknown[0], lines.get(str(unknown[0])), SETTINGS))
    return _checked(Config(**data), lambda key: f"{path} line {lines[key]}" if key in lines else str(path))


def _checked(config: Config, where) -> Config:
    """The config with its values checked and spelt as the rest of examready reads them; `where(key)`:
    the file and line naming a setting, for its error."""
    if str(config.exam).strip().upper() not in available_exams():
        raise WorkspaceError(f"{where('exam')}: exam '{config.exam}' is unknown; "
                             f"known: {', '.join(available_exams())}")
    if not str(config.learner_id or "").strip():
        raise WorkspaceError(f"{where('learner_id')}: learner_id is empty; name the learner whose exports "
                             "these are, e.g. me")
    try:
        config.schedule_time = "{:02d}:{:02d}".format(*parse_schedule_time(config.schedule_time))
    except ValueError as exc:
        raise WorkspaceError(f"{where('schedule_time')}: {exc}") from exc
    if config.exam_date:
        try:
            date.fromisoformat(str(config.exam_date))
        except ValueError as exc:
            raise WorkspaceError(f"{where('exam_date')}: exam_date '{config.exam_date}' is not YYYY-MM-DD") from exc
        config.exam_date = str(config.exam_date)
    if (timezone := zone_name(str(config.timezone))) is None:
        raise WorkspaceError(f"{where('timezone')}: timezone '{config.timezone}' is not a time zone name "
                             "like Europe/Berlin or UTC")
    config.timezone = timezone  # as the zone database spells it: later look-ups need no case-blind search
    if not MEMORY.match(str(config.memory_limit)):
        raise WorkspaceError(f"{where('memory_limit')}: memory_limit '{config.memory_limit}' is not a size "
                             "like 1GB, 512MB or 4GiB")
    config.memory_limit = str(config.memory_limit).replace(" ", "")
    if not isinstance(config.cohort, (bool, type(None))):
        raise WorkspaceError(f"{where('cohort')}: cohort '{config.cohort}' is not true or false")
    if config.exam_dates is not None and not isinstance(config.exam_dates, str):
        raise WorkspaceError(f"{where('exam_dates')}: exam_dates names a CSV file next to it (one line per "
                             "learner: learner,exam_date), e.g. exam_dates: exam-dates.csv; "
                             f"found {type(config.exam_dates).__name__}")
    return config


def _workspace_among(folders) -> Path | None:
    """The first of `folders` holding an examready.yaml, the code repo's folders skipped (an examready.yaml
    an older `examready init .` wrote there is no workspace)."""
    from pipelines.code_repo import code_repo_of

    return next((folder for folder in folders if (folder / CONFIG_NAME).is_file() and code_repo_of(folder) is None),
                None)


def find_workspace(option: str | os.PathLike | None = None) -> Workspace:
    """The workspace named by --workspace, else EXAMREADY_WORKSPACE, else the current folder or
    the nearest folder above it with an examready.yaml (as git finds its repository)."""
    from pipelines.code_repo import code_repo_of, not_a_workspace

    named = option or os.environ.get("EXAMREADY_WORKSPACE")
    root = Path(named or Path.cwd()).resolve()
    found = root if named else _workspace_among([root, *root.parents]) or root
    if (repo := code_repo_of(found)) is not None:
        raise WorkspaceError(f"no examready workspace at {root}: {not_a_workspace(found, repo)}")
    config_path = found / CONFIG_NAME
    if not config_path.is_file():
        where = f"at {root}" if named else f"at {root} or any folder above it"
        raise WorkspaceError(f"no examready workspace {where} ({CONFIG_NAME} missing); "
                             f"create one with `examready init {root}` or pass --workspace DIR")
    config = _read_config(config_path)
    return Workspace(found, config, _read_roster(config_path, config))


def _read_roster(config_path: Path, config: Config) -> dict:
    """The exam_dates roster the config names (empty without one); WorkspaceError naming file and line."""
    from pipelines.exam_dates import RosterError, read_exam_dates

    if not config.exam_dates:
        return {}
    path = config_path.parent / str(config.exam_dates)
    if not path.is_file():
        raise WorkspaceError(f"{config_path}: exam_dates names {path}, which is not a file; give a CSV with a "
                             "learner and an exam_date column (docs/cohorts.md), or remove the setting")
    try:
        return read_exam_dates(path)
    except RosterError as exc:
        raise WorkspaceError(str(exc)) from exc


def create_workspace(root: Path, config: Config) -> Workspace:
    """Create the folders, config file and warehouse (empty raw tables); an existing config is
    kept, never overwritten, and an existing warehouse is not opened."""
    from pipelines.code_repo import code_repo_of, not_a_workspace

    root = Path(root).resolve()
    if (repo := code_repo_of(root)) is not None:
        raise WorkspaceError(not_a_workspace(root, repo))
    if outer := _workspace_among(root.parents):
        raise WorkspaceError(f"{root} is inside the workspace {outer}: a workspace there would be read as inbox "
                             f"files or mixed with its folders; pick a folder outside it")
    for kind in INBOX_KINDS:
        (root / "inbox" / kind).mkdir(parents=True, exist_ok=True)
    (root / "site").mkdir(exist_ok=True)
    home = root / ".dagster"
    home.mkdir(exist_ok=True)
    write_dagster_yaml(home)
    config_path = root / CONFIG_NAME
    if not config_path.exists():
        data = {k: str(v) for k, v in asdict(config).items() if v is not None}
        lines = [f"{key}: {json.dumps(value)}" for key, value in data.items()]  # quoted: '06:00' stays text
        config_path.write_text("# examready workspace settings (see `examready init --help`)\n"
                               + "\n".join(lines) + "\n", encoding="utf-8")
    ws = find_workspace(root)
    if not ws.db_path.exists():
        from warehouse.connection import connect

        connect(ws.db_path, memory_limit=ws.config.memory_limit).close()
    return ws


# One writer at a time on the DuckDB file: every writing asset is in the "warehouse" pool.
# Run monitoring: with the default run launcher (dg dev) the daemon fails runs stuck STARTING or
# CANCELING longer than 3 minutes and frees the pool slots of runs that ended without freeing them
# (it cannot check a STARTED run's worker: the inbox sensor and the CLI do, pipelines/dagster_runs.py).
ONE_RUN_AT_A_TIME = """\
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
  runs:
    max_concurrent_runs: 1
"""
WITH_RUN_MONITORING = ONE_RUN_AT_A_TIME + """\
run_monitoring:
  enabled: true
  start_timeout_seconds: 180
  cancel_timeout_seconds: 180
  max_resume_run_attempts: 0
  poll_interval_seconds: 30
  free_slots_after_run_end_seconds: 30
"""
# Run retries: the daemon relaunches a failed run that asks for it with the `dagster/max_retries`
# tag (the daily schedule's runs, pipelines/defs/schedules.py); no other run is retried (max 0):
# the inbox sensor asks again for a failed run's files itself, with a back-off.
DAGSTER_YAML = WITH_RUN_MONITORING + """\
run_retries:
  enabled: true
  max_retries: 0
  retry_on_asset_or_op_failure: true
"""

# What earlier versions wrote (without run monitoring, then without run retries): such a file was
# never edited, so it is brought up to date.
OLD_DAGSTER_YAMLS = (ONE_RUN_AT_A_TIME, WITH_RUN_MONITORING)


def write_dagster_yaml(home: Path) -> Path:
    """<DAGSTER_HOME>/dagster.yaml: written when missing or as an earlier version wrote it; a file
    edited by hand is kept."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dagster.yaml"
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    if current is None or current in OLD_DAGSTER_YAMLS:
        path.write_text(DAGSTER_YAML, encoding="utf-8")
    return path
