"""The daily schedule: readiness is refreshed as of today even when no new file arrived,
because knowledge decays (the readiness model weights evidence by recency).

Time and time zone come from the workspace config (`schedule_time: "HH:MM"`, `timezone:`), read
when the definitions load. Without a workspace (e.g. `dg check defs` in CI) or with a config that
cannot be read, the schedule uses the default (06:00, UTC) and says so in its description
(every command stops on such a config anyway, naming the file).

A failed daily run (the warehouse held by a notebook through every step retry, a killed worker) is
run again by Dagster's run retries, at most RUN_RETRIES times, all steps each time: its run request
carries the `dagster/max_retries` and `dagster/retry_strategy` tags, which the daemon's run-retry
consumer reads (the workspace's dagster.yaml turns it on, with no retries for other runs). Dagster
1.13 relaunches a failed run as soon as it sees the failure: it has no delay between run retries.
"""
from __future__ import annotations

import os
import warnings
from zoneinfo import ZoneInfo

import dagster as dg

DEFAULT_TIME = (6, 0)
DEFAULT_TIMEZONE = "UTC"
RUN_RETRIES = 2
# ALL_STEPS, not FROM_FAILURE: ingestion is idempotent (the ledger) and marts and pages are rebuilt anyway.
RETRY_TAGS = {"dagster/max_retries": str(RUN_RETRIES), "dagster/retry_strategy": "ALL_STEPS"}


def schedule_settings(workspace_dir: str | None) -> tuple[str, str, str | None]:
    """(cron, time zone, problem) for the workspace; the problem is None when the config was used."""
    from pipelines.workspace import find_workspace
    from pipelines.workspace_config import WorkspaceError, parse_schedule_time

    hour, minute = DEFAULT_TIME
    timezone = DEFAULT_TIMEZONE
    problem = None
    if workspace_dir:
        try:
            config = find_workspace(workspace_dir).config
        except WorkspaceError as exc:
            problem = str(exc)
        else:
            timezone = config.timezone  # reading the config checks both
            hour, minute = parse_schedule_time(config.schedule_time)
    else:
        problem = "EXAMREADY_WORKSPACE is not set"
    return f"{minute} {hour} * * *", timezone, problem


CRON, TIMEZONE, PROBLEM = schedule_settings(os.environ.get("EXAMREADY_WORKSPACE"))
if PROBLEM and os.environ.get("EXAMREADY_WORKSPACE"):
    warnings.warn(f"daily_refresh: {PROBLEM}; the default (06:00 UTC) is used for it", stacklevel=1)


def build_daily_refresh(cron: str, timezone: str, problem: str | None = None) -> dg.ScheduleDefinition:
    """The daily refresh schedule for one cron string and time zone."""

    @dg.schedule(
        name="daily_refresh",
        job_name="refresh",
        cron_schedule=cron,
        execution_timezone=timezone,
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=("Refresh readiness as of today, every day at the workspace's schedule_time in its "
                     f"timezone; a failed run is run again, at most {RUN_RETRIES} times."
                     + (f" Config problem: {problem}; the default (06:00 UTC) is used for it." if problem else "")),
    )
    def _daily_refresh(context: dg.ScheduleEvaluationContext):
        # the tick's time (always set by the daemon and by the UI's "test schedule"), as the learner's day
        as_of = context.scheduled_execution_time.astimezone(ZoneInfo(timezone)).date().isoformat()
        return dg.RunRequest(run_key=f"daily-{as_of}",
                             tags={"examready/trigger": "schedule", "examready/as_of": as_of, **RETRY_TAGS})

    return _daily_refresh


daily_refresh = build_daily_refresh(CRON, TIMEZONE, PROBLEM)
