"""The daily schedule: time and time zone from the workspace config, readiness as of that day."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from pipelines.defs.schedules import build_daily_refresh, daily_refresh, schedule_settings
from pipelines.workspace_config import Config, parse_schedule_time
from pipelines.workspace_create import create_workspace


@pytest.mark.parametrize("value, expected", [
    ("06:00", (6, 0)), ("6:05", (6, 5)), ("18:30", (18, 30)), (" 23:59 ", (23, 59)),
    (1110, (18, 30)),  # YAML 1.1 reads an unquoted 18:30 as 1110 (sexagesimal)
    (0, (0, 0)),
])
def test_parse_schedule_time(value, expected):
    assert parse_schedule_time(value) == expected


@pytest.mark.parametrize("value", ["24:00", "12:60", "6pm", "", None, True, 1440, -1])
def test_parse_schedule_time_rejects(value):
    with pytest.raises(ValueError):
        parse_schedule_time(value)


def _workspace(tmp_path, text: str):
    ws = create_workspace(tmp_path / "ws", Config())
    (ws.root / "examready.yaml").write_text(text, encoding="utf-8")
    return ws


def test_settings_from_workspace_config(tmp_path):
    ws = _workspace(tmp_path, "exam: DEA-C01\nlearner_id: sam\ntimezone: Europe/Berlin\nschedule_time: 18:30\n")
    assert schedule_settings(str(ws.root)) == ("30 18 * * *", "Europe/Berlin", None)


def test_settings_fall_back_and_say_why(tmp_path):
    ws = _workspace(tmp_path, "exam: DEA-C01\ntimezone: Mars/Olympus\nschedule_time: '07:15'\n")
    cron, tz, problem = schedule_settings(str(ws.root))  # an unknown zone: the config is not read at all
    assert (cron, tz) == ("0 6 * * *", "UTC") and "Mars/Olympus" in problem and "examready.yaml" in problem
    ws = _workspace(tmp_path / "other", "exam: DEA-C01\ntimezone: Asia/Tokyo\nschedule_time: noon\n")
    cron, tz, problem = schedule_settings(str(ws.root))
    assert (cron, tz) == ("0 6 * * *", "UTC") and "noon" in problem and "examready.yaml" in problem


def test_settings_without_workspace():
    cron, tz, problem = schedule_settings(None)
    assert (cron, tz) == ("0 6 * * *", "UTC") and "EXAMREADY_WORKSPACE" in problem


def test_schedule_definition_is_running_by_default():
    assert daily_refresh.name == "daily_refresh" and daily_refresh.job_name == "refresh"
    assert daily_refresh.default_status == dg.DefaultScheduleStatus.RUNNING


def test_run_request_is_as_of_the_scheduled_day_in_the_learners_time_zone():
    schedule = build_daily_refresh("30 6 * * *", "Pacific/Auckland")
    assert schedule.cron_schedule == "30 6 * * *" and schedule.execution_timezone == "Pacific/Auckland"
    # 06:30 in Auckland on 28 Nov is still 27 Nov in UTC: the as-of day is the learner's day.
    tick = datetime(2026, 11, 28, 6, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    request = schedule.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=tick)).run_requests[0]
    assert request.run_key == "daily-2026-11-28"
    assert request.tags["examready/as_of"] == "2026-11-28" and request.tags["examready/trigger"] == "schedule"
    utc_tick = tick.astimezone(timezone.utc)
    again = schedule.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=utc_tick)).run_requests[0]
    assert again.run_key == "daily-2026-11-28"
