"""What an "unknown file format" error says: the columns each near-miss format expects, or that a
spreadsheet must be saved as CSV first (docs/formats.md)."""
from __future__ import annotations

from pathlib import Path

from sources import clockify, domain_summary_csv, moodle_question_map, per_question_csv, plain_hours, toggl
from sources.csvread import header_names

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
# The columns each CSV format needs (its adapter's `detect`), as an error message says them.
EXPECTS = {
    "per_question_csv": "a question, a correct and a domain, task or topic column (e.g. Question,Domain,Correct)",
    "domain_summary_csv": "a domain column and a percentage, or correct and total counts (e.g. Domain,Score %)",
    "moodle": "State, Started on and question columns like 'Q. 1 /1.00' (Moodle Grades export)",
    "moodle_question_map": "only question and domain columns, optionally task and service",
    "toggl": "Description, Project, Start date, Start time and Duration (Toggl Detailed report)",
    "clockify": "Description, Project, Start Date, Start Time and Duration (h) or Duration (decimal)",
    "plain_hours": "a date and a minutes or hours column, at most 6 columns (e.g. Date,Minutes,Topic)",
}
# The column names (normalised) each format knows: a header sharing one is a near miss of it.
KNOWN_NAMES = {
    "per_question_csv": set(per_question_csv.ALIASES), "domain_summary_csv": set(domain_summary_csv.ALIASES),
    "moodle": {"state", "started on"}, "moodle_question_map": set(moodle_question_map.ALIASES),
    "toggl": toggl.REQUIRED, "clockify": clockify.REQUIRED | {"duration h", "duration decimal"},
    "plain_hours": set(plain_hours.ALIASES),
}


def near_misses(head: bytes) -> list[str]:
    """The CSV formats sharing a column name with this header, most shared first."""
    names = set(header_names(head))
    shared = {fmt: len(names & known) for fmt, known in KNOWN_NAMES.items()}
    return sorted((fmt for fmt, n in shared.items() if n), key=lambda fmt: -shared[fmt])


def unknown_format(path: Path, head: bytes, known: str) -> tuple[str, str]:
    """(reason, hint) for a file no format claims; `known`: the known formats' names."""
    if path.suffix.lower() in SPREADSHEETS:
        return (f"a spreadsheet ({path.suffix}), not a CSV export",
                f"open it and save it as CSV (File → Save As / Export → CSV), then put the .csv in the inbox; "
                f"known formats: {known}; see docs/formats.md")
    names = header_names(head)
    if not names:
        return "unknown file format", f"known formats: {known}; see docs/formats.md"
    close = near_misses(head)
    expected = "; ".join(f"{fmt} needs {EXPECTS[fmt]}" for fmt in close or EXPECTS)
    lead = "closest formats" if close else f"no format uses its columns ({', '.join(names[:6])})"
    return "unknown file format", f"{lead}: {expected}; known formats: {known}; see docs/formats.md"
