"""The `examready` command line: every user action goes through here; each command lives in a cmd_*.py module."""
from __future__ import annotations

import importlib
import sys

import click

from examready.options import EXIT_INTERRUPTED, EXIT_USAGE, Refused


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="examready")
def cli():
    """Exam readiness from your notes, mock exams and study time.

    Start with `examready init DIR --exam DEA-C01` (or `examready demo DIR` for a sample),
    drop files into DIR/inbox/{notes,exams,hours}, then `examready run`.
    """


# The commands: (module, attribute). Each module keeps its heavy imports inside the command
# function so that `examready --help` stays fast (and a no-op run imports neither pandas nor Dagster).
COMMAND_MODULES = [
    ("examready.cmd_init", "init"), ("examready.cmd_init", "exams"), ("examready.cmd_run", "run"),
    ("examready.cmd_init", "demo"), ("examready.cmd_readiness", "readiness"), ("examready.cmd_readiness", "gaps"),
    ("examready.cmd_ui", "ui"),
    ("examready.cmd_inspect", "inspect_command"),
    ("examready.cmd_quarantine", "quarantine"),
    ("examready.cmd_forget", "forget_command"),
    ("examready.cmd_learners", "learners_command"),
    ("examready.cmd_pages", "open_command"), ("examready.cmd_pages", "export"),
]


def _register_commands() -> None:
    for module, attribute in COMMAND_MODULES:
        cli.add_command(getattr(importlib.import_module(module), attribute))


_register_commands()


def main() -> None:
    """The console script: the command, then the process ends without module teardown (fast_exit.py)."""
    from examready.fast_exit import end_process

    try:
        _command()
    except SystemExit as exc:
        end_process(exc.code)
    end_process(0)


def _command() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            _say_interrupted()
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)  # UsageError 2, WarehouseInUse 3, others 1
    except Exception as exc:
        from examready.dagster_storage import RunHistoryUnreadable
        from warehouse.connection import WarehouseUnreadable, duckdb_interrupted

        if isinstance(exc, (WarehouseUnreadable, RunHistoryUnreadable)):  # the files a command opens
            Refused(str(exc)).show()
            sys.exit(Refused.exit_code)
        if not duckdb_interrupted(exc):
            raise
        _say_interrupted()


def _say_interrupted() -> None:
    """Ctrl-C in a command other than `run` and `demo` (which say what they left): one line, exit code 130."""
    click.echo("interrupted (Ctrl-C)", err=True)
    sys.exit(EXIT_INTERRUPTED)
