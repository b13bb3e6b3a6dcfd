"""`examready run`: ingest what is new, rebuild marts and pages, and report each file (text or the JSON contract)."""
from __future__ import annotations

import sys
from contextlib import redirect_stdout

import click

from examready.options import (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, WORKSPACE_OPTION, WarehouseInUse, echo_json,
                               workspace)
from examready.suggested import command

EXIT_COULD_NOT_RUN = WarehouseInUse.exit_code  # 3: the warehouse was in use by another process (for `run`: through every retry)


def _run_and_report(ws, as_json: bool) -> int:
    from examready.file_notices import folder_hints, same_bytes_lines
    from examready.interrupts import run_interruptibly
    from examready.learner_warnings import learner_warnings
    from examready.overlap_notices import overlap_notices
    from examready.withdrawn_notices import withdrawn_notices
    from pipelines.past_exam_dates import past_dates_in
    from examready.writable import WorkspaceNotWritable
    from warehouse.connection import WarehouseLocked
    from warehouse.run_reports import STILL_COUNTS

    try:
        # stdout carries only our report (the JSON contract): anything a library prints goes to stderr.
        with redirect_stdout(sys.stderr):
            outcome = run_interruptibly(ws, show_progress=not as_json and sys.stderr.isatty())
    except WarehouseLocked as exc:
        # No report: the run did not get to look at (every) file. What it loaded is kept.
        click.echo(f"examready: {exc}", err=True)
        return EXIT_COULD_NOT_RUN
    except WorkspaceNotWritable as exc:
        click.echo(f"examready: {exc}", err=True)
        return EXIT_USAGE
    if as_json:
        echo_json({"run_id": outcome.run_id, "files": outcome.files, "pages": outcome.pages})
    else:
        for f in outcome.files:
            extra = f" — {f['error']}" if f["error"] else ""
            if f.get("still_counts"):
                extra += STILL_COUNTS
            click.echo(f"{f['status']:9} {f['path']} ({f['format'] or 'format unknown'}): {f['rows_loaded']} loaded, "
                       f"{f['rows_quarantined']} quarantined{extra}")
        for name, path in outcome.pages.items():
            click.echo(f"{name}: {path}")
    for old, new in outcome.renamed.items():
        click.echo(f"{old} was renamed: its content, now at {new}, is loaded and counts once, under the old name "
                   f"(nothing to do; `{command('forget', old)}` then `examready run` records it under the new name, "
                   "with the same counts)", err=True)
    hints = folder_hints(outcome.files, outcome.misplaced)  # said on every run, the no-op one too
    for line in same_bytes_lines(ws.inbox, outcome.files, outcome.renamed) + hints:
        click.echo(line, err=True)
    for line in withdrawn_notices(ws):  # per file loaded after a learner was taken out: their rows do not count
        click.echo(line, err=True)
    for line in overlap_notices(ws):  # per file: its study entries another file's make count less
        click.echo(line, err=True)
    for warning in learner_warnings(ws):  # roster lines naming no learner; ids that look like a typo
        click.echo(f"Warning: {warning}", err=True)
    for warning in past_dates_in(ws):  # exam_date or roster lines gone by: the plan plans no hours toward them
        click.echo(f"Warning: {warning}", err=True)
    gone = [path for path in outcome.gone if path not in outcome.renamed]
    if gone:
        click.echo(f"{len(gone)} file(s) no longer in the inbox are still loaded: {', '.join(gone[:5])}"
                   f"{', …' if len(gone) > 5 else ''}; `examready forget PATH` stops counting one "
                   "(raw keeps its rows)", err=True)
    if outcome.error:
        click.echo(f"run failed: {outcome.error}\n(each step's log: `{command('ui', '-w', ws.root)}`, run {outcome.run_id})",
                   err=True)
    if outcome.failed_checks:
        click.echo(f"failed checks: {', '.join(outcome.failed_checks)}", err=True)
    problems = outcome.error or outcome.failed_checks or any(f["status"] == "rejected" for f in outcome.files)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _interrupted(ws) -> None:
    """Ctrl-C: one line, then the process ends at once (the run's thread is not waited for)."""
    from examready.interrupts import exit_interrupted

    again = command('run', '-w', ws.root) if ws is not None else command('run')
    exit_interrupted(f"interrupted: the run stopped part-way; files it finished loading are kept, the rest and the "
                     f"marts and pages are rebuilt by the next run: run `{again}` again")


@click.command()
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the run report).")
def run(workspace_dir, as_json):
    """Ingest what is new, validate it, rebuild marts and pages.

    Exit code 0: all good; 1: the run finished but files were rejected or checks failed;
    2: usage or configuration error (no workspace, a bad examready.yaml, a workspace that cannot be
    written); 3: the warehouse was in use by another process (nothing reported; run again later);
    130: interrupted (Ctrl-C; run again).
    """
    ws = None
    try:
        ws = workspace(workspace_dir)
        code = _run_and_report(ws, as_json)
    except KeyboardInterrupt:
        _interrupted(ws)
    sys.exit(code)
