"""The refresh job: every asset, in one process (a fresh process per step costs seconds).

Every run of it carries the host that launched it (`examready/host`): with the default run
launcher the run worker runs on that host, so a later check can tell whether the worker's process
(its pid is in the run's event log) is still alive (pipelines/dagster_runs.py).
"""
import dagster as dg

from pipelines.dagster_runs import host_tags

refresh = dg.define_asset_job("refresh", selection=dg.AssetSelection.all(),
                              executor_def=dg.in_process_executor, run_tags=host_tags(),
                              description="Ingest what is new, validate, rebuild marts and pages.")
