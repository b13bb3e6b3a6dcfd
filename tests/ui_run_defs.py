"""A job launched as `examready ui` launches the refresh job (tagged with the host, by the inbox sensor),
whose one step takes the `warehouse` pool's slot and keeps it until its process is killed."""
import time

import dagster as dg

from pipelines.run_processes import host_tags


@dg.op(pool="warehouse")
def hold_the_warehouse() -> None:
    """Holds the pool's one slot for longer than any test runs."""
    time.sleep(600)


@dg.job(tags={**host_tags(), "examready/trigger": "inbox"})
def hold_warehouse():
    hold_the_warehouse()


defs = dg.Definitions(jobs=[hold_warehouse])
