"""The `examready` command line: every user action goes through here."""
from __future__ import annotations

import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

import click

from examready.background_notice import say_if_background_run_failed
from examready.options import (WORKSPACE_OPTION, ConfigProblem, WarehouseInUse, known_learner, warehouse_reader,
                               workspace)
from examready.workspace import CONFIG_NAME, Config, WorkspaceError, create_workspace
from sources.zones import local_zone_name, zone_name

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="examready")
def cli():
    """Exam readiness from your notes, mock exams and study time.

    Start with `examready init DIR --exam DEA-C01` (or `examready demo DIR` for a sample),
    drop files into DIR/inbox/{notes,exams,hours}, then `examready run`.
    """


def roster_setting(directory: Path, exam_dates: str) -> str:
    """examready.yaml's exam_dates for the roster at `exam_dates`, once read as `run` reads it (exit 2
    naming the file and line otherwise): relative to the workspace inside it, else absolute."""
    from examready.exam_dates import RosterError, read_exam_dates

    path, root = Path(exam_dates).resolve(), directory.resolve()
    try:
        read_exam_dates(path)
    except RosterError as exc:
        raise click.BadParameter(str(exc), param_hint="--exam-dates") from exc
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--exam", default="DEA-C01", show_default=True, help="Exam code (see `examready exams`).")
@click.option("--learner", default="me", show_default=True, help="Learner id stored on every row.")
@click.option("--exam-date", type=click.DateTime(["%Y-%m-%d"]), help="Planned exam day, YYYY-MM-DD.")
@click.option("--timezone", default=local_zone_name, show_default="this machine's zone",
              help="Your time zone, e.g. Europe/Berlin: your day and clock for 'today', exam countdowns "
                   "and Anki review times.")
@click.option("--exam-dates", "exam_dates", type=click.Path(exists=True, dir_okay=False),
              help="A class's exam dates: a CSV with a learner and an exam_date column (docs/cohorts.md), "
                   "checked as `run` checks it and named in examready.yaml (exam_dates) where it is: "
                   "relative to the workspace inside it, else by its absolute path.")
def init(directory, exam, learner, exam_date, timezone, exam_dates):
    """Create a workspace: config file, inbox folders, warehouse and pages folder."""
    from sources.blueprint import BlueprintError, load_blueprint

    try:
        load_blueprint(exam)
    except BlueprintError as exc:
        raise click.BadParameter(str(exc), param_hint="--exam") from exc
    if not learner.strip():
        raise click.BadParameter("the learner id is empty; name whose exports these are, e.g. me",
                                 param_hint="--learner")
    if (known_zone := zone_name(timezone)) is None:
        raise click.BadParameter(f"unknown time zone {timezone!r}: use a name such as Europe/Berlin, "
                                 "America/New_York or UTC", param_hint="--timezone")
    timezone = known_zone
    roster = roster_setting(Path(directory), exam_dates) if exam_dates else None
    existing = (Path(directory) / CONFIG_NAME).is_file()
    try:
        ws = create_workspace(Path(directory), Config(exam=exam.upper(), learner_id=learner, timezone=timezone,
                                                      exam_date=exam_date.date().isoformat() if exam_date else None,
                                                      exam_dates=roster))
    except WorkspaceError as exc:  # an existing config that cannot be read: it is kept as it is
        raise ConfigProblem(str(exc)) from exc
    if existing:
        click.echo(f"kept the existing {ws.root / CONFIG_NAME} (edit it to change a setting): "
                   f"exam {ws.config.exam}, learner {ws.config.learner_id}", err=True)
    click.echo(f"workspace ready at {ws.root}\ndrop files into {ws.inbox}/{{notes,exams,hours}}, "
               f"then run `examready run -w {ws.root}`")


@cli.command()
def exams():
    """List the exams whose blueprints are installed."""
    from sources.blueprint import available_exams, load_blueprint

    for code in available_exams():
        bp = load_blueprint(code)
        weights = ", ".join(f"D{d.id} {d.weight:.0%}" for d in bp.domains)
        click.echo(f"{bp.code:9} {bp.name} (v{bp.version}) · pass {bp.scoring.pass_mark}/"
                   f"{bp.scoring.max} · {len(bp.tasks)} tasks · {len(bp.services)} services · {weights}")


EXIT_COULD_NOT_RUN = WarehouseInUse.exit_code  # 3: the warehouse was in use by another process (for `run`: through every retry)


def _run_and_report(ws, as_json: bool) -> int:
    from examready.file_notices import folder_hints, same_bytes_lines
    from examready.interrupts import run_interruptibly
    from examready.learner_warnings import learner_warnings
    from examready.writable import WorkspaceNotWritable
    from warehouse.connection import WarehouseLocked

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
        _echo_json({"run_id": outcome.run_id, "files": outcome.files, "pages": outcome.pages})
    else:
        for f in outcome.files:
            extra = f" — {f['error']}" if f["error"] else ""
            click.echo(f"{f['status']:9} {f['path']} ({f['format'] or '?'}): {f['rows_loaded']} loaded, "
                       f"{f['rows_quarantined']} quarantined{extra}")
        for name, path in outcome.pages.items():
            click.echo(f"{name}: {path}")
    for old, new in outcome.renamed.items():
        click.echo(f"{old} was renamed: its content, now at {new}, is loaded and counts once, under the old name "
                   f"(nothing to do; `examready forget {old}` then `examready run` records it under the new name, "
                   "with the same counts)", err=True)
    for line in same_bytes_lines(ws.inbox, outcome.files, outcome.renamed) + folder_hints(outcome.files):
        click.echo(line, err=True)
    for f in outcome.files:
        if f.get("rows_withdrawn"):
            who = ", ".join(f"{learner} ({rows})" for learner, rows in f["rows_withdrawn"].items())
            click.echo(f"{f['path']}: {sum(f['rows_withdrawn'].values())} of its {f['rows_loaded']} loaded rows are "
                       f"of learners `examready forget --learner` took out: {who}; raw keeps them, they do not count "
                       "(`examready forget --learner ID --undo` counts them again)", err=True)
    for warning in learner_warnings(ws):  # roster lines naming no learner; ids that look like a typo
        click.echo(f"Warning: {warning}", err=True)
    gone = [path for path in outcome.gone if path not in outcome.renamed]
    if gone:
        click.echo(f"{len(gone)} file(s) no longer in the inbox are still loaded: {', '.join(gone[:5])}"
                   f"{', …' if len(gone) > 5 else ''}; `examready forget PATH` stops counting one "
                   "(raw keeps its rows)", err=True)
    if outcome.error:
        click.echo(f"run failed: {outcome.error}\n(each step's log: `examready ui -w {ws.root}`, run {outcome.run_id})",
                   err=True)
    if outcome.failed_checks:
        click.echo(f"failed checks: {', '.join(outcome.failed_checks)}", err=True)
    problems = outcome.error or outcome.failed_checks or any(f["status"] == "rejected" for f in outcome.files)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _interrupted(ws) -> None:
    """Ctrl-C: one line, then the process ends at once (the run's thread is not waited for)."""
    from examready.interrupts import exit_interrupted

    where = f" -w {ws.root}" if ws is not None else ""
    exit_interrupted(f"interrupted: the run stopped part-way; files it finished loading are kept, the rest and the "
                     f"marts and pages are rebuilt by the next run: run `examready run{where}` again")


@cli.command()
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


@cli.command()
@click.argument("directory", default="demo-workspace", type=click.Path(file_okay=False))
@click.option("--seed", default=7, show_default=True, help="Random seed of the sample learner.")
def demo(directory, seed):
    """Create a workspace with a realistic sample learner, run everything, print the dashboard path."""
    from examready.interrupts import demo_interruptibly

    try:
        outcome = demo_interruptibly(directory, seed)  # Ctrl-C: one line, exit code 130
    except WorkspaceError as exc:
        raise ConfigProblem(str(exc)) from exc
    if not outcome.success:
        raise click.ClickException(f"demo run failed: {outcome.error}")
    click.echo(outcome.pages["dashboard"])


@cli.command()
@WORKSPACE_OPTION
@click.option("--learner", help="Learner id (default: the workspace's learner).")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Estimate as of this day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def readiness(workspace_dir, learner, as_of, as_json):
    """Readiness per domain with a 90% band, pass probability and predicted score.

    A domain without exam-style questions is marked "not practised yet": its readiness is assumed,
    not measured. Caveats on what the figures rest on (such domains, only flashcards, an exam date
    gone by) follow the headline, or go to stderr with --json (and into its "caveats" list).
    """
    from examready.summaries import hours_without_domain_text, readiness_summary
    from reports.caveats import percent_text, unmeasured_text

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)  # the marts may be older than the inbox
    with known_learner(), warehouse_reader(ws) as con:
        # text: unrounded figures rounded once, as the pages show them (JSON: the contract's rounding)
        data = readiness_summary(con, ws, learner, as_of.date() if as_of else None, exact=not as_json)
    if as_json:
        for caveat in data["caveats"]:
            click.echo(f"Caveat: {caveat}", err=True)
        return _echo_json(data)
    score = data["predicted_scaled_score"]
    click.echo(f"{data['exam']} · {data['learner']} · as of {data['as_of']}: pass probability "
               f"{percent_text(data['pass_probability'])}, predicted {score['mean']:.0f} "
               f"({score['low']:.0f}–{score['high']:.0f}){' (see caveats)' if data['caveats'] else ''}")
    for caveat in data["caveats"]:
        click.echo(f"Caveat: {caveat}")
    unmeasured = unmeasured_text(any(d["measured"] for d in data["domains"]))
    for d in data["domains"]:
        basis = f"{d['questions']} question{'' if d['questions'] == 1 else 's'}" if d["measured"] else unmeasured
        click.echo(f"  D{d['id']} {d['name']:40} {d['readiness']:3.0f}% [{d['low']:.0f}–{d['high']:.0f}] "
                   f"weight {d['weight']:.0%}, {basis}, {d['hours']:.1f} h")
    if data["hours_without_domain"]["entries"]:
        click.echo(hours_without_domain_text(data))


@cli.command()
@WORKSPACE_OPTION
@click.option("--learner", help="Learner id (default: the workspace's learner).")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def gaps(workspace_dir, learner, as_json):
    """In-scope services and task statements not covered yet: gap (never studied: no notes, practice or
    hours) or weak (fewer than 3 practice questions, or under 70% correct).

    --json lists every one, covered ones too, with its status: gap, weak or covered.
    """
    from examready.summaries import gaps_lines, gaps_summary

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)
    with known_learner(), warehouse_reader(ws) as con:
        data = gaps_summary(con, ws, learner)
    if as_json:
        return _echo_json(data)
    for line in gaps_lines(data):
        click.echo(line)


# Commands that live in their own modules: (module, attribute). Each module keeps its heavy
# imports inside the command function so that `examready --help` stays fast.
COMMAND_MODULES = [
    ("examready.cmd_ui", "ui"),
    ("examready.cmd_inspect", "inspect_command"),
    ("examready.cmd_quarantine", "quarantine"),
    ("examready.cmd_forget", "forget_command"),
    ("examready.cmd_learners", "learners_command"),
    ("examready.cmd_pages", "open_command"), ("examready.cmd_pages", "export"),
]


def _register_commands() -> None:
    import importlib

    for module, attribute in COMMAND_MODULES:
        cli.add_command(getattr(importlib.import_module(module), attribute))


_register_commands()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)  # UsageError 2, WarehouseInUse 3, others 1
