"""The overlap check of time entries as one DuckDB window query, on a relation (the bulk path's rows, or a
batch registered in an in-memory DuckDB): the SQL form of `warehouse.overlaps_frame`, failing the same lines."""
from __future__ import annotations

import pandas as pd

from sources.wall_clock import wall_clock_end
from warehouse.validation import FAILURE_COLUMNS, show


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
    """`overlaps_frame.overlapping_sessions` as one window query: entries starting before the latest
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
                   arg_max(struct_pack(w := w_us, d := d_us), struct_pack(e := ended, n := -nth)) OVER w AS latest_span,
                   arg_max(struct_pack(lo := lo, hi := hi), struct_pack(e := ended, n := -nth)) OVER w AS latest_offsets
            FROM ok WINDOW w AS (PARTITION BY learner_id ORDER BY nth ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
        flagged AS (SELECT * FROM earlier WHERE started_at < latest_end),
        sure AS (  -- flagged entries whose wall clock is the real one as that of the entry it overlaps
            SELECT learner_id, nth, line, line_row, latest_line, latest_span FROM flagged
            WHERE lo = hi AND latest_offsets.lo = lo AND latest_offsets.hi = hi),
        checked AS (  -- the others, against each earlier entry they overlap whichever offsets both have
            SELECT b.learner_id, b.nth, b.line, b.line_row,
                   arg_max(a.line, struct_pack(e := a.ended, n := -a.nth)) AS latest_line,
                   arg_max(struct_pack(w := a.w_us, d := a.d_us), struct_pack(e := a.ended, n := -a.nth)) AS latest_span
            FROM (SELECT * FROM flagged ANTI JOIN sure USING (learner_id, nth)) b
            JOIN ok a ON a.learner_id = b.learner_id AND a.nth < b.nth AND a.ended > b.started_at
            WHERE sure_overlap_us(a.w_us, a.d_us, a.lo, a.hi, b.w_us, b.d_us, b.lo, b.hi) > 0
            GROUP BY ALL)
        SELECT line, line_row, latest_line, latest_span FROM (SELECT * FROM sure UNION ALL SELECT * FROM checked)
        ORDER BY learner_id, nth""").df()
    con.execute("DROP TABLE IF EXISTS check_offsets")
    return pd.DataFrame({"line": rows["line"], "line_row": rows["line_row"], "column_name": "started_at",
                         "check_name": "no_overlap",
                         "reason": [f"overlaps the entry on line {line} "
                                    f"(until {show(wall_clock_end(span['w'], span['d'], zone))})"
                                    for line, span in zip(rows["latest_line"], rows["latest_span"])]},
                        columns=FAILURE_COLUMNS)
