"""`examready inspect`: the dry run's command line (its work is in examready.inspect)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def learners_text(learners: dict | None, person: str | None = None) -> str:
    """Whose rows a file's are, as `run` would store them; `person`: the one a learner's own export names."""
    if learners is None and person:
        return f"one person named ({person}): a learner's own export, every row is the workspace's learner's"
    if learners is None:
        return "none named: every row is the workspace's learner's"
    none = learners["rows_naming_none"]
    written = learners.get("written", {})
    examples = [f"{key} (written {', '.join(written[key])})" if key in written else key
                for key in learners["examples"]]
    return (f"{learners['count']} named in the file ({', '.join(examples)}"
            f"{', …' if learners['count'] > 3 else ''}), each row stored under its own"
            + (f"; {none} row(s) name none" if none else ""))


def _echo_text(report: dict) -> None:
    from warehouse.label_warnings import umbrella_word_text  # pandas: loaded by the inspection already
    if report.get("error"):  # an error not expected (a bug): that one line, its problem
        click.echo(f"{report['path']}: {report['problems'][0]}")
        return
    fmt = f"{report['format']} ({report['kind']})" if report["format"] else "not readable"
    rows = ", ".join(f"{n} {t}" for t, n in report["rows"].items()) or "no rows"
    click.echo(f"{report['path']}: {fmt}, {rows}")
    if report["format"] and report["kind"] != "notes":
        click.echo(f"  learners: {learners_text(report['learners'], report.get('person_named'))}")
    for table, info in report["labels"].items():
        if "mapped" in info:
            click.echo(f"  {table}: {info['mapped']} rows mapped, {info['unmapped']} unmapped")
            for m in info["mappings"]:
                several = m.get("services") or []  # 'Athena; S3': both count
                shown = {**m, "services": ", ".join(several) if len(several) > 1 else None}
                target = ", ".join(f"{k}={shown[k]}" for k in ("domain_id", "task_id", "service", "services")
                                   if shown.get(k) is not None)
                why = f" — {m['no_domain']}" if m.get("no_domain") else ""
                click.echo(f"    {_label(m['label']):60} → {target or 'UNMAPPED'} ({m['rows']} rows){why}")
        else:
            click.echo(f"  {table}: services mentioned: {', '.join(info['services']) or 'none'}")
            if empty := info.get("empty_headings"):
                shown = ", ".join(f"'{e['heading']}' (line {e['line']})" for e in empty[:5])
                which = "1 heading with no text under it counts" if len(empty) == 1 else \
                    f"{len(empty)} headings with no text under them count"
                click.echo(f"  {table}: {which} for no service: {shown}{', …' if len(empty) > 5 else ''}")
            for word in info.get("umbrella_words", []):
                click.echo(f"  {table}: {umbrella_word_text(word)}")
    for problem in report["problems"]:
        click.echo(f"  ! {problem}")


def _label(label) -> str:
    """A label as written, shortened with '…' only past 100 characters (at 60 two labels read alike)."""
    text = str(label) if label else "(empty)"
    return text if len(text) <= 100 else text[:99] + "…"


@click.command("inspect")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--exam", default=None, help="Exam code for label mapping (default: the workspace's, else DEA-C01).")
@click.option("--workspace", "-w", "workspace_dir", type=click.Path(), envvar="EXAMREADY_WORKSPACE",
              help="Workspace whose exam and time zone to use (default: $EXAMREADY_WORKSPACE, else the current "
                   "folder or the nearest one above it; none needed).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON list with a report per file.")
def inspect_command(files, exam, workspace_dir, as_json):
    """Dry run: detect each FILE's format and show rows, label mapping and problems; loads nothing.

    A folder stands for the files a run reads there (a vault's attachments and hidden files are left out)."""
    from examready.inspect import expand, inspect_files  # pandas and the adapters: only when used
    from examready.inspect_left_out import left_out_lines
    from examready.options import bad_value
    from sources.blueprint import BlueprintError, load_blueprint

    config = _workspace_config(workspace_dir)
    try:
        blueprint = load_blueprint(exam or (config.exam if config else "DEA-C01"))
    except BlueprintError as exc:
        raise bad_value("--exam", str(exc)) from exc
    for folder in (f for f in files if f.is_dir()):
        if not expand([folder]):
            click.echo(f"examready: {folder}: no file a run would read is in this folder", err=True)
        if skipped := left_out_lines(folder):
            click.echo(f"examready: {folder}: left out, as a run leaves them out (docs/formats.md, "
                       f"'Not read at all'):\n" + "\n".join(skipped), err=True)
    reports = inspect_files(list(files), blueprint, config.timezone if config else None)
    if as_json:
        click.echo(json.dumps(reports, indent=2, default=str, ensure_ascii=False))
    else:
        for report in reports:
            _echo_text(report)
    if any(r["format"] is None for r in reports):  # sys.exit: cli.main runs click without standalone mode
        sys.exit(1)


def _workspace_config(workspace_dir):
    """The workspace's settings; None outside a workspace (inspect needs none). A named workspace
    that cannot be read is a ConfigProblem (exit code 2)."""
    from examready.options import ConfigProblem
    from pipelines.workspace import find_workspace
    from pipelines.workspace_config import WorkspaceError

    try:
        return find_workspace(workspace_dir).config
    except WorkspaceError as exc:
        if workspace_dir:
            raise ConfigProblem(str(exc)) from exc
        return None
