"""The workspace's Dagster instance settings, <DAGSTER_HOME>/dagster.yaml (`examready ui`'s daemon reads them)."""
from __future__ import annotations

from pathlib import Path

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
