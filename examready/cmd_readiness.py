"""`examready readiness` and `examready gaps`: the marts' summaries as text or their JSON contracts."""
from __future__ import annotations

import click

from examready.background_notice import say_if_background_run_failed
from examready.options import (WORKSPACE_OPTION, IsoDay, echo_json, known_learner, named_learner, warehouse_reader,
                               workspace)
from examready.rejected_notice import say_rejected_files


@click.command()
@WORKSPACE_OPTION
@click.option("--learner", callback=named_learner, help="Learner id (default: the workspace's learner).")
@click.option("--as-of", type=IsoDay(), help="Estimate as of this day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def readiness(workspace_dir, learner, as_of, as_json):
    """Readiness per domain with a 90% band, pass probability and predicted score.

    A domain without exam-style questions is marked "not practised yet": its readiness is assumed,
    not measured. Caveats on what the figures rest on (such domains, only flashcards, an exam date
    gone by) follow the headline, or go to stderr with --json (and into its "caveats" list).
    """
    from examready.summaries import (hours_without_domain_text, hours_without_domain_tools, readiness_summary,
                                     retakes_text)
    from reports.caveats import percent_text, readiness_points, unmeasured_text
    from reports.hours import hours_said

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)  # the marts may be older than the inbox
    with known_learner(), warehouse_reader(ws) as con:
        # text: unrounded figures rounded once, as the pages show them (JSON: the contract's rounding)
        data = readiness_summary(con, ws, learner, as_of.date() if as_of else None, exact=not as_json)
        tools = hours_without_domain_tools(con, data["learner"], data["as_of"]) if not as_json else []
        say_rejected_files(con, ws)  # a background run's rejection is in its logs alone
    if as_json:
        for caveat in data["caveats"]:
            click.echo(f"Caveat: {caveat}", err=True)
        return echo_json(data)
    score = data["predicted_scaled_score"]
    click.echo(f"{data['exam']} · {data['learner']} · as of {data['as_of']}: pass probability "
               f"{percent_text(data['pass_probability'])}, predicted {score['mean']:.0f} "
               f"({score['low']:.0f}–{score['high']:.0f}){' (see caveats)' if data['caveats'] else ''}")
    for caveat in data["caveats"]:
        click.echo(f"Caveat: {caveat}")
    unmeasured = unmeasured_text(any(d["measured"] for d in data["domains"]))
    for d in data["domains"]:
        basis = f"{d['questions']} question{'' if d['questions'] == 1 else 's'}" if d["measured"] else unmeasured
        click.echo(f"  D{d['id']} {d['name']:40} {readiness_points(d['readiness']):>3}% "
                   f"[{d['low']:.0f}–{d['high']:.0f}] weight {d['weight']:.0%}, {basis}, {hours_said(d['hours'])}")
    if data["retakes"]["answers"]:
        click.echo(retakes_text(data["retakes"]))
    if data["hours_without_domain"]["entries"]:
        click.echo(hours_without_domain_text(data, tools))


@click.command()
@WORKSPACE_OPTION
@click.option("--learner", callback=named_learner, help="Learner id (default: the workspace's learner).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def gaps(workspace_dir, learner, as_json):
    """In-scope services and task statements by status: gap (never studied: no notes, practice or hours),
    weak (fewer than 3 practice questions, or under 70% correct) or covered (the rest).

    --json lists every one with its status and figures.
    """
    from examready.summaries import gaps_lines, gaps_summary

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)
    with known_learner(), warehouse_reader(ws) as con:
        data = gaps_summary(con, ws, learner, exact=not as_json)  # text: the hours' words round once
        say_rejected_files(con, ws)
    if as_json:
        return echo_json(data)
    for line in gaps_lines(data):
        click.echo(line)
