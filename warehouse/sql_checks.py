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
quotes as written (`taken_at_text`, `correct_text`) comes from the file's text, which the bulk path names
(`texts`: `warehouse.bulk_read.read_text`'s view, each cell as written, stripped, by line).
"""
from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from warehouse.expectations import SUITES, Rule
from warehouse.validation import (FAILURE_COLUMNS, KEY, RESULT_COLUMNS, cells_first, combined_failures,
                                  failure_reasons, show, template_fields)

# Per table, a column an adapter keeps as written (the pandas batch has it) -> its column in the
# file's text (`texts`): only the answers' bulk path (per-question files, `warehouse.bulk_answers`) needs it.
AS_WRITTEN = {"answers": {"taken_at_text": "taken_at", "correct_text": "correct"}}


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
    leaving every column of its `unless` blank (GE's `row_condition`, `expectations._judged`); a column of
    `unless` the relation lacks (`columns`) is blank on every row."""
    kept = [f'"{c}" IS NOT NULL' for c in r.needs]
    kept += [f'"{c}" IS NULL' for c in r.unless if columns is None or c in columns]
    return " AND ".join(kept) or "true"


def failing_predicate(r: Rule, params: dict, columns: set[str] | None = None) -> str:
    """A SQL condition true on the rows this (single-row) expectation judges and finds unexpected.

    `columns`: the relation's; a rule on a column it lacks finds nothing unexpected (`false`)."""
    unexpected = _unexpected(r, params, columns)
    condition = judged(r, columns)
    return unexpected if condition == "true" or unexpected == "false" else f"{condition} AND ({unexpected})"


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
                           *(c for r in rules for c, _ in r.when_blank)])
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
    if not _may_repeat(con, relation, key, where):
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
                                   "reason": failure_reasons(r.reason, rows, extra, r.if_blank, r.when_blank)},
                                  columns=FAILURE_COLUMNS))
        counts.append(unexpected)
    parts, left_out = cells_first(parts)
    results = [[table, r.name, r.column, unexpected - ragged == 0, unexpected - ragged, element_count,
                len(failed.drop_duplicates(KEY)), "duckdb_sql"]
               for r, unexpected, failed, ragged in zip(SUITES[table], counts, parts, left_out)]
    return combined_failures(parts), pd.DataFrame(results, columns=RESULT_COLUMNS)


def offsets_lookup(con, relation: str, zone: str | None, table: str = "check_offsets") -> None:
    """Temp `table` (started_at, lo, hi): each distinct start of the relation's entries with the UTC offsets
    it can have in `zone` (`sources.wall_clock.utc_offsets`)."""
    from sources.wall_clock import utc_offsets

    starts = con.execute(f"SELECT DISTINCT started_at FROM {relation} WHERE started_at IS NOT NULL").df()
    offsets = utc_offsets(starts["started_at"], zone)
    found = pd.DataFrame({"started_at": starts["started_at"], "lo": offsets["offset_min"].astype("int64"),
                          "hi": offsets["offset_max"].astype("int64")})
    con.register("check_offsets_frame", found)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM check_offsets_frame")
    con.unregister("check_offsets_frame")


def _start_offsets(con, relation: str, names: list[str], zone: str | None) -> tuple[str, str]:
    """(join, columns): how the overlap query reads each entry's offsets `lo`, `hi`: the relation's
    `utc_offset_min/max` (raw's, or a batch's from `wall_clock.with_offsets`), else those its starts can
    have in `zone`, looked up in the temp table `check_offsets`."""
    if {"utc_offset_min", "utc_offset_max"} <= set(names):
        return "", "r.utc_offset_min AS lo, r.utc_offset_max AS hi"
    offsets_lookup(con, relation, zone)
    return "JOIN check_offsets o USING (started_at)", "o.lo, o.hi"


def overlapping_sessions(con, relation: str, skip_lines: set[int], zone: str | None = None) -> pd.DataFrame:
    """`validation.overlapping_sessions` as one window query: entries starting before the latest
    end among the same learner's earlier entries (by start, then line); the earliest entry
    reaching that end is named, as the loop names it. Entries with a date but no time of day
    (`date_only`) take no part. Where the wall clock is not the real one (the entry's and that one's
    starts have not one and the same UTC offset: the relation's `utc_offset_min/max`, else in `zone`),
    the overlap must hold whichever offset each has (`sure_overlap_us`, sources/sure_overlap.sql), and the
    entry reaching the latest end among those is named. `con` has sure_overlap.sql's macros: a warehouse
    connection (warehouse.connection.connect) does, an in-memory one is given them (`validation._sql_suite`)."""
    # `line NOT IN (NULL)` is NULL: with no line to skip, it kept no entry and found no overlap
    skip = f"line NOT IN ({', '.join(str(int(x)) for x in sorted(skip_lines))})" if skip_lines else "true"
    names = [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
    timed = "NOT coalesce(date_only, false)" if "date_only" in names else "true"
    join, offsets = _start_offsets(con, relation, names, zone)
    rows = con.execute(f"""
        WITH ok AS (
            SELECT r.learner_id, r.line, r.line_row, r.started_at, {offsets}, epoch_us(r.started_at) AS w_us,
                   round(r.minutes * 60e6)::BIGINT AS d_us,
                   r.started_at + to_microseconds(round(r.minutes * 60e6)::BIGINT) AS ended,
                   row_number() OVER (PARTITION BY r.learner_id ORDER BY r.started_at, r.line) AS nth
            FROM {relation} r {join}
            WHERE r.started_at IS NOT NULL AND r.minutes IS NOT NULL AND {skip.replace('line', 'r.line')}
              AND {timed.replace('date_only', 'r.date_only')}),
        earlier AS (
            SELECT *, max(ended) OVER w AS latest_end,
                   arg_max(line, struct_pack(e := ended, n := -nth)) OVER w AS latest_line,
                   arg_max(struct_pack(lo := lo, hi := hi), struct_pack(e := ended, n := -nth)) OVER w AS latest_offsets
            FROM ok WINDOW w AS (PARTITION BY learner_id ORDER BY nth ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
        flagged AS (SELECT * FROM earlier WHERE started_at < latest_end),
        sure AS (  -- flagged entries whose wall clock is the real one as that of the entry it overlaps
            SELECT learner_id, nth, line, line_row, latest_end, latest_line FROM flagged
            WHERE lo = hi AND latest_offsets.lo = lo AND latest_offsets.hi = hi),
        checked AS (  -- the others, against each earlier entry they overlap whichever offsets both have
            SELECT b.learner_id, b.nth, b.line, b.line_row, max(a.ended) AS latest_end,
                   arg_max(a.line, struct_pack(e := a.ended, n := -a.nth)) AS latest_line
            FROM (SELECT * FROM flagged ANTI JOIN sure USING (learner_id, nth)) b
            JOIN ok a ON a.learner_id = b.learner_id AND a.nth < b.nth AND a.ended > b.started_at
            WHERE sure_overlap_us(a.w_us, a.d_us, a.lo, a.hi, b.w_us, b.d_us, b.lo, b.hi) > 0
            GROUP BY ALL)
        SELECT line, line_row, latest_end, latest_line FROM (SELECT * FROM sure UNION ALL SELECT * FROM checked)
        ORDER BY learner_id, nth""").df()
    con.execute("DROP TABLE IF EXISTS check_offsets")
    return pd.DataFrame({"line": rows["line"], "line_row": rows["line_row"], "column_name": "started_at",
                         "check_name": "no_overlap",
                         "reason": [f"overlaps the entry on line {line} (until {show(end)})"
                                    for line, end in zip(rows["latest_line"], rows["latest_end"])]},
                        columns=FAILURE_COLUMNS)
