"""Loading new inbox files into the raw layer: ledger, mapping, masking, validation, quarantine.

Each file is loaded in one transaction (its rows, quarantine rows, validation results and ledger
row together; a batch of notes prepared together shares one), so a run killed at any point leaves the
warehouse as it was before that file (or that batch).
A rejected file still in the inbox is tried again on every run (a newer examready may read it);
while it fails the same way it is reported `rejected` again, without a new ledger row.
"""
from __future__ import annotations

import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from sources.blueprint import Blueprint
from sources.canonical import FormatError
from sources.csvfast import NotPlain
from sources.datetimes import modified_day, named_day
from sources.learners import HEADER_LINES, class_workspace, learner_keys, learner_missing_reason, people_named
from sources.wall_clock import with_offsets, without_offsets
from warehouse import bulk_answers, bulk_sessions, held_future, held_recount, ledger, loaded_before, run_reports
from warehouse.bulk_ingest import ingest_bulk
from warehouse.bulk_sessions_ingest import ingest_sessions
from warehouse.connection import transaction
from warehouse.dropped_sittings import counted_load, dropped_notice, dropped_sittings
from warehouse.gone_by_older_rules import settle_gone_by_older_rules
from warehouse.hour_umbrellas import load_warnings
from warehouse.inbox import InboxFile, scan_inbox
from warehouse.inbox_names import in_inbox_terms, utf8_name
from warehouse.label_warnings import note_warnings, service_label_warnings
from warehouse.ledger import FileReport
from warehouse.learner_events import respell_learner_events
from warehouse.learner_names import name_pairs, write_names
from warehouse.left_out_loaded import settle_left_out
from warehouse.mapping import MAPPERS, explain_no_domain
from warehouse.mark_reasons import explain_marks
from warehouse.others_notice import others_notice
from warehouse.own_learner_renamed import take_over_earlier_ids
from warehouse.raw_rows import quarantine_rows, write_rows
from warehouse.same_bytes import load_order, settle
from warehouse.secrets import mask_frame, masked_lines
from warehouse.sitting_notices import sitting_notices
from warehouse.unexpected_error import unexpected_error
from warehouse.validation import KEY, numbered_in_line, validate_batch

if TYPE_CHECKING:
    from warehouse.notes_batch import Ready

NOT_UTF8_NAME = ("{name}: its name is not UTF-8 (written by a system in another encoding; shown with its bytes as "
                 "\\xNN): rename the file, keeping letters such as é (a file manager or `mv` does), and run again")


def _held(failures: pd.DataFrame) -> int:
    """Rows of the batch with at least one failure (staging holds them back): a failure names its row by KEY,
    which is unique in the batch (`numbered_in_line`)."""
    return 0 if failures.empty else len(failures[KEY].drop_duplicates())


def note_day(path: Path, now: datetime, zone: str | None = None) -> pd.Timestamp:
    """The day a note without a date in its front matter was written: the date its name begins with (a daily note,
    `2026-10-12.md`; a Logseq journal, `2026_10_12.md`), else its file's modification day in `zone` (the learner's);
    today's when that is later (a file synced from a machine whose clock is ahead): a note is not written after it
    is read."""
    return pd.Timestamp(min(named_day(path.stem) or modified_day(path, zone), now.date()))


def with_note_dates(frame: pd.DataFrame, path: Path, now: datetime, zone: str | None = None) -> pd.DataFrame:
    """A note's sections, those without a date in its front matter dated `note_day`."""
    return frame.assign(note_date=pd.to_datetime(frame["note_date"]).fillna(note_day(path, now, zone)))


def _learners_named(frame: pd.DataFrame, hint: tuple[str, str, str] | None = None,
                    header_lines: set[int] = frozenset()) -> pd.DataFrame:
    """A cohort file's rows with their learner ids as stored (`sources.learners.learner_key`) and
    `learner_missing` on each row naming no one while others do (check `learner_named`), in the words
    of the adapter's `hint` with the row's `learner_name` when it gives them; not on a row on one of
    `header_lines` (the header repeated: it names no one, and is held back for its cells).

    An adapter gives `learner_id` only for a file whose rows go to the people they name."""
    if "learner_id" not in frame.columns:
        return frame
    keys = learner_keys(frame["learner_id"])
    missing = pd.Series(None, index=frame.index, dtype=object)
    if named := people_named(keys):
        blank = keys.isna() & ~frame["line"].isin(list(header_lines))
        names = frame["learner_name"][blank] if "learner_name" in frame.columns else pd.Series(
            None, index=keys.index[blank], dtype=object)
        reasons = {n: learner_missing_reason(named, hint, n) for n in set(names.dropna()) | {None}}
        missing[blank] = [reasons[n if isinstance(n, str) else None] for n in names]
    return frame.assign(learner_id=keys, learner_missing=missing)


def mapped_table(table: str, frame: pd.DataFrame, file: InboxFile, bp: Blueprint, now: datetime,
                 zone: str | None = None) -> tuple[pd.DataFrame, int]:
    """(one table of a parsed file ready to validate, secrets masked): rows numbered within their line, mapped,
    secrets masked, learners named; study entries with the UTC offsets their start can have in `zone` (the
    learner's, `sources.wall_clock`), which the overlap check reads and raw stores."""
    hint = frame.attrs.get("learner_hint")  # a row naming no one: which cell is blank, how to fix it
    header_lines = frame.attrs.get(HEADER_LINES, set())  # rows repeating the header name no one
    frame = numbered_in_line(frame)
    if table == "note_sections":
        frame = with_note_dates(frame, file.path, now, zone)
    if frame.empty:
        return frame, 0
    frame, masked = mask_frame(table, MAPPERS[table](frame, bp))
    frame = _learners_named(frame, hint, header_lines)
    return (with_offsets(frame, zone) if table == "study_sessions" else frame), masked


def _prepare(table: str, frame: pd.DataFrame, file: InboxFile, bp: Blueprint, now: datetime, zone: str | None = None):
    """One table of a parsed file mapped (`mapped_table`) and validated."""
    unlabelled = frame.attrs.get("unlabelled")  # why a question without labels is held back, if the adapter says
    labels_from = frame.attrs.get("labels_from")  # the file its labels come from (a Moodle question map)
    frame, masked = mapped_table(table, frame, file, bp, now, zone)
    if frame.empty:
        return frame, 0, *validate_batch(table, frame, now, [])
    failures, *rest = validate_batch(table, frame, now, [d.id for d in bp.domains], zone)
    if table == "answers":  # a question labelled only by services of several domains, a mark not given: say so
        failures = explain_marks(explain_no_domain(failures, frame, bp, unlabelled, labels_from), frame)
    return frame, masked, failures, *rest


SITTING_TABLES = {"answers", "domain_scores"}


def _load(con, file: InboxFile, report: FileReport, prepared: dict, learner_id: str, run_id: str,
          latest: tuple | None, staged: frozenset = frozenset(), uncounted=ledger.ASK, writes=None) -> str:
    """Write every table of one file, its quarantine and validation results and its ledger row at once
    (a quarantine row's JSON holds the entry as read, without its UTC offsets, as the bulk path's does);
    returns its load id. The report is `replaced` for a path loaded before or a sitting loaded before (asked
    of the rows written: `loaded_before.sittings_loaded_before`). `latest`: the path's `ledger.latest_load`
    before it; `staged`: the tables whose rows of this file are staged already (`raw_rows.stage_rows`, by
    NotesAhead), under its path, written with the ledger row when `writes` (its batch's HeldWrites) are
    flushed; `uncounted`: as `ledger.record`'s."""
    load_id = uuid.uuid4().hex
    keys = {"load_id": load_id, "learner_id": learner_id}

    def write(table: str, frame: pd.DataFrame, extra: dict) -> None:
        if table in staged:
            writes.staged_rows(table, file.relative, extra)
        else:
            write_rows(con, table, frame, extra)

    with transaction(con):
        for table, (frame, masked, failures, results) in prepared.items():
            held = _held(failures)
            report.rows_in += len(frame)
            report.rows_quarantined += held
            report.rows_loaded += len(frame) - held
            report.secrets_masked += masked
            write(table, frame, keys)
            if not failures.empty:
                write_rows(con, "quarantine", quarantine_rows(without_offsets(frame), failures, table),
                           keys | {"path": file.relative})
            write("validation_results", results, keys | {"path": file.relative})
            write_names(con, load_id, name_pairs(frame))
        # a path with no latest load has none at all (latest_load's statuses include every load's)
        if loaded_before.is_reexport(con, learner_id, file.relative, load_id, SITTING_TABLES & set(prepared),
                                     path_had_loads=latest is not None):
            report.status = "replaced"
        ledger.record(con, report, file.sha256, learner_id, run_id, load_id, latest=latest, uncounted=uncounted,
                      writes=writes)
    return load_id


def _unexpected(file: InboxFile, exc: Exception) -> str:
    """The error of a file that broke our code (not the file's fault)."""
    return f"{file.relative}: {unexpected_error(exc)}"  # as `inspect` says it (examready/inspect_bug.py)


def _rejected(con, file: InboxFile, learner_id: str, run_id: str, error: str, fmt=None) -> FileReport:
    """The file's rejection, recorded unless the same bytes were rejected so before; its error names
    the inbox's files as the reports do (exams/x.csv: a parser's error gives the path it was handed), and
    whether a version of the path loaded before still counts."""
    error = in_inbox_terms(error, file.path, file.relative)
    before = ledger.latest_load(con, learner_id, file.relative)
    report = FileReport(file.relative, file.kind, fmt, "rejected", error=error,
                        still_counts=before is not None and before[1] != "withdrawn")
    if not loaded_before.rejection_recorded(con, learner_id, file.relative, file.sha256, error):
        ledger.record(con, report, file.sha256, learner_id, run_id, None)
    return report


def ingest_file(con: duckdb.DuckDBPyConnection, file: InboxFile, bp: Blueprint, learner_id: str,
                run_id: str, parse_file, now: datetime, due: dict | None = None, zone: str | None = None,
                ready: Ready | None = None) -> FileReport:
    """Load one file in one transaction; never raises for bad input, reports it instead.

    `ready`: a note already parsed, mapped and validated with others, its path's latest load asked, its rows
    of the `staged` tables staged for writing (warehouse/notes_batch.py).

    `zone`: the learner's time zone name, as `parse_file` has it, for the bulk paths (they read a
    time written with an offset as its wall clock, as the adapters do).

    `due`: {path: held_future.Held} of files whose rows held back as in the future are due now
    (`held_future.due_paths`): such a file is read again, its new rows replace the old."""
    if not utf8_name(str(file.path)) and "\\x" in file.relative:  # its text would reach the warehouse, ids, pages
        return _rejected(con, file, learner_id, run_id, NOT_UTF8_NAME.format(name=file.relative))
    # the same until this file's own ledger row (a note prepared ahead: asked with its batch)
    latest = ready.latest if ready else ledger.latest_load(con, learner_id, file.relative)
    # a note prepared ahead was read because it changed (NotesAhead asked), or because it is due: asked again then
    if (ready is None or file.relative in (due or {})) and \
            loaded_before.is_unchanged(con, learner_id, file.relative, file.sha256, latest):
        if file.relative not in (due or {}):
            fmt = loaded_before.format_loaded_before(con, learner_id, file.sha256)
            return FileReport(file.relative, file.kind, fmt, "unchanged")
        print(held_future.read_again_notice(file.relative, due[file.relative]), file=sys.stderr)
    if loaded_before.read_by_older_rules(con, latest, file.sha256):
        exam = loaded_before.load_exam(con, latest[2])
        why = (f"its labels were mapped to {exam}'s domains, tasks and services, and the workspace's exam is now "
               f"{bp.code}" if exam else "this version of examready reads it by newer rules (how it reads ids, "
               "labels, dates, durations or learners)")
        print(f"examready: {file.relative}: read again: {why}; its new rows replace the old", file=sys.stderr)
    from sources.registry import detect

    adapter = detected = None
    try:
        detected = None if ready else detect(file.path)  # a note prepared ahead was detected then
        if bulk_answers.applies(file.path, detected):
            return ingest_bulk(con, file, bp, learner_id, run_id, now, zone)
        if bulk_sessions.applies(file.path, detected):  # None: too few entries, read below
            if report := ingest_sessions(con, file, detected, bp, learner_id, run_id, now, zone):
                return report
    except NotPlain as exc:
        print(f"examready: {file.relative}: {exc}; reading it row by row instead", file=sys.stderr)
    except OSError:
        pass  # parse_file below reports an unreadable file
    except Exception as exc:  # a bug must not stop the other files
        return _rejected(con, file, learner_id, run_id, _unexpected(file, exc), getattr(detected, "FORMAT", None))
    try:
        adapter, tables, prepared, staged = (ready.adapter, ready.tables, ready.prepared, ready.staged) if ready \
            else (*parse_file(file.path), None, frozenset())
        prepared = prepared or {t: _prepare(t, frame, file, bp, now, zone) for t, frame in tables.items()}
    except FormatError as exc:
        return _rejected(con, file, learner_id, run_id, str(exc))
    except Exception as exc:  # an adapter or mapping bug must not stop the other files
        return _rejected(con, file, learner_id, run_id, _unexpected(file, exc), getattr(adapter, "FORMAT", None))
    for frame in tables.values():  # what the adapter read with a caveat (day-first dates, cells left empty, …)
        said = masked_lines(frame.attrs.get("warnings", [])) + service_label_warnings(frame, bp) \
            + note_warnings(frame, bp)
        for warning in said:  # a note's name their file: said once
            print(f"examready: {file.relative}: {warning.removeprefix(file.path.name + ': ')}", file=sys.stderr)
    old = counted_load(con, latest)  # its attempts the new version may no longer hold
    report = FileReport(file.relative, file.kind, adapter.FORMAT, "loaded")
    new = _load(con, file, report, prepared, learner_id, run_id, latest, staged,
                None if ready and ready.new_bytes else ledger.ASK, ready.writes if ready else None)
    if notice := dropped_notice(file.relative, dropped_sittings(con, old, new), learner_id):
        print(notice, file=sys.stderr)
    for warning in load_warnings(con, new, bp) if "study_sessions" in prepared else []:  # as the bulk path says it
        print(f"examready: {file.relative}: {warning}", file=sys.stderr)
    for table in SITTING_TABLES & set(prepared):
        for notice in sitting_notices(con, file.relative, new, table, report.status == "replaced", learner_id):
            print(notice, file=sys.stderr)
    if notice := others_notice(file.relative, prepared, learner_id):
        print(notice, file=sys.stderr)
    return report


def ingest_inbox(con, inbox: Path, bp: Blueprint, learner_id: str, run_id: str,
                 progress=None, now: datetime | None = None, zone: str | None = None,
                 cohort: bool = False) -> list[FileReport]:
    """Ingest every file of the inbox that was not loaded before; returns one report per file.

    `now`: what a time in a file must not be later than (default: this machine's clock).
    `zone`: the learner's time zone name, for times that are instants (Anki's, a CSV time with an
    offset or Z; default: this machine's zone). `cohort`: a class workspace's (`sources.learners.class_workspace`).
    """
    from functools import partial

    from sources.registry import parse_file
    from warehouse.notes_batch import NotesAhead

    now = now or datetime.now()
    if renamed := take_over_earlier_ids(con, learner_id):  # examready.yaml's learner_id changed since the last load
        print(renamed, file=sys.stderr)
    respell_learner_events(con)  # ids of learners taken out, as rows are spelt now
    ledger.mapped_to(con, bp.code)  # each load's ledger row says the exam its labels were mapped to
    parse = partial(parse_file, zone=zone, exam=bp.code)  # of two label columns, the one naming its labels
    files = load_order(scan_inbox(inbox))  # of copies with the same bytes, the one in its folder first
    versions = ledger.current_versions(con, learner_id)  # a renamed one's old name is withdrawn: not left out too
    for notice in settle_gone_by_older_rules(con, learner_id, files, run_id, versions):  # read again
        print(notice, file=sys.stderr)
    for notice in settle_left_out(con, learner_id, inbox, files, versions, run_id):  # loaded, then left out
        print(notice, file=sys.stderr)
    reports, due = [], held_future.due_paths(held_future.held_in_future(con, learner_id, now))
    # before the inbox's files: a removed file's load keeps its place, behind a new export read now
    for notice in held_recount.count_gone(con, learner_id, run_id, due, {f.relative for f in files}, now):
        print(notice, file=sys.stderr)
    notes = NotesAhead(con, files, bp, learner_id, parse, now, zone, due)
    try:
        for i, file in enumerate(files, 1):
            with class_workspace(cohort):
                ready = notes.ready(i - 1)
                reports.append(notes.unchanged_report(file)
                               or ingest_file(con, file, bp, learner_id, run_id, parse, now, due, zone, ready))
            if progress:
                progress(i, len(files), file.relative)
        notes.commit()
    except BaseException:
        notes.rollback()  # the batch's loads so far: the next run reads those notes again
        raise

    def read_again(file: InboxFile) -> FileReport:
        with class_workspace(cohort):
            return ingest_file(con, file, bp, learner_id, run_id, parse, now, zone=zone)

    settle(con, learner_id, files, reports, read_again)  # copies: which path counts them; kinds by format
    run_reports.save_run_report(con, run_id, reports)
    return reports
