"""`examready forget`: take back the rows of files removed from the inbox."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import click

from examready.options import WORKSPACE_OPTION, WarehouseInUse, workspace


def inbox_relative(ws, name: str) -> str:
    """A path as the reports show it (exams/mock-01.csv), from that form or a path to the file."""
    given = Path(name).expanduser()
    for candidate in (given, Path.cwd() / given):
        try:
            return candidate.resolve().relative_to(ws.inbox.resolve()).as_posix()
        except ValueError:
            continue
    return given.as_posix()


def forget(con, ws, paths: list[str]) -> list[dict]:
    """Record each file as withdrawn (one transaction); raises click.UsageError naming what cannot be."""
    from warehouse import ledger
    from warehouse.connection import transaction

    current = {path: (kind, fmt, sha) for path, kind, fmt, sha in ledger.current_versions(con, ws.config.learner_id)}
    withdrawn = {r[0] for r in con.execute(f"SELECT path FROM ({ledger.LATEST_BY_PATH}) WHERE status = 'withdrawn'",
                                           {"learner": ws.config.learner_id}).fetchall()}
    for path in paths:
        if path in withdrawn:
            raise click.UsageError(f"{path} is already forgotten: its rows no longer count")
        if path not in current:
            raise click.UsageError(f"{path}: no loaded version to forget; files that count: "
                                   f"{', '.join(sorted(current)[:10]) or 'none'}")
        if (ws.inbox / path).exists():
            raise click.UsageError(f"{ws.inbox / path} is still in the inbox: remove it first, "
                                   "or the next run would load it again")
    run_id = f"forget-{uuid.uuid4().hex[:12]}"
    with transaction(con):
        for path in paths:
            kind, fmt, sha = current[path]
            ledger.record(con, ledger.FileReport(path, kind, fmt, "withdrawn"), sha, ws.config.learner_id, run_id, None)
    return [{"path": path, "status": "withdrawn"} for path in paths]


@click.command("forget")
@click.argument("paths", nargs=-1, required=True)
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True, help='Print {"files": [{path, status}]}.')
def forget_command(paths, workspace_dir, as_json):
    """Stop counting files you removed from the inbox (e.g. exams/mock-03.csv).

    Their rows stay in raw (nothing is deleted) but no longer count in staging, marts and
    pages from the next `examready run`. Bringing a file back loads it again.
    """
    from warehouse.connection import WarehouseLocked, open_warehouse

    ws = workspace(workspace_dir)
    if not ws.db_path.exists():
        raise click.UsageError(f"{ws.db_path}: nothing loaded yet, so nothing to forget")
    try:
        with open_warehouse(ws.db_path) as con:
            done = forget(con, ws, list(dict.fromkeys(inbox_relative(ws, p) for p in paths)))
    except WarehouseLocked as exc:
        raise WarehouseInUse(str(exc)) from exc
    if as_json:
        click.echo(json.dumps({"files": done}, indent=2, ensure_ascii=False))
    else:
        for f in done:
            click.echo(f"forgot {f['path']}: its rows no longer count (raw keeps them)")
        click.echo(f"run `examready run -w {ws.root}` to rebuild the marts and pages")
