"""Coverage gaps: in-scope services and task statements against notes, practice and hours."""
from __future__ import annotations

from pathlib import Path

from reports.accuracy_range import accuracy_range, range_text, with_ranges
from reports.coverage_figures import ordered, services_heatmap, tasks_heatmap
from reports.coverage_rule import COVERED_ACCURACY, COVERED_QUESTIONS, accuracy_text
from reports.data import SiteData
from reports.figures import Fig
from reports.html import Raw, esc, figure_html, section, status_badge
from reports.hours import hours_cell
from reports.tables import Col, table_html, write_csv
from warehouse.hour_words import logged_text
from warehouse.note_words import note_rows
from warehouse.note_words import options_sentence as note_options
from warehouse.service_labels import counted_in, options_sentence, perhaps

PAGE = "coverage.html"
NOT_MEASURED = "not measured"


LIKELY = "Likely accuracy (90%)"
RANGE_COLUMN = Col("accuracy_range", LIKELY, range_text, parts=(f"{LIKELY}, low", f"{LIKELY}, high"))
SERVICE_COLUMNS = [Col("name", "Service"), Col("category", "Category"), Col("domain_list", "Domains"),
                   Col("note_sections", "Note sections"), Col("questions", "Questions"),
                   Col("accuracy", "Accuracy", accuracy_text), RANGE_COLUMN, Col("hours", "Hours", hours_cell),
                   Col("badge", "Status")]
TASK_COLUMNS = [Col("id", "Task"), Col("name", "Statement"), Col("domain_id", "Domain"), Col("questions", "Questions"),
                Col("accuracy", "Accuracy", accuracy_text), RANGE_COLUMN,
                Col("domain_hours", "Domain hours", hours_cell), Col("badge", "Status")]


def csv_columns(columns: list[Col], status: Col) -> list[Col]:
    """A table's columns for its CSV: the status as text (the range is written as its two ends, 0-1)."""
    return [c for c in columns if c.key != "badge"] + [status]


def coverage_figures(data: SiteData) -> dict[str, Fig]:
    """The services and tasks heatmaps."""
    figs = {}
    if not data.services.empty:
        figs["fig-services"] = services_heatmap(data.services)
    if not data.tasks.empty:
        figs["fig-tasks"] = tasks_heatmap(data.tasks)
    return figs


def status_counts(frame) -> str:
    """'2 gap · 49 weak · 20 covered' as coloured text."""
    counts = frame["status"].value_counts()
    return " · ".join(f'<span class="{s}">{counts.get(s, 0)} {s}</span>' for s in ("gap", "weak", "covered"))


def name_list(names) -> str:
    """A comma-separated escaped list, or a dash."""
    return esc(", ".join(names)) if len(names) else "–"


def maybe(names, ambiguous, notes=None, hours=None) -> list[str]:
    """Names, each an ambiguous label could be marked '(perhaps in the 22 questions labelled 'Kinesis')' (and, with
    `notes` and `hours`, each a note's or a study entry's umbrella word could be: '(perhaps in the note
    'Streaming', which says 'Kinesis')', '(perhaps in the 3.0 h logged as 'Kinesis')')."""
    return [name + perhaps(name, ambiguous, notes, hours) for name in names]


def ambiguous_text(ambiguous) -> str:
    """One paragraph per service label that could mean several services, or nothing."""
    rows = [] if ambiguous is None else ambiguous.to_dict("records")
    return "".join(f"<p><b>Questions naming no single service:</b> {esc(options_sentence(r))}; "
                   f"{esc(counted_in(r['domains']))}, for none of these services.</p>" for r in rows)


def notes_ambiguous_text(notes) -> str:
    """One paragraph per umbrella word of the notes (marts.note_umbrellas), or nothing."""
    return "".join(f"<p><b>Notes naming no single service:</b> {esc(note_options(r))}; "
                   f"{'it counts' if len(r['files']) == 1 else 'they count'} for none of these services: "
                   "name the one you mean.</p>" for r in note_rows(notes))


def hours_ambiguous_text(hours) -> str:
    """One paragraph per umbrella word of the study entries (warehouse.hour_umbrellas), or nothing."""
    return "".join(f"<p><b>Study time naming no single service:</b> {esc(logged_text(r))} could be any of: "
                   f"{esc(', '.join(r['services']))}; it counts for none of these services: name the one you mean.</p>"
                   for r in note_rows(hours))


def one_sided(services, ambiguous=None, notes=None, hours=None) -> str:
    """Services only in the notes and never practised, and the reverse; questions, notes and study time that name
    no single service (a never-studied service a note's or an entry's umbrella word could be is marked so)."""
    notes_only = services[(services["note_sections"] > 0) & (services["questions"] == 0)]["name"].tolist()
    practice_only = services[(services["questions"] > 0) & (services["note_sections"] == 0)]["name"].tolist()
    gaps = services[services["status"] == "gap"]["name"].tolist()
    return (f"<p><b>Never studied ({len(gaps)}):</b> {name_list(maybe(gaps, ambiguous, notes, hours))}</p>"
            f"<p><b>In your notes but never practised ({len(notes_only)}):</b> "
            f"{name_list(maybe(notes_only, ambiguous))}</p>"
            f"<p><b>Practised but not in your notes ({len(practice_only)}):</b> {name_list(practice_only)}</p>"
            + ambiguous_text(ambiguous) + notes_ambiguous_text(notes) + hours_ambiguous_text(hours))


def task_status_line(tasks) -> str:
    """'Task statements: 2 gap · 3 weak · 12 covered', or why none is measured."""
    if not tasks.empty and not tasks["measured"].any():
        return (f"<p><b>Task statements:</b> <span class=muted>{len(tasks)} not measured</span>: your exports carry "
                "no task labels (no question names a task statement), so none is called a gap or weak; readiness per "
                "domain is measured.</p>")
    return f"<p><b>Task statements:</b> {status_counts(tasks)}</p>"


def notes_section(notes) -> str:
    """Every note with the exam services it mentions."""
    rows = [{**r, "mentions": ", ".join(r["services"]) or "–",
             "day": f"{r['note_date']:%Y-%m-%d}" if r["note_date"] == r["note_date"] and r["note_date"] else "–"}
            for r in notes.to_dict("records")]
    table = table_html(rows, [Col("title", "Note"), Col("file", "File"), Col("day", "Date"), Col("sections", "Sections"),
                              Col("words", "Words", "{:.0f}"), Col("mentions", "Services mentioned")],
                       f"{len(rows)} notes", sortable=True)
    return section("Your notes", table if rows else "<p>No notes yet: drop Markdown files into inbox/notes.</p>")


def records(frame, name: str) -> list[dict]:
    """Table rows with a coloured status and readable domain lists."""
    rows = with_ranges(ordered(frame, name).to_dict("records"))
    for r in rows:
        measured = r.get("measured", True)
        r["shown_status"] = r["status"] if measured else NOT_MEASURED
        r["badge"] = status_badge(r["status"]) if measured else Raw(f"<span class=muted>{NOT_MEASURED}</span>")
        if "domains" in r:
            r["domain_list"] = ", ".join(f"D{d}" for d in (r["domains"] if r["domains"] is not None else []))
    return rows


def coverage_body(data: SiteData, figs: dict[str, Fig], out_dir: Path) -> str:
    """The coverage page's HTML body (also writes the two CSVs)."""
    if not figs:
        return section("Nothing to compare yet", "<p>Run <code>examready run</code> after adding notes, "
                       "exams or study time.</p>")
    services, tasks = records(data.services, "name"), records(data.tasks, "id")
    csv_cols, task_csv = csv_columns(SERVICE_COLUMNS, Col("status", "Status")), \
        csv_columns(TASK_COLUMNS, Col("shown_status", "Status"))
    rule = ("<p class=muted>Services: <b>gap</b>: no notes, practice or hours; <b>weak</b>: studied but fewer than "
            f"{COVERED_QUESTIONS} practice questions or under {COVERED_ACCURACY:.0%} correct; <b>covered</b>: at least "
            f"{COVERED_QUESTIONS} questions and {COVERED_ACCURACY:.0%} correct. Task "
            "statements: the same by practice questions of the task (<b>gap</b>: none; its domain's hours are shown "
            f"beside it), or <b>{NOT_MEASURED}</b> when no question names a task. "
            f"<b>{LIKELY}</b>: where your accuracy on such questions probably lies, 9 times in 10, given how few "
            f"you answered (a 90% Wilson interval: {COVERED_QUESTIONS} right of {COVERED_QUESTIONS} is "
            f"{range_text(accuracy_range(COVERED_QUESTIONS, 1.0))}); here every answer counts as a fresh "
            "question, retakes and flashcards too, where readiness counts a retake's answers little. "
            "Colour shows each column's share of its largest value; the numbers are in each cell.</p>")
    return "".join([
        f"<section><p><b>Services:</b> {status_counts(data.services)}</p>"
        f"{task_status_line(data.tasks)}{rule}</section>",
        section("Notes vs practice",
                one_sided(data.services, data.ambiguous, data.note_umbrellas, data.hour_umbrellas)),
        section("Services", f'<div class="heat">{figure_html(figs["fig-services"], "fig-services")}</div>',
                table_html(services, SERVICE_COLUMNS, "Every in-scope service (click a header to sort)", sortable=True)
                + write_csv(out_dir / "coverage-services.csv", services, csv_cols)),
        section("Task statements", f'<div class="heat">{figure_html(figs["fig-tasks"], "fig-tasks")}</div>',
                table_html(tasks, TASK_COLUMNS, "Every task statement (click a header to sort)", sortable=True)
                + write_csv(out_dir / "coverage-tasks.csv", tasks, task_csv)),
        notes_section(data.notes),
    ])
