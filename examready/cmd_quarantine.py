"""`examready quarantine`: what is held back from the scores, and why."""
from __future__ import annotations

import json

import click

from examready.options import WORKSPACE_OPTION, warehouse_reader, workspace
from examready.quarantine_rows import held_back
from examready.quarantine_text import print_held


@click.command("quarantine")
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True,
              help='Print {"quarantined": [{path, table, line, column, check, reason, kept_on_purpose, advice, '
                   'values, renamed_to?}], "rejected": [{path, error, still_counts}], '
                   '"overlapping": [{path, line, started_at, minutes, counted_minutes, overlaps_path, overlaps_line, '
                   'learner?}], '
                   '"withdrawn": [{learner, lines}]}; advice is fix, wait, kept_on_purpose or summary_row; learner names '
                   'the person of an entry of another learner than the workspace\'s (a class export).')
@click.option("--withdrawn", "withdrawn", is_flag=True,
              help="Also list the held-back rows of learners taken out with `examready forget --learner` "
                   "(left out by default: their rows no longer count), each marked with its learner.")
def quarantine(workspace_dir, as_json, withdrawn):
    """List input rows held back by validation, files that could not be read, and study entries not
    counted, or counted in part, because other files' entries cover (part of) the same time. Summary
    rows a per-domain copy keeps (an "Overall" row) are listed as kept on purpose, nothing to fix. Rows of
    learners taken out of the class (`examready forget --learner`) are left out and counted (`--withdrawn`
    lists them)."""
    ws = workspace(workspace_dir)
    with warehouse_reader(ws) as con:
        data = held_back(con, ws.config.learner_id, ws.inbox, withdrawn, ws.now())
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_held(data, ws.inbox)
