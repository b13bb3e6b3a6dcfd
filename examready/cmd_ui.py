"""`examready ui`: the Dagster UI plus the daemon (so the inbox sensor and the daily schedule run).

`dg dev` is started in a process group of its own, bound to 127.0.0.1, with DAGSTER_HOME inside
the workspace. Ctrl-C, SIGTERM and SIGHUP stop the whole group: SIGINT first (dagster dev then
shuts its webserver, daemon and code server down cleanly and runs in flight are interrupted),
SIGTERM and finally SIGKILL for anything still there; the command returns only when no process of
the group is left.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import click

from examready.options import WORKSPACE_OPTION, Refused, workspace

GRACE_SECONDS = 20.0      # dagster dev waits up to 10 s per service on its own
TERM_SECONDS = 10.0      # time for a run worker interrupted by SIGTERM to record how it ended


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in process group `pgid`, from /proc (Linux) or kill(0)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _dg_executable() -> str:
    """The `dg` script next to this Python (the project's environment), else the one on PATH."""
    here = Path(sys.executable).parent / "dg"
    if here.exists():
        return str(here)
    import shutil

    found = shutil.which("dg")
    if not found:
        raise click.ClickException("`dg` (dagster-dg-cli) is not installed in this environment; "
                                   "run `uv sync` in the examready checkout")
    return found


def code_location_name() -> str:
    """The name `dg` gives this project's code location: [tool.dg.project] code_location_name,
    else the project folder's name. Passing the same name to `dg dev` keeps Dagster from
    warning on every definitions load that the two differ."""
    import pipelines

    root = Path(pipelines.__file__).resolve().parent.parent
    try:
        import tomllib

        with open(root / "pyproject.toml", "rb") as handle:
            configured = tomllib.load(handle).get("tool", {}).get("dg", {}).get("project", {})
        return configured.get("code_location_name") or root.name
    except (OSError, ValueError):
        return root.name


def write_workspace_file(dagster_home: Path) -> Path:
    """<DAGSTER_HOME>/workspace.yaml: our definitions module, under dg's location name, run by
    this very Python (rewritten on every start; it is derived, not user settings)."""
    import yaml

    entry = {"module_name": "pipelines.definitions", "location_name": code_location_name(),
             "executable_path": sys.executable}
    path = dagster_home / "workspace.yaml"
    path.write_text("# written by `examready ui` on every start\n"
                    + yaml.safe_dump({"load_from": [{"python_module": entry}]}, sort_keys=False),
                    encoding="utf-8")
    return path


def _wait_gone(child: subprocess.Popen, pgid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        child.poll()  # reap the leader once it exits, so it does not linger as a zombie
        if child.returncode is not None and not group_members(pgid):
            return True
        time.sleep(0.2)
    child.poll()
    return child.returncode is not None and not group_members(pgid)


def stop_group(child: subprocess.Popen, pgid: int) -> None:
    """SIGINT the group, then SIGTERM, then SIGKILL; return when nothing of it is left."""
    for sig, wait in ((signal.SIGINT, GRACE_SECONDS), (signal.SIGTERM, TERM_SECONDS), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            pass
        if _wait_gone(child, pgid, wait):
            return
    child.wait()


@click.command("ui")
@WORKSPACE_OPTION
@click.option("--port", "-p", default=3000, show_default=True, type=click.IntRange(1, 65535),
              help="Port of the Dagster webserver on 127.0.0.1.")
def ui(workspace_dir, port):
    """The Dagster UI for the workspace on http://127.0.0.1:PORT, with sensors and schedules running.

    New or changed files in the inbox trigger a refresh within about 10 seconds of the last
    write; the daily schedule refreshes readiness at the workspace's schedule_time. Stop with
    Ctrl-C (or SIGTERM): every process started here is stopped before the command returns.
    """
    from pipelines.dagster_yaml import write_dagster_yaml

    ws = workspace(workspace_dir)
    if not port_is_free(port):
        raise Refused(f"port {port} on 127.0.0.1 is in use; pick another with --port")
    write_dagster_yaml(ws.dagster_home)  # with run monitoring, also in a workspace made by an older version

    env = dict(os.environ, EXAMREADY_WORKSPACE=str(ws.root), DAGSTER_HOME=str(ws.dagster_home))
    command = [_dg_executable(), "dev", "--workspace", str(write_workspace_file(ws.dagster_home)),
               "--host", "127.0.0.1", "--port", str(port)]
    handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: received.append(signum)) for sig in handled}
    try:
        child = subprocess.Popen(command, env=env, cwd=ws.root, start_new_session=True)
        try:
            click.echo(f"Dagster UI for {ws.root} at http://127.0.0.1:{port} "
                       f"(inbox sensor and daily schedule running; Ctrl-C to stop)", err=True)
            while child.poll() is None and not received:
                time.sleep(0.2)
        finally:
            stop_group(child, child.pid)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        click.echo(f"stopped ({signal.Signals(received[0]).name}); no Dagster process left", err=True)
        return
    if child.returncode:
        raise click.ClickException(f"dg dev exited with code {child.returncode}")
