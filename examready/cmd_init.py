"""`examready init`, `exams` and `demo`: create a workspace (empty or with a sample learner), list the exams."""
from __future__ import annotations

from pathlib import Path

import click

from examready.options import ConfigProblem, IsoDay, bad_value
from examready.suggested import command
from pipelines.workspace_config import CONFIG_NAME, Config, WorkspaceError
from pipelines.workspace_create import create_workspace
from sources.zones import local_zone_name, zone_name


def roster_setting(directory: Path, exam_dates: str) -> str:
    """examready.yaml's exam_dates for the roster at `exam_dates`, once read as `run` reads it (exit 2
    naming the file and line otherwise): relative to the workspace inside it, else absolute."""
    from pipelines.exam_dates import RosterError, read_exam_dates

    path, root = Path(exam_dates).resolve(), directory.resolve()
    try:
        read_exam_dates(path)
    except RosterError as exc:
        raise bad_value("--exam-dates", str(exc)) from exc
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def past_dates_given(ws, exam_date, roster: str | None) -> list[str]:
    """Warnings on --exam-date and the --exam-dates roster's lines before today, where the config took them."""
    from pipelines.past_exam_dates import past_date_warning, past_roster_warning

    today = ws.today()
    found = [past_date_warning("--exam-date", exam_date, today, ws.config.timezone)
             if exam_date and ws.config.exam_date == exam_date.isoformat() else None,
             past_roster_warning(f"--exam-dates {ws.roster_path}", ws.roster, today)
             if roster and ws.config.exam_dates == roster else None]
    return [text for text in found if text]


OPTION_OF = {"exam": "--exam", "learner_id": "--learner", "timezone": "--timezone", "exam_date": "--exam-date",
             "exam_dates": "--exam-dates"}


def _not_applied(config: Config, asked: dict) -> str:
    """'; not applied: --learner second (it has first)': the options given on the command line that the kept
    config does not match (empty when none)."""
    given = click.get_current_context().get_parameter_source
    param = {"learner_id": "learner"}
    differ = [f"{OPTION_OF[key]} {value} (it has {getattr(config, key) or 'none'})" for key, value in asked.items()
              if given(param.get(key, key)) == click.core.ParameterSource.COMMANDLINE
              and value != getattr(config, key)]
    return f"; not applied: {', '.join(differ)}" if differ else ""


def folder_option(command):
    """-w/--workspace, as every other command takes the workspace: the folder to create, else DIRECTORY."""
    return click.option("-w", "--workspace", "workspace_dir", type=click.Path(),
                        help="The folder to create, as other commands take it (the same as DIRECTORY).")(command)


def the_folder(directory: str, workspace_dir: str | None) -> str:
    """The folder given as DIRECTORY or --workspace (a usage error when both are given, naming two folders)."""
    given = click.get_current_context().get_parameter_source("directory") == click.core.ParameterSource.COMMANDLINE
    if workspace_dir is None:
        return directory
    if given and Path(directory).resolve() != Path(workspace_dir).resolve():
        raise click.UsageError(f"two folders given, {directory} and --workspace {workspace_dir}: give one")
    return workspace_dir


@click.command()
@click.argument("directory", default=".", type=click.Path())
@folder_option
@click.option("--exam", default="DEA-C01", show_default=True, help="Exam code (see `examready exams`).")
@click.option("--learner", default="me", show_default=True, help="Learner id stored on every row.")
@click.option("--exam-date", type=IsoDay(), help="Planned exam day, YYYY-MM-DD (one before today is kept, with a "
              "warning: the study plan plans no hours toward it).")
@click.option("--timezone", default=local_zone_name, show_default="this machine's zone",
              help="Your time zone, e.g. Europe/Berlin: your day and clock for 'today', exam countdowns "
                   "and Anki review times.")
@click.option("--exam-dates", "exam_dates", type=click.Path(exists=True, dir_okay=False),
              help="A class's exam dates: a CSV with a learner and an exam_date column (docs/cohorts.md), "
                   "checked as `run` checks it and named in examready.yaml (exam_dates) where it is: "
                   "relative to the workspace inside it, else by its absolute path.")
def init(directory, workspace_dir, exam, learner, exam_date, timezone, exam_dates):
    """Create a workspace: config file, inbox folders, warehouse and pages folder."""
    from sources.blueprint import BlueprintError, load_blueprint

    directory = the_folder(directory, workspace_dir)
    try:
        load_blueprint(exam)
    except BlueprintError as exc:
        raise bad_value("--exam", str(exc)) from exc
    if not learner.strip():
        raise click.BadParameter("the learner id is empty; name whose exports these are, e.g. me",
                                 param_hint="--learner")
    if (known_zone := zone_name(timezone)) is None:
        raise bad_value("--timezone", f"unknown time zone {timezone!r}: use a name such as Europe/Berlin, "
                                      "America/New_York or UTC")
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
        asked = {"exam": exam.upper(), "learner_id": learner, "exam_date": exam_date.date().isoformat()
                 if exam_date else None, "timezone": timezone, "exam_dates": roster}
        click.echo(f"kept the existing {ws.root / CONFIG_NAME} (edit it to change a setting): "
                   f"exam {ws.config.exam}, learner {ws.config.learner_id}{_not_applied(ws.config, asked)}", err=True)
    for warning in past_dates_given(ws, exam_date.date() if exam_date else None, roster):
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"workspace ready at {ws.root}\ndrop files into {ws.inbox}/{{notes,exams,hours}}, "
               f"then run `{command('run', '-w', ws.root)}`")


@click.command()
def exams():
    """List the exams whose blueprints are installed."""
    from sources.blueprint import available_exams, load_blueprint

    for code in available_exams():
        bp = load_blueprint(code)
        weights = ", ".join(f"D{d.id} {d.weight:.0%}" for d in bp.domains)
        click.echo(f"{bp.code:9} {bp.name} (v{bp.version}) · pass {bp.scoring.pass_mark}/"
                   f"{bp.scoring.max} · {len(bp.tasks)} tasks · {len(bp.services)} services · {weights}")


@click.command()
@click.argument("directory", default="demo-workspace", type=click.Path())
@folder_option
@click.option("--seed", default=7, show_default=True, help="Random seed of the sample learner.")
def demo(directory, workspace_dir, seed):
    """Create a workspace with a realistic sample learner, run everything, print the dashboard path."""
    from examready.interrupts import demo_interruptibly

    directory = the_folder(directory, workspace_dir)
    try:
        outcome = demo_interruptibly(directory, seed)  # Ctrl-C: one line, exit code 130
    except WorkspaceError as exc:
        raise ConfigProblem(str(exc)) from exc
    if not outcome.success:
        raise click.ClickException(f"demo run failed: {outcome.error}")
    click.echo(outcome.pages["dashboard"])
