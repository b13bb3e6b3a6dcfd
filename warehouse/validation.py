"""Validating one file's batch: GE suites plus cheap pure checks; failures become quarantine rows."""
from __future__ import annotations

import string
from datetime import datetime

import numpy as np
import pandas as pd

ROW = "_row"
FAILURE_COLUMNS = ["line", "line_row", "column_name", "check_name", "reason"]
KEY = ["line", "line_row"]  # one input row: its line, and its place among that line's rows
RESULT_COLUMNS = ["table_name", "expectation", "column_name", "success", "unexpected_count", "element_count",
                  "quarantined_lines", "engine"]
SQL_MIN_ROWS = 20_000
DATES = {"answers": ["taken_at"], "domain_scores": ["taken_at"], "study_sessions": ["started_at"],
         "note_sections": ["note_date"]}
# Numbers an adapter or the mapping reads or computes for a check (`domain_summary_csv.percent_check`,
# `summary_answers.answers_check`, `mapping.domain_row_lines`), not canonical columns
COMPUTED = {"domain_scores": ["counts_percent", "percent_gap", "incorrect", "skipped", "answers", "answers_gap",
                              "domain_row_line"]}
NUMBERS = {"answers": ["seconds", "confidence"], "domain_scores": ["correct", "total", "percent"],
           "study_sessions": ["minutes"], "note_sections": ["words", "level"]}


def numbered_in_line(frame: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """The frame with `line_row`: each row's place among the rows read from its line (0, 1, …); `within`: columns
    telling several files' rows apart (a batch of notes: each note's lines numbered on their own)."""
    return frame.assign(line_row=frame.groupby([*within, "line"]).cumcount().astype("int64"))


def typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The batch with dates and numbers in the types the suites expect (unreadable → null).

    `learner_id` is part of every uniqueness key: in a cohort export two learners may share an
    attempt id; a learner's own file has no such column and gets an empty one here."""
    out = frame.copy() if "line_row" in frame.columns else numbered_in_line(frame)
    if "learner_id" not in out.columns:
        out["learner_id"] = ""
    out["learner_id"] = out["learner_id"].fillna("").astype(str)
    if "cells" not in out.columns:  # the adapter does not check rows against the header
        out["cells"] = None
    for name in COMPUTED.get(table, []):  # absent: the adapter gives no such values (NaN passes)
        out[name] = out[name].astype("float64") if name in out.columns else np.nan
    if table == "domain_scores" and "task_id" not in out.columns:  # unmapped: no row is a task's
        out["task_id"] = None
    for name in DATES[table]:
        if f"{name}_text" not in out.columns:  # the adapter keeps no unreadable date as written
            out[f"{name}_text"] = None
        out[name] = pd.to_datetime(out[name], errors="coerce").astype("datetime64[ns]")
    for name in NUMBERS[table]:
        out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
    return out


def show(value) -> str:
    """A cell value as a user reads it in a reason."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return "(blank)"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank(value) -> bool:
    return value is None or value == "" or (not isinstance(value, (list, tuple)) and pd.isna(value))


def template_fields(template: str) -> list[str]:
    """The names a reason template fills in ('{correct} of {total}' -> ['correct', 'total'])."""
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def blank_columns(columns: str | tuple[str, ...]) -> tuple[str, ...]:
    """A `when_blank` entry's columns: one name, or several that must all be blank."""
    return (columns,) if isinstance(columns, str) else tuple(columns)


def failure_reasons(template: str, rows: pd.DataFrame, extra: dict | None = None, if_blank: str = "",
                    when_blank: tuple = (), when_text: tuple = ()) -> list[str]:
    """Each row's reason: the reason of the first `when_blank` (columns, reason) whose columns the row leaves
    blank, else `template` over its shown values, or `if_blank` (when set) for a row where every value the
    template names is blank (a date quoted as written: none was written); a `when_text` (column, test, template)
    whose test the row's column passes ('5 Mar': no year) gives its template in place of `template`."""
    fields = [f for f in template_fields(template) if f in rows.columns]
    blank_ones = [([c for c in blank_columns(cs) if c in rows.columns], said) for cs, said in when_blank]
    blank_ones = [(cs, said) for cs, said in blank_ones if cs]
    text_ones = [(c, test, said) for c, test, said in when_text if c in rows.columns]

    def reason(i, row) -> str:
        said = next((said for cs, said in blank_ones if all(_blank(row[c]) for c in cs)), None)
        if said is not None:
            return said
        if if_blank and all(_blank(row[f]) for f in fields):
            return if_blank
        said = next((said for c, test, said in text_ones if test(row[c])), template)
        return said.format(**{k: show(v) for k, v in row.items()}, **(extra or {}).get(i, {}))
    return [reason(i, row) for i, row in rows.iterrows()]


def cells_first(failed: list[pd.DataFrame]) -> tuple[list[pd.DataFrame], list[int]]:
    """The failures of each check without the rows whose cells do not match the header, and how many
    each check lost.

    Such a row's values may sit in the wrong columns ('correct/incorrect is missing' for a row cut
    short): it is judged by `cells_match_header` alone, as if the other single-row checks ran on the
    other rows only (their unexpected counts leave it out too); a repeated key is still reported.
    Both engines apply this to their checks' failures.
    """
    whole = {"cells_match_header", "unique_within_file"}
    ragged = pd.concat([f[KEY] for f in failed if not f.empty and f["check_name"].iloc[0] == "cells_match_header"]
                       or [pd.DataFrame(columns=KEY)]).drop_duplicates()
    if ragged.empty:
        return failed, [0] * len(failed)
    keys = pd.MultiIndex.from_frame(ragged.astype("int64"))
    kept = [f if f.empty or f["check_name"].iloc[0] in whole
            else f[~pd.MultiIndex.from_frame(f[KEY].astype("int64")).isin(keys)] for f in failed]
    return kept, [len(f) - len(k) for f, k in zip(failed, kept)]


def _later_duplicates(rows: pd.DataFrame, columns: list[str]) -> tuple[list[int], dict]:
    """Rows repeating an earlier row's key, each with the line of that first row."""
    ordered = rows.sort_index()
    first = ordered.groupby(columns, dropna=False)[ROW].transform("first")
    later = list(ordered.index[ordered[ROW] != first])
    return later, {i: {"first_line": show(rows.loc[first[i], "line"])} for i in later}


def _failures_of(result, rule, batch: pd.DataFrame) -> pd.DataFrame:
    """One failing expectation's rows (all rows when it judged the whole batch); index = batch row."""
    res, extra, if_blank, when_blank, when_text = result.result or {}, None, rule.if_blank, rule.when_blank, \
        rule.when_text
    if result.exception_info and result.exception_info.get("raised_exception"):
        rows = list(batch.index)
        template = f"check {rule.name} could not run: {result.exception_info.get('exception_message')}"
        if_blank, when_blank, when_text = "", (), ()
    elif "unexpected_index_list" in res:
        rows, template = sorted({int(d[ROW]) for d in res["unexpected_index_list"]}), rule.reason
        if rule.kind == "ExpectCompoundColumnsToBeUnique":
            rows, extra = _later_duplicates(batch.loc[rows], list(dict(rule.kwargs)["column_list"]))
    else:
        rows, template = list(batch.index), rule.reason
    failing = batch.loc[rows]
    return pd.DataFrame({"line": failing["line"].to_numpy(), "line_row": failing["line_row"].to_numpy(),
                         "column_name": rule.column, "check_name": rule.name,
                         "reason": failure_reasons(template, failing, extra, if_blank, when_blank, when_text)},
                        columns=FAILURE_COLUMNS)


def _ge_suite(table: str, batch: pd.DataFrame, now: datetime, domain_ids: list[int], zone: str | None = None):
    """(failures, results) of the table's suite run by Great Expectations on the batch."""
    from warehouse.expectations import RULES, run_suite

    outcome = run_suite(table, batch, now, domain_ids)
    rules = [RULES[(table, result.expectation_config.meta["rule"])] for result in outcome.results]
    parts, left_out = cells_first([pd.DataFrame(columns=FAILURE_COLUMNS) if result.success
                                   else _failures_of(result, rule, batch)
                                   for result, rule in zip(outcome.results, rules)])
    results = []
    for result, rule, failed, ragged in zip(outcome.results, rules, parts, left_out):
        ge_count = (result.result or {}).get("unexpected_count")
        ge_count = (len(failed) + ragged if ge_count is None else ge_count) - ragged
        success = bool(result.success) if not ragged else ge_count == 0
        results.append([table, rule.name, rule.column, success, ge_count, len(batch),
                        len(failed.drop_duplicates(KEY)), "great_expectations"])
    failures = combined_failures(parts)
    if table != "study_sessions":
        return failures, pd.DataFrame(results, columns=RESULT_COLUMNS), None
    from warehouse.overlaps_frame import overlapping_sessions

    return failures, pd.DataFrame(results, columns=RESULT_COLUMNS), \
        overlapping_sessions(batch, set(failures["line"].astype(int)), zone)


def _sql_suite(table: str, batch: pd.DataFrame, now: datetime, domain_ids: list[int], zone: str | None = None):
    """The same suite in its SQL form, run by an in-memory DuckDB on the batch, overlaps included."""
    import duckdb

    from sources.sure_overlap import define_macros
    from warehouse import overlaps_sql, sql_checks

    with duckdb.connect() as con:
        con.register("batch", batch)
        failures, results = sql_checks.validate_relation(con, table, "batch", now, domain_ids, order=ROW)
        if table != "study_sessions":
            return failures, results, None
        define_macros(con, temporary=True)  # the overlap query's, which a warehouse connection has
        return failures, results, overlaps_sql.overlapping_sessions(con, "batch", set(failures["line"].astype(int)), zone)


def combined_failures(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Failures of several checks: one reason per line and check, sorted by line."""
    failures = pd.concat([p for p in parts if not p.empty] or [pd.DataFrame(columns=FAILURE_COLUMNS)],
                         ignore_index=True)
    return failures.drop_duplicates([*KEY, "check_name"]).sort_values([*KEY, "check_name"], ignore_index=True)


def validate_batch(table: str, frame: pd.DataFrame, now: datetime, domain_ids: list[int], zone: str | None = None):
    """(failures: one row per failing line and check, results: one row per check) of a batch.

    Great Expectations runs the suite on batches below SQL_MIN_ROWS rows (a learner's own exports);
    larger ones (a cohort's) run its SQL form: GE costs ~7 s to import and seconds per million
    rows, and the two engines fail the same rows (tests/test_bulk_ingest.py).
    """
    if frame.empty:
        return pd.DataFrame(columns=FAILURE_COLUMNS), pd.DataFrame(columns=RESULT_COLUMNS)
    batch = typed(table, frame).reset_index(drop=True)
    batch[ROW] = batch.index  # failing rows are reported by this column; several rows may share a line
    suite = _sql_suite if len(batch) >= SQL_MIN_ROWS else _ge_suite
    failures, results, overlap = suite(table, batch, now, domain_ids, zone)
    if overlap is not None:
        failures = combined_failures([failures, overlap])
        results.loc[len(results)] = [table, "no_overlap", "started_at", overlap.empty, len(overlap), len(batch),
                                     len(overlap), results["engine"].iloc[0]]
    return failures, results


# A file's part of a batch validated with others: its lines are moved up by part x LINE_STRIDE meanwhile
LINE_STRIDE = 10**9
ROW_BY_ROW = {"note_sections"}  # suites of rules judging each row alone (no key across rows, no overlaps)


def validate_batches(table: str, frames: list[pd.DataFrame], now: datetime,
                     domain_ids: list[int]) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """`validate_batch` of each frame, Great Expectations run once over all of them: a run costs ~80 ms
    whatever its rows, so a vault of 1,500 notes spent two minutes validated note by note.

    Only for a suite of row-by-row rules (ROW_BY_ROW), where a row fails alike in any batch; each frame's
    results are counted from its own failures, and should any count differ from GE's whole-batch count,
    every frame is validated alone instead."""
    def each_alone() -> list[tuple[pd.DataFrame, pd.DataFrame]]:
        return [done or validate_batch(table, frames[i], now, domain_ids) for i, done in enumerate(alone)]

    alone = [validate_batch(table, f, now, domain_ids) if f.empty or len(f) >= SQL_MIN_ROWS else None
             for f in frames]
    parts = [i for i, done in enumerate(alone) if done is None]
    if table not in ROW_BY_ROW or len(parts) < 2:
        return each_alone()
    batch = _typed_together(table, [frames[i] for i in parts])
    batch[ROW] = batch.index
    failures, results, _ = _ge_suite(table, batch, now, domain_ids)
    counted = failures.groupby("check_name").size()
    if any(int(r.unexpected_count) != int(counted.get(r.expectation, 0)) for r in results.itertuples()):
        return each_alone()
    part_of = (failures["line"].astype("int64") // LINE_STRIDE).to_numpy()
    failures = failures.assign(line=failures["line"].astype("int64") % LINE_STRIDE)
    mine = _results_of_parts(results, failures["check_name"].to_numpy(), part_of, [len(frames[i]) for i in parts])
    checks, no_failures = len(results), failures.iloc[0:0]
    for k, i in enumerate(parts):
        failed = failures[part_of == k].reset_index(drop=True) if (part_of == k).any() else no_failures
        alone[i] = (failed, mine.iloc[k * checks:(k + 1) * checks].reset_index(drop=True))
    return alone


def _typed_together(table: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames as one typed batch, each frame's lines moved up by its place x LINE_STRIDE; typed once when the
    frames have the same columns (a column some lack would be filled differently than `typed` fills it)."""
    part = np.repeat(np.arange(len(frames), dtype="int64"), [len(f) for f in frames])  # each row's frame

    def lines_moved(batch: pd.DataFrame) -> pd.DataFrame:  # after one concat: a copy per frame cost ~0.5 ms
        return batch.assign(line=batch["line"].astype("int64") + part * LINE_STRIDE)

    if len({tuple(f.columns) for f in frames}) == 1:
        return typed(table, lines_moved(pd.concat(frames, ignore_index=True)))
    return lines_moved(pd.concat([typed(table, f) for f in frames], ignore_index=True))


def _results_of_parts(results: pd.DataFrame, failed_checks, part_of, rows: list[int]) -> pd.DataFrame:
    """The batch's results (one row per check) for each part in turn, counted from that part's failures (each
    row once per check): len(rows) x len(results) rows."""
    checks = results["expectation"].to_numpy()
    per_part = pd.Series(1, index=pd.MultiIndex.from_arrays([part_of, failed_checks])).groupby(level=[0, 1]).size()
    grid = pd.MultiIndex.from_product([range(len(rows)), checks])
    unexpected = per_part.reindex(grid, fill_value=0).to_numpy().astype("int64")
    out = results.iloc[np.tile(np.arange(len(results)), len(rows))].reset_index(drop=True)
    out["unexpected_count"] = unexpected
    out["success"] = unexpected == 0
    out["element_count"] = np.repeat(np.asarray(rows, dtype="int64"), len(results))
    out["quarantined_lines"] = unexpected
    return out
