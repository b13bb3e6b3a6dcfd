"""What `examready quarantine` lists: each held-back row with its advice, rejected files, study entries
counted less, and learners taken out."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from examready.quarantine_learners import left_out, taken_out, whose_sql
from examready.quarantine_overlaps import overlapping_entries
from examready.quarantine_rejected import current_rejections

KEYS = ["path", "table", "line", "column", "check", "reason"]
# checks that hold a row back on purpose, whatever else it is: a task's row beside its domain's whole row, an
# Anki review of a card deleted since
KEPT_CHECKS = ("part_of_a_domain_row", "card_deleted_in_anki")
TYPO_DAYS = 2  # a time further ahead than any clock or time zone is off: advice `fix`


def held_back(con, learner_id: str, inbox: Path, withdrawn: bool = False, now: datetime | None = None) -> dict:
    """Quarantined rows of each file's current version (none for a file taken back with `forget`; those of
    learners taken out with `forget --learner` only with `withdrawn`, marked), each with its `advice` as of `now`
    (the workspace's clock, `Workspace.now`; default: this machine's) and, for a file renamed since, `renamed_to`;
    and files whose current bytes were rejected."""
    from warehouse.ledger import LATEST_BY_PATH

    held = f"""SELECT q.path, q.table_name, q.line, q.column_name, q.check_name, q.reason, q.load_id, q.line_row,
               json_extract_string(q.row_json, '$.domain_label') AS label, q.row_json
        FROM raw.quarantine q JOIN ({LATEST_BY_PATH}) c USING (path, load_id) WHERE c.status <> 'withdrawn'"""
    query = whose_sql(held) if taken_out(con) else f"SELECT *, NULL AS withdrawn_learner FROM ({held})"
    found = con.execute(f"{query} ORDER BY path, line, check_name", {"learner": learner_id}).fetchall()
    summary, empty = kept_lines(found), no_question_lines(found)
    gone = {r[0] for r in found if not (inbox / r[0]).exists()}
    renamed = renamed_paths(con, learner_id, inbox) if gone else {}
    rows = [dict(zip(KEYS, r[:6])) | {"kept_on_purpose": said == "kept_on_purpose", "advice": said, "values": values}
            | ({"renamed_to": renamed[r[0]]} if r[0] in renamed else {})
            | ({"withdrawn_learner": r[10]} if r[10] else {})
            for r in found for values in [row_values(r[9])] for said in [advice(r, summary, values, empty, now)]]
    return {"quarantined": [r for r in rows if withdrawn or "withdrawn_learner" not in r],
            "rejected": current_rejections(con, learner_id, inbox),
            "overlapping": overlapping_entries(con, learner_id),
            "withdrawn": left_out([r for r in rows if "withdrawn_learner" in r])}


def advice(row: tuple, summary: set[tuple], values: dict, empty: set[tuple] = frozenset(),
           now: datetime | None = None) -> str:
    """What to do about a held-back row: `kept_on_purpose` (a summary row's entry for mapping to no
    domain; a domain's row of no questions, 0 of 0, `empty`: as a results page lists it, it counts nothing; a
    task's row beside its domain's whole row, whose questions that row counts; an Anki review of a card deleted
    in Anki since),
    `summary_row` (a summary row's other entries: nothing to fix either, it counts for no domain),
    `wait` (a time still to come: it counts once that time passes, warehouse/held_future.py; a Moodle
    answer the teacher has yet to grade: nothing in the file to fix), else `fix` (a time more than
    TYPO_DAYS ahead of `now` too: more likely a typo in the date than a clock ahead)."""
    if (row[0], row[2]) in summary:
        return "kept_on_purpose" if row[4] == "domain_mapped" else "summary_row"
    if ((row[0], row[2]) in empty and row[4] == "total_positive") or row[4] in KEPT_CHECKS:
        return "kept_on_purpose"
    if awaits_grading(row[4], values):
        return "wait"
    if not row[4].endswith("_not_in_future"):
        return "fix"
    return "fix" if days_ahead(values.get(row[3]), now or datetime.now()) > TYPO_DAYS else "wait"


def awaits_grading(check: str, values: dict) -> bool:
    """A Moodle answer held back as 'Requires grading' (sources/moodle.py, `not_graded`)."""
    from sources.moodle import not_graded

    return check == "correct_not_null" and values.get("source") == "moodle" and not_graded(values.get("correct_text"))


def days_ahead(value: str | None, now: datetime) -> float:
    """How many days after `now` (the workspace's clock: the later of the machine's and the learner's) a held row's
    time is (0 for none)."""
    if not value:
        return 0.0
    return (datetime.fromisoformat(str(value)) - now).total_seconds() / 86400


def row_values(row_json: str | None) -> dict:
    """The held-back row's values as the adapter read them (raw.quarantine.row_json: the cells it kept, and
    what it noted, e.g. `taken_at_text`, `extra_cells`, `counts_percent`); {} when none were stored."""
    return json.loads(row_json) if row_json else {}


def kept_lines(found) -> set[tuple]:
    """(path, line) of summary rows a per-domain copy keeps on purpose (an "Overall" row: docs/formats.md),
    held back as mapping to no domain."""
    from sources.summary_rows import is_summary_label

    return {(r[0], r[2]) for r in found
            if r[1] == "domain_scores" and r[4] == "domain_mapped" and is_summary_label(r[8])}


def no_question_lines(found) -> set[tuple]:
    """(path, line) of per-domain rows of no questions, 0 of 0 (a results page lists every domain, one the
    attempt had no question of too): held back as their total is not above 0, and nothing to fix."""
    def none_right(values: dict) -> bool:
        return values.get("total") == 0 and values.get("correct") in (0, None) and values.get("percent") in (0, None)

    return {(r[0], r[2]) for r in found
            if r[1] == "domain_scores" and r[4] == "total_positive" and none_right(row_values(r[9]))}


def renamed_paths(con, learner_id: str, inbox: Path) -> dict[str, str]:
    """{loaded path no longer in the inbox: the inbox path now holding its content}, as `run` words it."""
    from examready.renames import renamed_to
    from warehouse.inbox import inbox_files
    from warehouse.inbox_names import inbox_name
    from warehouse.ledger import current_versions

    versions = current_versions(con, learner_id)
    gone = [path for path, *_ in versions if not (inbox / path).exists()]
    return renamed_to(inbox, versions, gone,
                      [inbox_name(p, inbox) for p, _ in inbox_files(inbox)] if gone else [])
