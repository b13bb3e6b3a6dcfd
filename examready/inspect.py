"""`examready inspect FILE...`: a dry run showing format, rows, label mapping and problems."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.ragged_rows import NOT_ROWS, is_no_data, is_repeated_header

LABEL_COLUMNS = {"answers": ["domain_label", "task_label", "service_label"],
                 "domain_scores": ["domain_label"],
                 "study_sessions": ["description", "project", "tags"]}


def kind_folder(path: Path) -> Path | None:
    """The inbox kind's folder (`inbox/notes`, `inbox/exams`, `inbox/hours`) that is `path` or holds it; None
    outside an inbox."""
    from warehouse.inbox import INBOX_KINDS

    return next((p for p in (path, *path.parents) if p.name in INBOX_KINDS and p.parent.name == "inbox"), None)


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder becomes the files `examready run` reads there (`warehouse/inbox.py`).

    Inside a workspace's inbox (`inbox`, `inbox/notes`, a vault in it) those are exactly the run's
    files: hidden files and folders, `~$`/`_` names, partial downloads and lock files are left out,
    and in `inbox/notes` a vault's attachments (images, PDFs, ...) and templates folder. Any other folder is read as a
    notes folder would be (`examready inspect ~/Obsidian/AWS-vault`), with the same rules.
    """
    from warehouse.inbox import INBOX_KINDS, inbox_files, wanted

    out = []
    for path in map(Path, paths):
        if not path.is_dir():
            out.append(path)
            continue
        inbox = held.parent if (held := kind_folder(path)) else None  # a workspace's inbox, or a folder in it
        if path.name == "inbox" and any((path / kind).is_dir() for kind in INBOX_KINDS):
            inbox = path
        if inbox is not None:
            out += [p for p, _ in inbox_files(inbox) if p.is_relative_to(path)]
            continue
        vaults: dict = {}
        out += sorted(p for p in path.rglob("*") if wanted(p, path, True, vaults))  # as if it were inbox/notes
    return out


def _mappers():
    """The ingestion's label mappers, or None when label mapping is not available yet."""
    try:
        from warehouse.mapping import MAPPERS
    except ImportError:
        return None
    return MAPPERS


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _value(cell):
    """A mapped cell as JSON: a list as a list (services), NA as None, numpy scalars as Python's."""
    if isinstance(cell, list):
        return cell
    return None if pd.isna(cell) else cell.item() if hasattr(cell, "item") else cell


def note_report(mapped: pd.DataFrame, blueprint) -> dict:
    """A note's services, and what in it counts for none: headings with no text under them that name a
    service, and umbrella words ('Kinesis') counting for none of the services they could be, as `run` says them."""
    from sources.label_services import find_services
    from warehouse.label_warnings import note_umbrella_words

    services = sorted({s for found in mapped["services"] for s in found})
    empty = [{"heading": h, "line": int(line)} for h, line, found, words in
             zip(mapped["heading"], mapped["line"], mapped["services"], mapped["words"])
             if not found and not words and blueprint is not None and find_services(h, blueprint)]
    return {"sections_with_services": int(sum(bool(s) for s in mapped["services"])), "services": services,
            "empty_headings": empty,
            "umbrella_words": note_umbrella_words(mapped, blueprint) if blueprint else []}


def label_report(table: str, mapped: pd.DataFrame, blueprint=None) -> dict:
    """How a table's labels mapped: counts plus one line per distinct label; a question labelled only by
    services of several domains says so (`no_domain`, the reason `run`'s validation gives it), and so does a study
    entry naming only such services (its time counts toward no domain's hours)."""
    if table == "note_sections":
        return note_report(mapped, blueprint)
    result_cols = [c for c in ("domain_id", "task_id", "service", "services") if c in mapped]
    by_label: dict[str, dict] = {}  # grouped by the label columns first: a cohort file has few combinations
    for key, group in mapped.groupby(LABEL_COLUMNS[table], dropna=False, sort=False):
        label = " | ".join(_text(v) for v in (key if isinstance(key, tuple) else (key,))).strip(" |")
        if label in by_label:
            by_label[label]["rows"] += len(group)
            continue
        first = group.iloc[0]
        by_label[label] = {"label": label, "rows": len(group), **{c: _value(first[c]) for c in result_cols}}
        if table == "answers" and blueprint is not None and pd.isna(first["domain_id"]):
            from warehouse.mapping import no_domain_reason

            why = no_domain_reason(first["domain_label"], first["task_label"], first["service_label"], blueprint)
            by_label[label] |= {"no_domain": why} if why else {}
        if table == "study_sessions" and blueprint is not None and pd.isna(first["domain_id"]):
            from warehouse.mapping import hours_no_domain_reason

            why = hours_no_domain_reason(first.get("services"), blueprint, group["tool"].dropna().unique()
                                         if "tool" in group else ())
            by_label[label] |= {"no_domain": why} if why else {}
    mappings = [by_label[label] for label in sorted(by_label)]
    unmapped = int(mapped["domain_id"].isna().sum())
    return {"mapped": len(mapped) - unmapped, "unmapped": unmapped, "mappings": mappings}


# table -> the rules of run's validation (warehouse/expectations.py) that inspect judges a file's rows by, in run's
# words: those deciding from the file's cells alone (not a label's mapping, a date in the future or a repeated key)
ROW_CHECKS = {
    "answers": ["taken_at_not_null", "correct_not_null", "seconds_in_range", "confidence_in_range"],
    "domain_scores": ["taken_at_not_null", "correct_not_null", "percent_fits_total", "total_is_count",
                      "incorrect_is_count", "skipped_is_count", "total_not_null", "total_positive",
                      "correct_non_negative", "correct_at_most_total", "answers_fit_total",
                      "percent_in_range", "percent_matches_counts"],
    "study_sessions": ["started_at_not_null", "minutes_not_null", "minutes_in_range"],
}


def _lines(lines: list[int]) -> str:
    return ", ".join(map(str, lines[:10])) + (", …" if len(lines) > 10 else "")


def sql_cells(column: pd.Series) -> pd.Series:
    """A typed column as DuckDB is given it: an object column's cells as text (a blank as NULL), which DuckDB
    reads whatever their Python types; any other as it is."""
    return column.astype(str).where(column.notna(), None) if column.dtype == object else column


def lines_by_reason(table: str, rows: pd.DataFrame) -> dict[str, list[int]]:
    """The lines run's rules ROW_CHECKS[table] hold back among `rows`, by the reason run gives each (rule by rule):
    run's DuckDB engine (`sql_checks.validate_relation`) on the rows as run types them, its other rules' failures
    left out."""
    import duckdb

    from warehouse.sql_checks import validate_relation
    from warehouse.validation import typed

    judged = typed(table, rows).reset_index(drop=True)
    with duckdb.connect() as con:
        con.register("inspected", pd.DataFrame({c: sql_cells(judged[c]) for c in judged.columns}))
        failures, _ = validate_relation(con, table, "inspected", pd.Timestamp.now(), [-1])
    by_reason: dict[str, list[int]] = {}
    for name in ROW_CHECKS[table]:
        failing = failures[failures["check_name"] == name]
        for reason, line in zip(failing["reason"], failing["line"]):
            by_reason.setdefault(reason, []).append(int(line))
    return by_reason


def _problem(table: str, lines: list[int], what: str) -> str:
    one = len(lines) == 1
    return f"{table}: {len(lines)} line{'' if one else 's'} where {what} (line{'' if one else 's'} {_lines(lines)})"


def _row_problems(table: str, frame: pd.DataFrame) -> list[str]:
    """Rows the run would quarantine for unreadable values, summarised per check."""
    problems = []
    cells = [("cells", lambda v: pd.notna(v) and not is_no_data(v), "the cells do not match the header"),
             ("cells", is_repeated_header, "the header is repeated (two exports pasted into one file?)"),
             *[("cells", lambda v, reason=reason: v == reason, what) for reason, what in NOT_ROWS.items()]]
    for column, bad, what in cells:
        if column not in frame.columns:  # an adapter that does not check rows against the header (Anki, notes)
            continue
        lines = sorted({int(n) for v, n in zip(frame[column], frame["line"]) if bad(v)})
        if lines:
            problems.append(_problem(table, lines, what))
    if table in ROW_CHECKS:
        by_reason = lines_by_reason(table, frame)  # a row whose cells do not match the header: by that alone
        problems += [_problem(table, sorted(set(lines)), what) for what, lines in by_reason.items()]
    return problems


def learners_named(tables: dict[str, pd.DataFrame]) -> dict | None:
    """Whose rows these are: the learners the file names (a class export), or None for a file whose
    rows all go to the workspace's learner (notes and a learner's own exports name nobody)."""
    from sources.learners import HEADER_LINES, learner_keys

    columns = [f["learner_id"][~f["line"].isin(list(f.attrs.get(HEADER_LINES, ())))]  # the header again: no one
               for t, f in tables.items() if t in LABEL_COLUMNS and "learner_id" in f]
    ids = pd.concat(columns) if columns else pd.Series(dtype=object)
    keys = learner_keys(ids)  # as `run` stores them (docs/cohorts.md, "One spelling per person")
    named = keys.notna()
    if not named.any():
        return None
    stored = sorted(keys[named].unique())
    written: dict[str, list[str]] = {}
    for key, cell in sorted(set(zip(keys[named], ids[named].astype(str).str.strip()))):
        if cell != key:
            written.setdefault(key, []).append(cell)
    return {"count": len(stored), "examples": stored[:3], "written": {k: written[k] for k in stored[:3] if k in written},
            "rows_naming_none": int(len(ids) - named.sum())}


def person_named(tables: dict[str, pd.DataFrame]) -> str | None:
    """The one person a learner's own time export names (Toggl's or Clockify's Email or User), whose rows are
    the workspace's learner's all the same; None for any other file."""
    from sources.time_tracker import PERSON_NAMED

    return next((f.attrs[PERSON_NAMED] for f in tables.values() if f.attrs.get(PERSON_NAMED)), None)


def blank_report(path: Path) -> dict:
    """A file's report before reading it: no format, no rows; `error` set only by an error not expected (a bug)."""
    return {"path": str(path), "format": None, "kind": None, "rows": {}, "learners": None, "person_named": None,
            "labels": {}, "problems": [], "error": None}


def inspect_file(path: Path, blueprint, zone: str | None = None) -> dict:
    """One file's report: detected format, rows per table, label mapping and problems.

    `zone`: the learner's time zone name, for formats that store instants (Anki)."""
    from sources.canonical import FormatError
    from sources.registry import parse_file
    from warehouse.secrets import mask_frame, masked_lines
    report = blank_report(path)
    try:
        adapter, tables = parse_file(path, zone=zone, exam=blueprint.code if blueprint is not None else None)
    except FormatError as exc:
        report["problems"].append(str(exc))
        return report
    report.update(format=adapter.FORMAT, kind=adapter.KIND, learners=learners_named(tables),
                  person_named=person_named(tables))
    mappers = _mappers()
    if mappers is None:
        report["problems"].append("label mapping is not available in this build: labels unmapped")
    for table, frame in tables.items():
        report["rows"][table] = len(frame)
        warnings = masked_lines(frame.attrs.get("warnings", []))  # a note's each name its file, as its `warning`
        report["problems"] += warnings if table == "note_sections" else [f"{table}: {w}" for w in warnings]
        report["problems"] += _row_problems(table, frame)
        if mappers is not None and not frame.empty:
            mapped = mask_frame(table, mappers[table](frame, blueprint))[0]  # what `run` stores and says
            report["labels"][table] = label_report(table, mapped, blueprint)
            # as `run` says it (warehouse.ingest)
            from warehouse.hour_umbrellas import hour_warnings
            from warehouse.label_warnings import service_label_warnings, tag_warnings

            said = service_label_warnings(frame, blueprint) + hour_warnings(frame, blueprint)
            report["problems"] += [f"{table}: {w}" for w in said]
            if table == "note_sections":  # a study entry's Tags cell is no front matter (hour_warnings says its words)
                report["problems"] += [f"{Path(path).name}: {w}" for w in tag_warnings(frame, blueprint)]
    return report


def inspect_files(paths: list[Path], blueprint, zone: str | None = None) -> list[dict]:
    """Reports for every file (folders expanded); nothing is loaded into any database. A file whose reading
    raises an error not expected (a bug) gets a report saying so, and the other files are read all the same."""
    from examready.inspect_bug import guarded

    return [guarded(inspect_file, p, blueprint, zone) for p in expand(paths)]
