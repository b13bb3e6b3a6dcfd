"""The Great Expectations suites of `warehouse.expectations`, run as DuckDB SQL on a table.

Large files take the bulk path (`warehouse.bulk_answers`): their rows never become a pandas
frame, and GE's SQL datasources do not work on DuckDB (design.md, "Known pitfalls"). So each
Rule is compiled to a SQL predicate with GE's semantics (nulls pass value checks; a compound key
is unexpected on every row of a repeated key; only later repeats are held back; a rule judges only
the rows filling its `needs` and leaving its `unless` blank, GE's `row_condition`). The same
Rule list drives both engines, and `tests/test_sql_checks.py` runs the bad-input corpus through
both and compares failures and results row for row.

A relation lacking a column a rule reads is the bulk path's raw table: its rows are never
ragged (ragged files take the pandas path), so `cells` fails nowhere; and a value a reason
quotes as written (`taken_at_text`, `correct_text`, `minutes_text`, `started_at_text`) comes from the file's text, which
the bulk path names (`texts`, by line: `warehouse.bulk_read.read_text`'s view, each cell as written,
stripped; a time tracker's `warehouse.bulk_sessions.MINUTES_TEXT`).
"""
from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from warehouse.expectations import SUITES, Rule
from warehouse.validation import (FAILURE_COLUMNS, KEY, RESULT_COLUMNS, blank_columns, cells_first,
                                  combined_failures, failure_reasons, show, template_fields)

# Per table, a column an adapter keeps as written (the pandas batch has it) -> its column in the
# file's text (`texts`): only the bulk paths need it (per-question files, `warehouse.bulk_answers`; time
# trackers' exports, `warehouse.bulk_sessions.MINUTES_TEXT`).
AS_WRITTEN = {"answers": {"taken_at_text": "taken_at", "correct_text": "correct"},
              "study_sessions": {"minutes_text": "minutes_text", "started_at_text": "started_at_text"}}


def _literal(value, params: dict) -> str:
    if isinstance(value, dict) and "$PARAMETER" in value:
        value = params[value["$PARAMETER"]]
    if isinstance(value, (list, tuple, set)):
        return "(" + ", ".join(_literal(v, params) for v in value) + ")"
    if isinstance(value, (datetime, pd.Timestamp)):
        return f"TIMESTAMP '{pd.Timestamp(value).isoformat(sep=' ')}'"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def judged(r: Rule, columns: set[str] | None = None) -> str:
    """A SQL condition true on the rows the rule judges: those filling every column of its `needs` and
    leaving every column of its `unless` blank (GE's `row_condition`, `expectations._judged`); a column the
    relation lacks (`columns`) is blank on every row: lacking one of `needs`, no row is judged (`inspect`'s
    rows, labels not mapped, have no `domain_id`)."""
    if columns is not None and any(c not in columns for c in r.needs):
        return "false"
    kept = [f'"{c}" IS NOT NULL' for c in r.needs]
    kept += [f'"{c}" IS NULL' for c in r.unless if columns is None or c in columns]
    return " AND ".join(kept) or "true"


def failing_predicate(r: Rule, params: dict, columns: set[str] | None = None) -> str:
    """A SQL condition true on the rows this (single-row) expectation judges and finds unexpected.

    `columns`: the relation's; a rule on a column it lacks finds nothing unexpected (`false`)."""
    unexpected, condition = _unexpected(r, params, columns), judged(r, columns)
    if "false" in (unexpected, condition):
        return "false"
    return unexpected if condition == "true" else f"{condition} AND ({unexpected})"


def _unexpected(r: Rule, params: dict, columns: set[str] | None) -> str:
    kw = dict(r.kwargs)
    if columns is not None and kw.get("column", "") and kw["column"] not in columns:
        return "false"
    if r.kind == "ExpectColumnPairValuesAToBeGreaterThanB":
        a, b = f'"{kw["column_A"]}"', f'"{kw["column_B"]}"'
        return f"{a} IS NOT NULL AND {b} IS NOT NULL AND {a} {'<' if kw.get('or_equal') else '<='} {b}"
    column = f'"{kw["column"]}"'
    if r.kind == "ExpectColumnValuesToNotBeNull":
        return f"{column} IS NULL"
    if r.kind == "ExpectColumnValuesToBeNull":
        return f"{column} IS NOT NULL"
    if r.kind == "ExpectColumnValuesToBeInSet":
        return f"{column} IS NOT NULL AND {column} NOT IN {_literal(kw['value_set'], params)}"
    if r.kind == "ExpectColumnValuesToBeBetween":
        outside = []
        if kw.get("min_value") is not None:
            outside.append(f"{column} {'<=' if kw.get('strict_min') else '<'} {_literal(kw['min_value'], params)}")
        if kw.get("max_value") is not None:
            outside.append(f"{column} {'>=' if kw.get('strict_max') else '>'} {_literal(kw['max_value'], params)}")
        return f"{column} IS NOT NULL AND ({' OR '.join(outside)})"
    raise NotImplementedError(f"no SQL form for {r.kind} (rule {r.name})")


def _template_columns(template: str) -> list[str]:
    return [f for f in template_fields(template) if f != "first_line"]


def _columns(con, relation: str) -> set[str]:
    try:
        return {row[0] for row in con.execute(f"DESCRIBE {relation}").fetchall()}
    except duckdb.CatalogException:
        return set()


def _row_failures(con, table: str, relation: str, rules: list[Rule], params: dict, order: str,
                  texts: str | None) -> pd.DataFrame:
    """Rows failing any single-row rule, in one scan: the shown columns plus one flag per rule.

    A shown column the relation lacks is NULL, or (AS_WRITTEN) the cell as written in `texts`."""
    columns = _columns(con, relation)
    shown = dict.fromkeys(["line", "line_row", *(c for r in rules for c in _template_columns(r.reason)),
                           *(c for r in rules for cs, _ in r.when_blank for c in blank_columns(cs)),
                           # a `when_text` column and what its reason quotes (GE's failing rows have every column)
                           *(c for r in rules for column, _, said in r.when_text
                             for c in [column, *_template_columns(said)])])
    flags = [f"coalesce({failing_predicate(r, params, columns)}, false) AS \"_fails_{i}\""
             for i, r in enumerate(rules)]
    rows = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in shown if c in columns)}, {', '.join(flags)} "
                       f"FROM {relation} WHERE "
                       + " OR ".join(f"({failing_predicate(r, params, columns)})" for r in rules)
                       + f" ORDER BY line, line_row, {order}").df()
    for name in [c for c in shown if c not in columns]:
        cell = AS_WRITTEN.get(table, {}).get(name)
        rows[name] = _as_written(con, texts, cell, rows["line"]) if cell and texts else None
    return rows


def _as_written(con, texts: str, cell: str, lines: pd.Series) -> pd.Series:
    """Per line, the `cell` of `texts` there (None where `texts` lacks it: the file has no such column)."""
    if lines.empty or cell not in _columns(con, texts):
        return pd.Series([None] * len(lines), index=lines.index, dtype=object)
    con.register("_failing_lines", pd.DataFrame({"line": lines.astype("int64").unique()}))
    try:
        cells = dict(con.execute(f'SELECT t.line, t."{cell}" FROM {texts} t JOIN _failing_lines USING (line)')
                     .fetchall())
    finally:
        con.unregister("_failing_lines")
    return pd.Series([cells.get(int(line)) for line in lines], index=lines.index, dtype=object)


def _may_repeat(con, relation: str, key: str, where: str = "true") -> bool:
    """Whether a key may repeat among the rows `where` holds: two share its hash (rows with equal keys,
    NULLs equal, always do).

    Counting distinct hashes costs ~0.17 CPU-s on a 1.3M-row file, grouping by the key's texts ~0.29."""
    distinct, rows = con.execute(f"SELECT count(DISTINCT hash({key})), count(*) FROM {relation} "
                                 f"WHERE {where}").fetchall()[0]
    return distinct < rows


def _repeats(con, relation: str, r: Rule, order: str) -> tuple[pd.DataFrame, int, dict]:
    """(later repeats of a key with the shown columns, GE's unexpected_count, their first lines); rows
    blank in a column of the rule's `needs`, or filling one of its `unless`, take no part."""
    shown = ", ".join(f'"{c}"' for c in dict.fromkeys(["line", "line_row", *_template_columns(r.reason)]))
    key = ", ".join(f'"{c}"' for c in dict(r.kwargs)["column_list"])
    where = judged(r, _columns(con, relation))
    if where == "false" or not _may_repeat(con, relation, key, where):
        return pd.DataFrame(columns=KEY), 0, {}  # no repeated key: skip the (slower) window query
    rows = con.execute(f"""
        WITH keyed AS (SELECT {shown}, count(*) OVER k AS repeats,
                              row_number() OVER (k ORDER BY {order}) AS nth,
                              first_value(line) OVER (k ORDER BY {order}) AS first_line
                       FROM {relation} WHERE {where} WINDOW k AS (PARTITION BY {key}))
        SELECT * FROM keyed WHERE repeats > 1 ORDER BY line, line_row, nth""").df()
    later = rows[rows["nth"] > 1].reset_index(drop=True)
    extra = {i: {"first_line": show(v)} for i, v in enumerate(later["first_line"])}
    return later.drop(columns=["repeats", "nth", "first_line"]), len(rows), extra


def validate_relation(con, table: str, relation: str, now: datetime, domain_ids: list[int], order: str = "line",
                      texts: str | None = None):
    """(failures, results) of a typed relation, in the shapes `validation.validate_batch` returns.

    The relation has the table's columns typed as the suites expect, `line`, and a text
    `learner_id` ('' when the file names no learner); `order` is the column giving the rows'
    order in the file (several rows of a Moodle line share that line); `texts`, the file's cells
    as written by line, for reasons that quote a value the relation does not keep (the bulk path).
    """
    params = {"now": pd.Timestamp(now), "domain_ids": list(domain_ids) or [-1]}
    element_count = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    single = [r for r in SUITES[table] if r.kind != "ExpectCompoundColumnsToBeUnique"]
    failing = _row_failures(con, table, relation, single, params, order, texts)
    parts, counts = [], []
    for r in SUITES[table]:
        if r in single:
            rows, extra = failing[failing[f"_fails_{single.index(r)}"]].reset_index(drop=True), None
            unexpected = len(rows)
        else:
            rows, unexpected, extra = _repeats(con, relation, r, order)
        parts.append(pd.DataFrame({"line": rows["line"].to_numpy(), "line_row": rows["line_row"].to_numpy(),
                                   "column_name": r.column, "check_name": r.name,
                                   "reason": failure_reasons(r.reason, rows, extra, r.if_blank, r.when_blank,
                                                             r.when_text)},
                                  columns=FAILURE_COLUMNS))
        counts.append(unexpected)
    parts, left_out = cells_first(parts)
    results = [[table, r.name, r.column, unexpected - ragged == 0, unexpected - ragged, element_count,
                len(failed.drop_duplicates(KEY)), "duckdb_sql"]
               for r, unexpected, failed, ragged in zip(SUITES[table], counts, parts, left_out)]
    return combined_failures(parts), pd.DataFrame(results, columns=RESULT_COLUMNS)
