"""What every workspace command shares: the exit codes, the --workspace option, the error for a workspace that
cannot be read, the error for a warehouse another process holds, a read-only connection with those errors, JSON output."""
from __future__ import annotations

import json
from contextlib import contextmanager

import click

from examready.suggested import command

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, the shell's convention

WORKSPACE_OPTION = click.option(
    "--workspace", "-w", "workspace_dir", type=click.Path(), envvar="EXAMREADY_WORKSPACE",
    help="Workspace folder (default: $EXAMREADY_WORKSPACE, else the current folder or the nearest one "
         "above it with an examready.yaml).")


def echo_json(data) -> None:
    """`data` on stdout as indented JSON (dates and other values as their text)."""
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


class Refused(click.ClickException):
    """A command typed right that the workspace, its data or this machine cannot serve (an unknown exam or
    learner, a file already forgotten, no pages yet): "Error: …", exit code 2 as for a usage error, without
    the usage banner. Flag syntax (an unknown option, options that do not go together) stays click.UsageError."""

    exit_code = EXIT_USAGE


def bad_value(option: str, message: str) -> Refused:
    """A Refused worded as Click words a bad option value: "Invalid value for '--exam': …"."""
    return Refused(f"Invalid value for '{option}': {message}")


def named_learner(ctx, param, value):
    """--learner's value, refused when blank: `--learner ""` (an empty shell variable) would quietly mean the
    workspace's learner."""
    several = isinstance(value, tuple)  # forget's: no default learner to fall back on
    if any(v is not None and not v.strip() for v in (value if several else (value,))):
        raise click.BadParameter("is empty; give a learner id as `examready learners` shows it"
                                 + ("" if several else ", or leave --learner out for the workspace's learner"))
    return value


class ConfigProblem(Refused):
    """No workspace, one whose examready.yaml (or roster) cannot be read, or whose warehouse is not built
    (or was built by an older version): "Error: …" naming the file (and line), exit code 2, no usage banner."""


def workspace(workspace_dir):
    """The workspace the option names; a missing or broken one is a ConfigProblem (exit code 2)."""
    from pipelines.workspace import find_workspace
    from pipelines.workspace_config import WorkspaceError

    try:
        return find_workspace(workspace_dir)
    except WorkspaceError as exc:
        raise ConfigProblem(str(exc) + _from_the_environment()) from exc


def _from_the_environment() -> str:
    """Where the folder came from, when a stale EXAMREADY_WORKSPACE (not --workspace) named it."""
    from click.core import ParameterSource

    ctx = click.get_current_context(silent=True)
    if ctx is None or ctx.get_parameter_source("workspace_dir") is not ParameterSource.ENVIRONMENT:
        return ""
    return " (the folder is $EXAMREADY_WORKSPACE's: unset it, or set it to your workspace)"


class IsoDay(click.DateTime):
    """A day written YYYY-MM-DD; one that does not exist (2026-02-30) is said so, not as a format it fails."""

    def __init__(self):
        super().__init__(["%Y-%m-%d"])

    def convert(self, value, param, ctx):
        from datetime import date

        from pipelines.workspace_config import ISO_DAY

        if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
            try:
                date.fromisoformat(value.strip())
            except ValueError as exc:
                self.fail(f"'{value}' is not a real date ({exc})", param, ctx)
        return super().convert(value, param, ctx)


class WarehouseInUse(click.ClickException):
    """Another process holds the warehouse: exit code 3 for every command, as for `run` (docs/cli.md)."""

    exit_code = 3


@contextmanager
def warehouse_reader(ws):
    """A read-only warehouse connection: a missing or unreadable file or marts not built yet are ConfigProblems (2),
    a warehouse another process holds is WarehouseInUse (3)."""
    import duckdb

    from warehouse.connection import WarehouseLocked, WarehouseUnreadable, open_warehouse

    try:
        with open_warehouse(ws.db_path, read_only=True) as con:
            try:
                built_for_the_exam(con, ws)
                yield con
            except (duckdb.CatalogException, duckdb.BinderException) as exc:
                raise ConfigProblem(not_built_message(con, ws, exc)) from exc
    except (FileNotFoundError, WarehouseUnreadable) as exc:
        raise ConfigProblem(str(exc)) from exc
    except WarehouseLocked as exc:
        raise WarehouseInUse(str(exc)) from exc


def built_for_the_exam(con, ws) -> None:
    """ConfigProblem when staging and the marts were built for another exam than examready.yaml names now (its `exam`
    edited since the last run): their figures are that exam's, under the new exam's names and weights. No marts
    yet: nothing to say (`quarantine` reads raw alone; the others say a run is needed when they look)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'staging' "
                       "AND table_name = 'exam_domains'").fetchone()[0]:
        return
    built = {row[0] for row in con.execute("SELECT DISTINCT exam FROM staging.exam_domains").fetchall()}
    if built and str(ws.config.exam).strip().upper() not in {str(exam).upper() for exam in built}:
        raise ConfigProblem(f"{ws.db_path}: the marts were built for {', '.join(sorted(built))}, and "
                            f"{ws.root / 'examready.yaml'} now names {ws.config.exam}; run "
                            f"`{command('run', '-w', ws.root)}` to build them for {ws.config.exam}")


def not_built_message(con, ws, exc: Exception) -> str:
    """What to do when the warehouse lacks a table or column this version reads: a workspace no run has
    built yet (no staging or marts table at all, e.g. right after `init`) needs its first run; else the
    marts were never built (a failed run) or built by an older examready (the next run rebuilds staging
    and marts from raw; nothing is lost)."""
    built = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name IN ('staging', 'marts')"
                        ).fetchone()[0]
    if not built:
        return (f"no run yet in {ws.root}: run `{command('run', '-w', ws.root)}` first (with or without files in "
                "its inbox: the run builds what this command reads)")
    missing = str(exc).splitlines()[0]
    return (f"{ws.db_path}: the marts are not built yet, or were built by an older version of examready "
            f"({missing}); run `{command('run', '-w', ws.root)}` and check its errors")


@contextmanager
def known_learner():
    """--learner naming no learner of the warehouse (a typo): refused (exit 2) listing known ones."""
    from examready.summaries import UnknownLearner

    try:
        yield
    except UnknownLearner as exc:
        raise bad_value("--learner", str(exc)) from exc
