"""`examready forget`: take back the rows of files removed from the inbox, or of a learner taken out of a class."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import click

from examready.options import WORKSPACE_OPTION, Refused, WarehouseInUse, named_learner, workspace
from examready.suggested import command


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
    """Record each file as withdrawn (one transaction); raises Refused naming what cannot be."""
    from warehouse import ledger
    from warehouse.connection import transaction

    current = {path: (kind, fmt, sha) for path, kind, fmt, sha in ledger.current_versions(con, ws.config.learner_id)}
    withdrawn = {r[0] for r in con.execute(f"SELECT path FROM ({ledger.LATEST_BY_PATH}) WHERE status = 'withdrawn'",
                                           {"learner": ws.config.learner_id}).fetchall()}
    for path in paths:
        if path in withdrawn:
            raise Refused(f"{path} is already forgotten: its rows no longer count")
        if path not in current:
            if counted := _counted_copy_of(ws.inbox / path, current):
                raise Refused(f"{path} was not loaded on its own: it has the same bytes as {counted}, which "
                              f"counts them once. To stop counting them, remove every copy of it from the inbox, "
                              f"then `{command('forget', counted)}`")
            raise Refused(f"{path}: no loaded version to forget; files that count: "
                          f"{', '.join(sorted(current)[:10]) or 'none'}")
        if (ws.inbox / path).exists():
            raise Refused(f"{ws.inbox / path} is still in the inbox: remove it first, "
                          "or the next run would load it again")
    run_id = f"forget-{uuid.uuid4().hex[:12]}"
    with transaction(con):
        for path in paths:
            kind, fmt, sha = current[path]
            ledger.record(con, ledger.FileReport(path, kind, fmt, "withdrawn"), sha, ws.config.learner_id, run_id, None)
    return [{"path": path, "status": "withdrawn"} for path in paths]


def _counted_copy_of(path: Path, current: dict) -> str | None:
    """The loaded path whose version has the bytes of inbox file `path` (a copy, counted under that name)."""
    from warehouse.inbox import file_identity

    if not path.is_file():
        return None
    identity = file_identity(path)
    return next((loaded for loaded, (_kind, _fmt, sha) in sorted(current.items()) if sha == identity), None)


@click.command("forget")
@click.argument("paths", nargs=-1)
@click.option("--learner", "learners", callback=named_learner, multiple=True, metavar="ID",
              help="Take a learner out of a class instead (repeat for several): the id as `examready learners` "
                   "shows it. Their rows stop counting; raw keeps them.")
@click.option("--undo", is_flag=True, help="With --learner: count a forgotten learner's rows again.")
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True,
              help='Print {"files": [{path, status}]}, or {"learners": [{learner, status}]} with --learner.')
def forget_command(paths, learners, undo, workspace_dir, as_json):
    """Stop counting files you removed from the inbox (e.g. exams/mock-03.csv), or a learner of a class.

    Their rows stay in raw (nothing is deleted) but no longer count in staging, marts and
    pages from the next `examready run`. Bringing a file back loads it again.

    `--learner ID` takes a learner out of a class workspace: from the next run none of their rows
    count (staging, marts, pages, `examready learners`), also rows of files loaded later, which the
    run reports as stored but not counted. `--learner ID --undo` counts them all again. The
    workspace's own learner cannot be forgotten.
    """
    from examready.writable import FORGET_KEEPS, WorkspaceNotWritable, check_warehouse_writable
    from warehouse.connection import WarehouseLocked, open_warehouse
    from warehouse.own_learner_renamed import take_over_earlier_ids

    if undo and not learners:
        raise click.UsageError("--undo takes back --learner ID; to count a forgotten file again, put it back in "
                               "the inbox and run `examready run`")
    if not paths and not learners:
        raise click.UsageError("name the files to forget (e.g. exams/mock-03.csv) or a learner (--learner ID)")
    if paths and learners:
        raise click.UsageError("give files or --learner, not both: run `examready forget` once for each")
    ws = workspace(workspace_dir)
    if not ws.db_path.exists():
        raise Refused(f"{ws.db_path}: nothing loaded yet, so nothing to forget")
    try:
        check_warehouse_writable(ws, FORGET_KEEPS)  # else DuckDB's error would call the warehouse damaged
    except WorkspaceNotWritable as exc:
        raise Refused(str(exc)) from exc
    try:
        with open_warehouse(ws.db_path) as con:
            if renamed := take_over_earlier_ids(con, ws.config.learner_id):  # learner_id changed since the last run
                click.echo(renamed, err=True)
            if learners:
                from examready.forget_learners import change_learners

                done = change_learners(con, ws, list(dict.fromkeys(learners)), undo)
            else:
                done = forget(con, ws, list(dict.fromkeys(inbox_relative(ws, p) for p in paths)))
    except WarehouseLocked as exc:
        raise WarehouseInUse(str(exc)) from exc
    key = "learners" if learners else "files"
    if as_json:
        return click.echo(json.dumps({key: done}, indent=2, ensure_ascii=False))
    for item in done:
        click.echo(_said(item) if learners else f"forgot {item['path']}: its rows no longer count (raw keeps them)")
    click.echo(f"run `{command('run', '-w', ws.root)}` to rebuild the marts and pages")


def _said(item: dict) -> str:
    """One learner's change in words."""
    who = item["learner"]
    if item["status"] == "restored":
        return f"restored {who}: their rows count again from the next run, those of files loaded meanwhile too"
    return (f"forgot {who}: from the next run their rows no longer count (staging, marts, pages, `examready "
            f"learners`), nor their rows in files loaded later; raw keeps them all. "
            f"`{command('forget', '--learner', who, '--undo')}` counts them again")
