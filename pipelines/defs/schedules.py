"""The daily schedule: readiness is refreshed as of today even when no new file arrived,
because knowledge decays (the readiness model weights evidence by recency).

Time and time zone come from the workspace config (`schedule_time: "HH:MM"`, `timezone:`), read
when the definitions load. Without a workspace (e.g. `dg check defs` in CI) or with a value that
cannot be understood, the schedule falls back to 06:00 UTC and says so in its description rather
than breaking `examready run`, which loads the same definitions.
"""
from __future__ import annotations

import os
import re
import warnings
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dagster as dg

DEFAULT_TIME = (6, 0)
DEFAULT_TIMEZONE = "UTC"


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


def schedule_settings(workspace_dir: str | None) -> tuple[str, str, str | None]:
    """(cron, time zone, problem) for the workspace; the problem is None when the config was used."""
    from examready.workspace import WorkspaceError, find_workspace

    hour, minute = DEFAULT_TIME
    timezone = DEFAULT_TIMEZONE
    problem = None
    if workspace_dir:
        try:
            config = find_workspace(workspace_dir).config
        except WorkspaceError as exc:
            problem = str(exc)
        else:
            try:
                hour, minute = parse_schedule_time(config.schedule_time)
            except ValueError as exc:
                problem = f"{workspace_dir}/examready.yaml: {exc}"
            try:
                ZoneInfo(str(config.timezone))
                timezone = str(config.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                problem = f"{workspace_dir}/examready.yaml: unknown timezone {config.timezone!r} (use e.g. Europe/Berlin)"
    else:
        problem = "EXAMREADY_WORKSPACE is not set"
    return f"{minute} {hour} * * *", timezone, problem


CRON, TIMEZONE, PROBLEM = schedule_settings(os.environ.get("EXAMREADY_WORKSPACE"))
if PROBLEM and os.environ.get("EXAMREADY_WORKSPACE"):
    warnings.warn(f"daily_refresh falls back to 06:00 UTC: {PROBLEM}", stacklevel=1)


@dg.schedule(
    job_name="refresh",
    cron_schedule=CRON,
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description=("Refresh readiness as of today, every day at the workspace's schedule_time "
                 "in its timezone." + (f" Using 06:00 UTC because {PROBLEM}." if PROBLEM else "")),
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    when = context.scheduled_execution_time or datetime.now(ZoneInfo(TIMEZONE))
    as_of = when.astimezone(ZoneInfo(TIMEZONE)).date().isoformat()
    return dg.RunRequest(run_key=f"daily-{as_of}",
                         tags={"examready/trigger": "schedule", "examready/as_of": as_of})
