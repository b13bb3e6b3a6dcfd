"""The workspace's config file, examready.yaml: its settings, reading them and checking each one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from sources.blueprint import available_exams
from sources.learners import spaced_once
from sources.zones import zone_name

CONFIG_NAME = "examready.yaml"
MEMORY = re.compile(r"^\d+(\.\d+)?\s*([KMGT]i?B)$", re.IGNORECASE)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day as written YYYY-MM-DD (here and in the exam_dates roster)


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
NAMES = ("exam", "learner_id")  # read as written: `learner_id: 007` is the learner "007", not the number 7


def read_config(path: Path) -> Config:
    """The settings of the config file at `path`, checked; WorkspaceError naming the file and line."""
    from pipelines.config_file import key_lines, not_utf8, text_as_written, unknown_key, unreadable_line

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorkspaceError(not_utf8(path, raw, exc)) from exc
    try:
        data, lines = yaml.safe_load(text), key_lines(text)
    except yaml.YAMLError as exc:
        raise WorkspaceError(f"{path}: not valid YAML ({exc}); fix it, or delete it and run "
                             f"`examready init {path.parent}` to write a new one") from exc
    except ValueError as exc:  # PyYAML's own value, e.g. an unquoted date that does not exist (2027-02-30)
        raise WorkspaceError(f"{path}{unreadable_line(text)}: a value that cannot be read ({exc}); "
                             f"dates are written YYYY-MM-DD") from exc
    if not text.strip():  # a file of comments alone keeps every default; one with nothing was cut short
        raise WorkspaceError(f"{path}: the file is empty; write its settings again (docs/cli.md), or delete it and "
                             f"run `examready init {path.parent}` to write a new one")
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise WorkspaceError(f"{path}: expected a mapping of settings")
    data.update(text_as_written(text, NAMES))
    if unknown := [key for key in data if key not in SETTINGS]:
        raise WorkspaceError(unknown_key(path, unknown[0], lines.get(str(unknown[0])), SETTINGS))
    return _checked(Config(**data), lambda key: f"{path} line {lines[key]}" if key in lines else str(path))


def _checked(config: Config, where) -> Config:
    """The config with its values checked and spelt as the rest of examready reads them; `where(key)`:
    the file and line naming a setting, for its error."""
    if str(config.exam).strip().upper() not in available_exams():
        raise WorkspaceError(f"{where('exam')}: exam '{config.exam}' is unknown; "
                             f"known: {', '.join(available_exams())}")
    if isinstance(config.learner_id, (list, dict)):
        shape = "a list" if isinstance(config.learner_id, list) else "several keys"
        raise WorkspaceError(f"{where('learner_id')}: learner_id is {shape}, not one name; name the learner whose "
                             "exports these are, e.g. learner_id: me")
    if not str(config.learner_id or "").strip():
        raise WorkspaceError(f"{where('learner_id')}: learner_id is empty; name the learner whose exports "
                             "these are, e.g. me")
    config.learner_id = spaced_once(str(config.learner_id))  # as rows name learners
    try:
        config.schedule_time = "{:02d}:{:02d}".format(*parse_schedule_time(config.schedule_time))
    except ValueError as exc:
        raise WorkspaceError(f"{where('schedule_time')}: {exc}") from exc
    if config.exam_date:
        try:
            date.fromisoformat(str(config.exam_date))
        except ValueError as exc:
            why = f"is not a real date ({exc})" if ISO_DAY.fullmatch(str(config.exam_date)) else "is not YYYY-MM-DD"
            raise WorkspaceError(f"{where('exam_date')}: exam_date '{config.exam_date}' {why}") from exc
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
