"""What every workspace command shares: the --workspace option, its usage error, and the error for a
warehouse another process holds."""
from __future__ import annotations

import click

WORKSPACE_OPTION = click.option(
    "--workspace", "-w", "workspace_dir", type=click.Path(file_okay=False), envvar="EXAMREADY_WORKSPACE",
    help="Workspace folder (default: $EXAMREADY_WORKSPACE, else the current folder or the nearest one "
         "above it with an examready.yaml).")


def workspace(workspace_dir):
    """The workspace the option names; a missing or broken one is a usage error (exit code 2)."""
    from examready.workspace import WorkspaceError, find_workspace

    try:
        return find_workspace(workspace_dir)
    except WorkspaceError as exc:
        raise click.UsageError(str(exc)) from exc


class WarehouseInUse(click.ClickException):
    """Another process holds the warehouse: exit code 3 for every command, as for `run` (docs/cli.md)."""

    exit_code = 3
