"""The learner's workspace: config file, inbox folders, warehouse file, pages folder; finding it."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pipelines.workspace_config import CONFIG_NAME, Config, WorkspaceError, read_config
from sources.zones import zone


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


def workspace_among(folders) -> Path | None:
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
    found = root if named else workspace_among([root, *root.parents]) or root
    if named and root.is_file():
        folder = f"its folder, {root.parent}" if root.name == CONFIG_NAME else "the folder holding examready.yaml"
        raise WorkspaceError(f"{root} is a file, not a workspace folder: pass --workspace {folder}")
    if (repo := code_repo_of(found)) is not None:
        raise WorkspaceError(f"no examready workspace at {root}: {not_a_workspace(found, repo)}")
    config_path = found / CONFIG_NAME
    if not config_path.is_file():
        where = f"at {root}" if named else f"at {root} or any folder above it"
        raise WorkspaceError(f"no examready workspace {where} ({CONFIG_NAME} missing); "
                             f"create one with `examready init {root}` or pass --workspace DIR")
    config = read_config(config_path)
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
        roster = read_exam_dates(path)
    except RosterError as exc:
        raise WorkspaceError(str(exc)) from exc
    return _own_line_as_written(roster, str(config.learner_id))


def _own_line_as_written(roster: dict, learner_id: str) -> dict:
    """The roster with the workspace's learner's line under learner_id as written too, which their rows keep: the
    roster spells every learner as class exports' rows do (an email lower-cased), so `Sam@Example.com`'s line was
    never hers. The line stays the class learner's it names as well (`sam@example.com` of a group export)."""
    from sources.learners import learner_key

    key = learner_key(learner_id)
    if key != learner_id and key in roster and learner_id not in roster:
        roster = {**roster, learner_id: roster[key]}
    return roster
