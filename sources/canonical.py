"""Canonical tables every adapter produces, and the adapter contract.

An adapter is a module in `sources/` with:
  FORMAT: str            short name shown to users ("per_question_csv", "toggl", ...)
  KIND: str              inbox kind it belongs to: "exams", "hours" or "notes"
  ALSO_FEEDS: tuple      optional: other kinds whose tables it writes too (`sources.kinds`)
  detect(path, head) -> bool   True when the file's *content* is this format
                               (head = first 64 KiB of the file as bytes)
  parse(path) -> dict[str, DataFrame]   canonical table name -> rows

Every frame carries `line`: the 1-based line (or record number) in the source file, so that
errors and quarantine rows can point the user at it. Parsing failures raise FormatError.
Labels (domain, task, service, topic) stay free text here; mapping them onto the blueprint
happens in `sources.label_domains` and `sources.label_services` (read by `warehouse/mapping.py`) so that one
place decides and reports unmapped labels.

Cohort exports (one file for many learners) may add an optional `learner_id` column to
answers, domain_scores and study_sessions (see OPTIONAL_COLUMNS): rows with a learner id are
stored under it (in one spelling: `sources.learners`); rows without one under the workspace's
learner, unless the file names several people: then such a row is quarantined (docs/cohorts.md).
"""
from __future__ import annotations

# table -> ordered columns (besides `line`)
ANSWERS = ["attempt_id", "taken_at", "provider", "question_id", "domain_label",
           "task_label", "service_label", "correct", "seconds", "confidence", "source"]
DOMAIN_SCORES = ["attempt_id", "taken_at", "provider", "domain_label", "correct", "total",
                 "percent"]
STUDY_SESSIONS = ["started_at", "minutes", "description", "project", "tags", "tool"]
NOTE_SECTIONS = ["note_path", "title", "heading", "level", "words", "note_date", "text",
                 "warning"]

# optional columns an adapter may add (cohort exports): table -> columns
OPTIONAL_COLUMNS = {"answers": ["learner_id"], "domain_scores": ["learner_id"],
                    "study_sessions": ["learner_id"]}

TABLES = {
    "answers": ANSWERS,
    "domain_scores": DOMAIN_SCORES,
    "study_sessions": STUDY_SESSIONS,
    "note_sections": NOTE_SECTIONS,
}
# answers.source values: "mock" (exam-style question), "moodle", "anki" (flashcard review)


class FormatError(ValueError):
    """A file that cannot be parsed at all; names the file, the line and what to do."""

    def __init__(self, path, message: str, line: int | None = None, hint: str = ""):
        self.path, self.line, self.message, self.hint = str(path), line, message, hint
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}" + (f" — {hint}" if hint else ""))
