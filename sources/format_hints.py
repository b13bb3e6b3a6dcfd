"""What an "unknown file format" error says: the columns each near-miss format expects, or that a
spreadsheet must be saved as CSV first (docs/formats.md)."""
from __future__ import annotations

from pathlib import Path

from sources import clockify, domain_summary_csv, moodle, moodle_question_map, per_question_csv, plain_hours, toggl
from sources.clockify_headers import DURATIONS, LANGUAGES, LOCALIZED, in_a_language_not_read, looks_like_clockify
from sources.csv_layout import header_names
from sources.text_decode import decode

BINARY = ("unknown file format (it does not look like a text export: binary data, not a header row)",
          "the inbox reads text exports (CSV, Markdown) and Anki packages")
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")
# An archive's first bytes: a zip of uncompressed members starts with text-like bytes (its CSV inside), then
# holds NULs, so without this it was taken for a text export with a NUL byte.
ARCHIVES = {b"PK\x03\x04": "zip", b"PK\x05\x06": "zip", b"\x1f\x8b": "gzip", b"7z\xbc\xaf\x27\x1c": "7z",
            b"Rar!\x1a\x07": "rar"}
DOCUMENTS = (".docx", ".pptx", ".odt", ".odp", ".epub", ".pages", ".key", ".pdf")  # zip-based (or PDF): no archive
# The columns each CSV format needs (its adapter's `detect`), as an error message says them.
EXPECTS = {
    "per_question_csv": "a question, a correct and a domain, task or topic column (e.g. Question,Domain,Correct)",
    "domain_summary_csv": "a domain column and a percentage, or correct and total (or incorrect) counts (e.g. Domain,Score %)",
    "moodle": "State, Started on and question columns like 'Q. 1 /1.00' (Moodle Grades export)",
    "moodle_question_map": "only question and domain columns, optionally task and service",
    "toggl": "Description, Project, Start date, Start time and Duration (Toggl Detailed report)",
    "clockify": ("Description, Project, Start Date, Start Time and Duration (h) or Duration (decimal), named in "
                 f"{LANGUAGES} (Clockify names them in your language: set it in Preferences → Language, then export "
                 "again)"),
    "plain_hours": ("a date and one minutes or hours column, at most 8 columns, at least half of them a date, "
                    "minutes, hours, topic, domain or service (e.g. Date,Minutes,Topic)"),
}
# The column names (normalised) each format knows: a header sharing one is a near miss of it.
KNOWN_NAMES = {
    "per_question_csv": set(per_question_csv.ALIASES), "domain_summary_csv": set(domain_summary_csv.ALIASES),
    "moodle": {"state", "started on"}, "moodle_question_map": set(moodle_question_map.ALIASES),
    "toggl": toggl.REQUIRED, "clockify": clockify.REQUIRED | DURATIONS | set(LOCALIZED),
    "plain_hours": set(plain_hours.ALIASES),
}


def looks_binary(head: bytes) -> bool:
    """Whether a file starts with binary data, not text: over 1 in 10 of its first 512 characters as read
    (NULs left out) are control characters (Unicode's Cc, tabs and line breaks aside) or undecodable.
    Spaces, joiners and direction marks of real text are not controls; legacy encodings read as
    Windows-1252 give letters, random bytes C0 and C1 controls (Latin-1). An archive is binary whatever it holds."""
    from unicodedata import category

    if archive_kind(head):
        return True
    text = decode(head[:1024]).lstrip("\ufeff").replace("\x00", "")[:512]
    if not text.strip():
        return False
    control = sum(1 for c in text if (category(c) == "Cc" and c not in "\t\r\n\f") or c == "\ufffd")
    return control * 10 > len(text)


def archive_kind(head: bytes) -> str | None:
    """'zip', 'gzip', '7z' or 'rar' for a file that starts as that archive does; None otherwise."""
    return next((kind for magic, kind in ARCHIVES.items() if head.startswith(magic)), None)


def near_misses(head: bytes) -> list[str]:
    """The CSV formats sharing a column name with this header, most shared first; Clockify alone for a header
    with Clockify's two durations, in any language (`clockify_headers.looks_like_clockify`)."""
    names = header_names(head)
    if looks_like_clockify(names):
        return ["clockify"]
    shared = {fmt: len(set(names) & known) for fmt, known in KNOWN_NAMES.items()}
    return sorted((fmt for fmt, n in shared.items() if n), key=lambda fmt: -shared[fmt])


def unknown_format(path: Path, head: bytes, known: str, binary: bool) -> tuple[str, str]:
    """(reason, hint) for a file no format claims; `known`: the known formats' names; `binary`: `looks_binary(head)`."""
    if path.suffix.lower() in SPREADSHEETS:
        return (f"a spreadsheet ({path.suffix}), not a CSV export",
                f"open it and save it as CSV (File → Save As / Export → CSV), then put the .csv in the inbox; "
                f"known formats: {known}; see docs/formats.md")
    if path.suffix.lower() in DOCUMENTS:
        return (f"a document ({path.suffix}), not a text export",
                f"the inbox reads text exports: download or save the results as CSV; known formats: {known}; "
                "see docs/formats.md")
    if kind := archive_kind(head):
        return (f"a {kind} archive, not a text export",
                f"extract it and put the exports it holds in the inbox, then remove the archive; known formats: "
                f"{known}; see docs/formats.md")
    if binary:
        return BINARY[0], f"{BINARY[1]}; known formats: {known}; see docs/formats.md"
    names = header_names(head)
    if not names:
        return "unknown file format", f"known formats: {known}; see docs/formats.md"
    moodle_elsewhere = moodle.in_a_language_not_read(names)
    close = ["moodle"] if moodle_elsewhere else near_misses(head)
    prose = len(names) <= 1 or any(len(name.split()) > 4 for name in names)  # no header: a sentence, no columns
    if not close and prose and path.suffix.lower() in (".txt", ".text"):  # a note saved as text, most likely
        return ("unknown file format", "a text file no format reads: to have it read as a note, name it .md or start "
                f"it with a # heading; known formats: {known}; see docs/formats.md")
    expected = "; ".join(f"{fmt} needs {EXPECTS[fmt]}" for fmt in close or EXPECTS)
    if moodle_elsewhere:
        expected += (" named in English (Moodle names a report's columns in your language: switch it to English in "
                     "your user menu → Language, then download the Grades report again)")
    lead = ("looks like a Clockify detailed report in a language not read" if in_a_language_not_read(names)
            else "looks like a Moodle Grades export in a language not read" if moodle_elsewhere
            else "closest formats" if close else f"no format uses its columns ({', '.join(names[:6])})")
    return "unknown file format", f"{lead}: {expected}; known formats: {known}; see docs/formats.md"
