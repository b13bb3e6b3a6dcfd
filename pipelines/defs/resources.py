"""The one warehouse resource, bound once for every asset, and the executor of every job.

In-process for every job, also the UI's "Materialize" runs (Dagster's implicit asset job): the
default multiprocess executor starts a process per step, and the steps run one at a time anyway
(one `warehouse` pool slot): "Materialize all" on the demo took 108 s that way, 11 s in-process.
"""
from contextlib import ExitStack, contextmanager

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.workspace import Workspace, find_workspace
from warehouse.connection import WarehouseLocked, connect, duckdb_interrupted, open_warehouse

# Another process holding the warehouse (WarehouseLocked) is transient: the step that opens it tries
# again twice, 4 s apart, before the run gives up. Only that: not a Dagster RetryPolicy, under which
# an interrupted step (`examready ui` stopped, a run terminated) is retried too and the run goes on.
LOCK_RETRIES, LOCK_RETRY_SECONDS = 2, 4


@contextmanager
def interrupt_kept():
    """An interrupt (SIGINT, SIGTERM) that lands while DuckDB works reaches the step as a DuckDB error:
    raise it as the interrupt, so Dagster ends the run then instead of failing one step and running
    the others (seen in 3 of 19 runs of test_interrupted_notice)."""
    try:
        yield
    except (RuntimeError, duckdb.Error) as exc:
        if not duckdb_interrupted(exc):
            raise
        raise dg.DagsterExecutionInterruptedError() from None


@contextmanager
def retried_while_held():
    """A WarehouseLocked raised in the block becomes the step's request to be run again."""
    try:
        yield
    except WarehouseLocked as exc:
        raise dg.RetryRequested(max_retries=LOCK_RETRIES, seconds_to_wait=LOCK_RETRY_SECONDS) from exc


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
        with interrupt_kept():
            yield from self._connection(read_only)

    def _connection(self, read_only: bool):
        ws = self.workspace()
        if read_only and self._writer is None:
            with ExitStack() as stack:
                with retried_while_held():
                    con = stack.enter_context(open_warehouse(ws.db_path, read_only=True, memory_limit=ws.config
                                                             .memory_limit, wait_seconds=self.lock_wait_seconds))
                yield con
            return
        if self._writer is None:
            with retried_while_held():
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
