"""The refresh job: every asset, in one process (a fresh process per step costs seconds)."""
import dagster as dg

refresh = dg.define_asset_job("refresh", selection=dg.AssetSelection.all(),
                              executor_def=dg.in_process_executor,
                              description="Ingest what is new, validate, rebuild marts and pages.")
