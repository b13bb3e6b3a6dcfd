"""`examready open` (the pages in your browser) and `examready export --png` (static images)."""
from __future__ import annotations

import click

from examready.background_notice import say_if_background_run_failed
from examready.options import (WORKSPACE_OPTION, Refused, known_learner, named_learner, warehouse_reader,
                               workspace)
from examready.rejected_notice import say_rejected_files, say_rejected_files_if_free
from examready.suggested import command
from reports.learner_pages import FOLDER, learner_folder

PAGES = {"index": "index.html", "dashboard": "dashboard.html", "coverage": "coverage.html",
         "attempts": "attempts.html", "plan": "plan.html", "class": "class.html"}


LEARNER_OPTION = click.option("--learner", callback=named_learner,
                              help="Another learner of the warehouse (a class export): their pages are built from "
                                   "the marts into site/learners/ (default: the workspace's learner).")


def learner_site(ws, learner: str):
    """The folder of the learner's pages: the workspace's site, or one built now for another learner."""
    from examready.summaries import resolve_learner
    from reports.site import build_site
    from sources.blueprint import load_blueprint

    bp = load_blueprint(ws.config.exam)
    with known_learner(), warehouse_reader(ws) as con:
        learner = resolve_learner(con, ws, learner)
        if learner == ws.config.learner_id:
            return ws.site_dir
        out_dir = ws.site_dir / FOLDER / learner_folder(learner)
        build_site(con, out_dir, learner, bp.scoring.pass_mark, ws.exam_date, bp, today=ws.today(),
                   class_dir=ws.site_dir)
    click.echo(f"built {learner}'s pages from the warehouse", err=True)
    return out_dir


@click.command("open")
@WORKSPACE_OPTION
@click.option("--page", type=click.Choice(list(PAGES)), help="Which page to open (default: index).")
@click.option("--attempt", "attempt_id", help="Open one mock exam's page instead (its attempt id, e.g. mock-01).")
@LEARNER_OPTION
def open_command(workspace_dir, page, attempt_id, learner):
    """Open the workspace's pages (index, dashboard, coverage gaps, attempts, study plan) in your browser.

    `--page class`: the class page, written when the class has two learners or more (the workspace's own
    learner counts only with rows that count, as in `examready learners`).
    Prints the file's path; if no browser can be started, open that file yourself. Inbox files that could
    not be read are named on stderr (a version of one loaded before still counts on the pages).
    """
    import webbrowser

    if page and attempt_id:
        raise click.UsageError("--page and --attempt name two pages: give one")
    ws = workspace(workspace_dir)
    if not (ws.site_dir / PAGES["index"]).is_file():
        raise Refused(f"no pages yet at {ws.site_dir}; run `{command('run', '-w', ws.root)}` first")
    say_if_background_run_failed(ws)  # the pages may be older than the inbox
    say_rejected_files_if_free(ws)  # a background run's rejection is in its logs alone
    site_dir = learner_site(ws, learner) if learner and page != "class" else ws.site_dir  # one class page
    if attempt_id is None:
        target = site_dir / PAGES[page or "index"]
        if page == "class" and not target.is_file():  # one learner in the class (reports/class_data.py)
            raise Refused("no class page: the warehouse holds one learner with rows that count (the "
                          "workspace's own learner without any is not one of the class); `examready run` "
                          "writes one once class exports bring two or more")
    else:
        from reports.attempt_data import attempt_file

        target = site_dir / attempt_file(attempt_id)
        if not target.is_file():
            raise Refused(f"no page for attempt '{attempt_id}' in {site_dir}; "
                          f"{like_text(like_attempts(attempt_id, attempt_ids(site_dir)))}the attempts page "
                          f"lists them: `examready open --page attempts`")
    click.echo(target)
    if not webbrowser.open(target.as_uri()):
        click.echo("no browser found to open it: open the file above yourself", err=True)


def attempt_ids(site_dir) -> list[str]:
    """The attempts with a page in site_dir, newest first (the attempts page's CSV, first column)."""
    import csv

    from reports.attempt_data import attempt_file
    from reports.attempts import CSV
    from reports.tables import as_written

    try:
        with open(site_dir / CSV, newline="", encoding="utf-8") as handle:
            ids = [as_written(row[0]) for row in list(csv.reader(handle))[1:] if row]  # written spreadsheet-safe
    except OSError:
        return []
    return [i for i in ids if (site_dir / attempt_file(i)).is_file()]


def like_attempts(wanted: str, known: list[str], most: int = 5) -> list[str]:
    """The ids a mistyped --attempt may mean: those holding it (any case; a name without its date), then
    the closest spellings."""
    from difflib import get_close_matches

    text = wanted.strip().casefold()
    holding = [i for i in known if text and text in i.casefold()]
    return list(dict.fromkeys(holding + get_close_matches(wanted, known, n=most, cutoff=0.6)))[:most]


def like_text(ids: list[str]) -> str:
    """'attempts with an id like it: …; ' (nothing without any), with the command for the first."""
    if not ids:
        return ""
    return (f"attempt{'s' if len(ids) > 1 else ''} with an id like it: {', '.join(repr(i) for i in ids)} "
            f"(give the whole id: `{command('open', '--attempt', ids[0])}`); ")


def _figures(ws, learner: str | None):
    """Every chart of the learner's pages (default: the workspace's learner), drawn from the marts (read-only)."""
    from examready.summaries import resolve_learner
    from reports.site import collect_site
    from sources.blueprint import load_blueprint

    bp = load_blueprint(ws.config.exam)
    with known_learner(), warehouse_reader(ws) as con:
        learner = resolve_learner(con, ws, learner)
        say_rejected_files(con, ws)  # the charts count nothing of them
        site = collect_site(con, learner, bp.scoring.pass_mark, ws.exam_date, bp, today=ws.today(),
                            workspace_learner=ws.config.learner_id)
    return site.figures


class OutFolderProblem(Refused):
    """The --out folder cannot be created or written: one line naming it, exit code 2 as for a usage error."""


def writable_folder(out) -> None:
    """Create `out` (and its parents) and check a file can be written in it; else an OutFolderProblem."""
    import tempfile

    if out.is_file():
        raise OutFolderProblem(f"cannot write the images to {out}: it is a file; give --out a folder you can create "
                               "and write")
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as exc:
        raise OutFolderProblem(f"cannot write the images to {out} ({exc.strerror or exc}): "
                               "give --out a folder you can create and write") from exc


@click.command("export")
@WORKSPACE_OPTION
@click.option("--png", "as_png", is_flag=True, help="PNG images: the default, and the only format so far.")
@click.option("--out", "out_dir", type=click.Path(), help="Folder for the images (default: site/png).")
@click.option("--width", default=1000, show_default=True, type=click.IntRange(min=100),  # Plotly ignores < 10
              help="Image width in pixels (100 or more).")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(min=0.1),  # 0.001: no PNG at all
              help="Pixel density (2 for sharp slides; 0.1 or more).")
@click.option("--learner", callback=named_learner,
              help="Another learner of the warehouse (default: the workspace's learner).")
def export(workspace_dir, as_png, out_dir, width, scale, learner):
    """Render every chart of the pages as a static PNG through kaleido and a headless Chromium.

    Optional: needs the `export` extra (kaleido, installed by `make setup`) and a Chrome or
    Chromium — on Debian/Ubuntu `sudo apt-get install chromium`, or set BROWSER_PATH.
    One image per chart, named PAGE-CHART.png; paths are printed one per line. Inbox files that
    could not be read are named on stderr (a version of one loaded before still counts in the charts).
    """
    from pathlib import Path

    from reports.export import MissingRenderer, check_renderer, export_pngs

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)
    out = Path(out_dir) if out_dir else ws.site_dir / "png"
    try:
        check_renderer()
        figures = _figures(ws, learner)
        writable_folder(out)
        written = export_pngs(figures, out, width, scale)
    except MissingRenderer as exc:
        raise Refused(str(exc)) from exc
    for path in written:
        click.echo(path)
    click.echo(f"{len(written)} images written", err=True)
