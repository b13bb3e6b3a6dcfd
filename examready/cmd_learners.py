"""`examready learners`: the class at a glance — who is at risk, who is ready, where the class is weak."""
from __future__ import annotations

import json

import click

from examready.background_notice import say_if_background_run_failed
from examready.options import WORKSPACE_OPTION, warehouse_reader, workspace
from examready.rejected_notice import say_rejected_files


def learner_line(r: dict, domains: int) -> str:
    """One learner as a table row: pass chance and predicted score, evidence, weakest measured domain."""
    from reports.caveats import percent_text, readiness_points
    from reports.hours import hours_said

    if not r["practised"]:
        evidence = f"{hours_said(r['hours'])} logged" if r["hours"] else "no rows that count yet"
        return f"  {r['learner']:32} {'no exam-style questions yet':>29}  {evidence}{exam_text(r)}"
    score = r["predicted_scaled_score"]
    weakest = r["weakest_domain"]
    return (f"  {r['learner']:32} {percent_text(r['pass_probability']):>5}  {score['mean']:4} "
            f"({score['low']}–{score['high']})  {r['mocks']:3} {plural(r['mocks'], 'mock'):5} {r['questions']:5} q  "
            f"{r['measured_domains']}/{domains} measured  last {r['last_practice']}  {hours_said(r['hours']):>8}  "
            f"weakest D{weakest['id']} {readiness_points(weakest['readiness'])}%{exam_text(r)}")


def plural(count: int, word: str, with_count: bool = False) -> str:
    """'mock' for 1, 'mocks' otherwise ('1 learner', '2 learners' with the count)."""
    said = word if count == 1 else word + "s"
    return f"{count} {said}" if with_count else said


def exam_text(r: dict) -> str:
    """', exam 2026-12-20 (in 18 days)', or nothing without an exam date."""
    days = r.get("days_to_exam")
    if days is None:
        return ""
    from reports.day_count import days_text

    return f", exam {r['exam_date']} ({days_text(days)})"


@click.command("learners")
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True,
              help='Print one JSON object; its "warnings" hold the lines stderr warns with, "typos" the ids '
                   'that look like a typo of another\'s ({learner, looks_like, rows, files}), "names_of_emails" '
                   'the ids that another file gives as an email learner\'s name ({learner, emails, files, named_in}).')
def learners_command(workspace_dir, as_json):
    """Every learner in the warehouse, lowest pass chance first, and the class per domain.

    For a class workspace (cohort exports name many learners). Figures are those of each learner's
    latest readiness point, the last run's day. A learner with no exam-style question yet has no
    pass chance here (it would be the model's starting assumption): listed last. Each learner's exam
    date and days to it: their line of the exam_dates roster, else exam_date (examready.yaml); a
    roster line naming no learner of the warehouse is a warning on stderr, as is an id that looks
    like a typo of another's (examready/learner_typos.py), one that another file gives as the
    name of an email learner: one person as two learners (examready/learner_names.py), and exam
    dates before today, as `run` warns of them.
    `examready readiness --learner ID` and `examready gaps --learner ID` show one learner.
    """
    from examready.learner_names import names_of_emails
    from examready.learner_typos import likely_typos
    from examready.learner_warnings import warnings_in
    from examready.learners import class_summary
    from examready.summaries import exam_day
    from pipelines.past_exam_dates import past_dates_in

    ws = workspace(workspace_dir)
    say_if_background_run_failed(ws)
    with warehouse_reader(ws) as con:
        data = class_summary(con, ws, exact=not as_json)
        typos, names = likely_typos(con), names_of_emails(con)
        warnings = warnings_in(con, ws, typos, names) + past_dates_in(ws)
        say_rejected_files(con, ws)  # a background run's rejection is in its logs alone
    for r in data["learners"]:
        r.update(exam_day(ws, r["learner"]))
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    if as_json:  # the warnings on stderr as well, and in the object (docs/cli.md)
        return click.echo(json.dumps(data | {"typos": typos, "names_of_emails": names, "warnings": warnings},
                                     indent=2, ensure_ascii=False))
    rows = data["learners"]
    practised = [r for r in rows if r["practised"]]
    click.echo(f"{data['exam']} · {len(rows)} learner(s), {len(practised)} with exam-style questions · "
               f"pass chance < 30%: {sum(r['pass_probability'] < 0.3 for r in practised)}, "
               f"30–70%: {sum(0.3 <= r['pass_probability'] < 0.7 for r in practised)}, "
               f"≥ 70%: {sum(r['pass_probability'] >= 0.7 for r in practised)}")
    for r in rows:
        click.echo(learner_line(r, len(data["domains"])))
    click.echo("Class per domain (median readiness of the learners measured there):")
    for d in data["domains"]:
        median = f"{d['median_readiness']:.0f}%" if d["median_readiness"] is not None else "-"
        click.echo(f"  D{d['id']} {d['name']:40} {median:>4}  ({plural(d['learners_measured'], 'learner', with_count=True)}, weight {d['weight']:.0%})")
