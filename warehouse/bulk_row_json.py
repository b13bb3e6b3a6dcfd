"""The bulk path's quarantine row_json: the keys, order and formats of the row path's for the same row.

The row path writes each held-back row of the adapter's frame with pandas (`raw_rows.quarantine_rows`):
the canonical columns, `line`, the adapter's notes (`cells`, `extra_cells`, `taken_at_text`,
`correct_text`), a cohort file's `learner_id` (NULL where the row names no one) and, after
mapping, `line_row`, `domain_id`, `task_id`, `service`, `services` and a cohort file's `learner_missing`.
"""
from __future__ import annotations

from sources.canonical import ANSWERS

ISO = "strftime(r.taken_at, '%Y-%m-%dT%H:%M:%S.%g')"  # pandas' to_json(date_format="iso"): milliseconds
MASKED = "held_cell_masked"  # secrets.masked_cell as a DuckDB function (`row_json`'s caller registers it)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def row_json(cohort: bool, missing: str | None) -> str:
    """SQL for a held-back row's values over `r` (raw.answers) and `n` (bulk_answers.NOTES), the cells as
    written masked by MASKED.

    `cohort`: the file has a learner column; `missing`: the reason given a row naming no one there.
    `cells` and `extra_cells` are NULL: a file whose rows do not match its header takes the row path.
    """
    fields = {c: f"r.{c}" for c in ANSWERS} | {
        "taken_at": ISO, "line": "r.line", "cells": "NULL::VARCHAR", "extra_cells": "NULL::VARCHAR[]",
        "taken_at_text": f"CASE WHEN r.taken_at IS NULL THEN {MASKED}(n.taken_at_text) END",
        "correct_text": f"CASE WHEN r.correct IS NULL THEN {MASKED}(n.correct_text) END"}
    if cohort:
        fields["learner_id"] = "CASE WHEN n.learner_text IS NOT NULL THEN r.learner_id END"
    fields |= {c: f"r.{c}" for c in ("line_row", "domain_id", "task_id", "service", "services")}
    if cohort:
        fields["learner_missing"] = (f"CASE WHEN n.learner_text IS NULL THEN {_quote(missing)} END" if missing
                                     else "NULL::VARCHAR")
    return "to_json(struct_pack(" + ", ".join(f"{k} := {v}" for k, v in fields.items()) + "))"
