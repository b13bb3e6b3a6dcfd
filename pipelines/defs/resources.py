"""The one warehouse resource, bound once for every asset, and the executor of every job.

In-process for every job, also the UI's "Materialize" runs (Dagster's implicit asset job): the
default multiprocess executor starts a process per step, and the steps run one at a time anyway
(one `warehouse` pool slot): "Materialize all" on the demo took 108 s that way, 11 s in-process.
"""
from contextlib import contextmanager

import dagster as dg
from pydantic import PrivateAttr

from pipelines.workspace import Workspace, find_workspace
from warehouse.connection import connect, open_warehouse

# Every step that opens the warehouse: another process holding it (WarehouseLocked) is transient,
# so the step backs off and tries again (2 s, then 4 s) before the run gives up.
WAREHOUSE_RETRY = dg.RetryPolicy(max_retries=2, delay=2, backoff=dg.Backoff.EXPONENTIAL)


class WarehouseResource(dg.ConfigurableResource):
    """The learner's workspace and its DuckDB file."""

    workspace_dir: str
    lock_wait_seconds: float = 10.0
    _writer = PrivateAttr(default=None)

    def workspace(self) -> Workspace:
        return find_workspace(self.workspace_dir)

    @contextmanager
    def connect(self, read_only: bool = False):
        """A connection to the warehouse: the run's one writer, opened on first use and kept until
        the run ends (each open and close of the file costs ~20 ms), or a read-only one of its own
        while no step has written. A step that fails closes the writer: nothing half-done is reused."""
        ws = self.workspace()
        if read_only and self._writer is None:
            with open_warehouse(ws.db_path, read_only=True, wait_seconds=self.lock_wait_seconds,
                                memory_limit=ws.config.memory_limit) as con:
                yield con
            return
        if self._writer is None:
            self._writer = connect(ws.db_path, wait_seconds=self.lock_wait_seconds,
                                   memory_limit=ws.config.memory_limit)
        try:
            yield self._writer
        except BaseException:
            self._close_writer()
            raise

    def _close_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._close_writer()


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={
        "warehouse": WarehouseResource(workspace_dir=dg.EnvVar("EXAMREADY_WORKSPACE")),
    }, executor=dg.in_process_executor)
