"""What the inbox sensor asks Dagster's run storage: the run asked for a set of files, a run in
progress, a `refresh` run that succeeded after a failure."""
from __future__ import annotations

import dagster as dg

RUN_KEY_TAG = "dagster/run_key"                 # the tag Dagster gives a run requested with a run key
WAITED_FOR = ("QUEUED", "STARTING", "STARTED", "CANCELING")


def run_for_key(instance, run_key: str):
    """The record of the run requested with `run_key`, or None."""
    records = instance.get_run_records(filters=dg.RunsFilter(tags={RUN_KEY_TAG: run_key}), limit=1)
    return records[0] if records else None


def succeeded_since(instance, ended: float) -> bool:
    """Whether a `refresh` run that started after `ended` succeeded (it read every inbox file)."""
    records = instance.get_run_records(filters=dg.RunsFilter(job_name="refresh", statuses=[
        dg.DagsterRunStatus.SUCCESS]), limit=1)
    return bool(records) and (records[0].start_time or records[0].create_timestamp.timestamp()) > ended


def in_progress(instance):
    """The record of a run queued, starting, running or being canceled, or None."""
    records = instance.get_run_records(filters=dg.RunsFilter(
        statuses=[dg.DagsterRunStatus[name] for name in WAITED_FOR]), limit=1)
    return records[0] if records else None
