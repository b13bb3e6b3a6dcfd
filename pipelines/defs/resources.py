"""The one warehouse resource, bound once for every asset."""
from contextlib import contextmanager

import dagster as dg

from examready.workspace import Workspace, find_workspace
from warehouse.connection import open_warehouse


class WarehouseResource(dg.ConfigurableResource):
    """The learner's workspace and its DuckDB file."""

    workspace_dir: str
    lock_wait_seconds: float = 10.0

    def workspace(self) -> Workspace:
        return find_workspace(self.workspace_dir)

    @contextmanager
    def connect(self, read_only: bool = False):
        ws = self.workspace()
        with open_warehouse(ws.db_path, read_only=read_only, wait_seconds=self.lock_wait_seconds,
                            memory_limit=ws.config.memory_limit) as con:
            yield con


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={
        "warehouse": WarehouseResource(workspace_dir=dg.EnvVar("EXAMREADY_WORKSPACE")),
    })
