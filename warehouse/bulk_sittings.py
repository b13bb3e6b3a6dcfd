"""The bulk path's sitting ids: `sources.sittings.sitting_ids` in SQL, for a file read by DuckDB.

Most sets of a file are sat once: their rows repeat no question and span at most GAP. Those get
'<set> <first time>' through a per-set table (one hash aggregate, no sort; ~0.3 s on 1.3M rows);
only the rows of the other sets go through the rule's windows (each a sort: all of them on all
1.3M rows took ~1.5 s). A pasted copy (the line right above it again) is found by those windows too; a line pasted further down
(sources/pasted_lines.py) by more windows, run only where a split set has two lines alike (`_repeated_lines`).
"""
from __future__ import annotations

from sources.sittings import GAP, ITEM_JOIN

SETS, SITTINGS = "bulk_sets", "bulk_sittings"  # temp tables: per (learner, set); per line of a split set
STRETCHED = "bulk_stretched"  # temp table: a split set's lines with their stretch and adjacent copy
STAMP = "regexp_replace(strftime({}, '%Y-%m-%d %H:%M'), ' 00:00$', '')"  # sittings.stamp_text
PLAT = "platform_key({})"  # sittings.platform_keys: the macro (sources/platform_rule.sql)


def _split_sets(con, rows: str) -> None:
    """SITTINGS (line, who, attempt_id, several: the set has more than one) for the rows of the sets SETS
    marks `split`: the pandas rule's steps, a (learner, set, platform) at a time."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {STRETCHED} AS
        WITH rows AS ({rows}), dated AS (
            SELECT *, coalesce(epoch(taken) - lag(epoch(taken)) OVER (PARTITION BY who, set_name, plat
                                                                    ORDER BY taken, line), 0) > {GAP.total_seconds()}
                      AS breaks
            FROM rows WHERE (who, set_name, plat) IN (SELECT (who, set_name, plat) FROM {SETS} WHERE split)
        ), stretched AS (
            SELECT *, sum(breaks::INTEGER) OVER (PARTITION BY who, set_name, plat ORDER BY taken, line
                                                 ROWS UNBOUNDED PRECEDING) AS stretch,
                      coalesce(item IS NOT NULL AND lag(line) OVER p = line - 1 AND lag(taken) OVER p = taken
                               AND lag(item) OVER p = item AND lag(cells) OVER p IS NOT DISTINCT FROM cells,
                               false) AS copy  -- a pasted copy of the line above (sittings._pasted_copies)
            FROM dated WINDOW p AS (PARTITION BY who, set_name, plat ORDER BY taken, line)
        ) SELECT * FROM stretched""")
    numbered = _pastes_aside() if _repeated_lines(con) else _numbered("stretched", "copy", "sitting")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {SITTINGS} AS
        WITH stretched AS (FROM {STRETCHED}), {numbered}, started AS (
            SELECT *, {STAMP.format("min(taken) OVER (PARTITION BY who, set_name, plat, stretch, sitting)")} AS stamp
            FROM sat
        )
        SELECT line, who, attempt_id, min(attempt_id) OVER w <> max(attempt_id) OVER w AS several
        FROM (SELECT line, who, set_name,
                     set_name || ' ' || stamp || CASE WHEN k > 1 THEN ' (' || k || ')' ELSE '' END || tag AS attempt_id
              FROM (SELECT line, who, set_name, stamp, tag,
                           dense_rank() OVER (PARTITION BY who, set_name, plat, stamp ORDER BY stretch, sitting) AS k
                    FROM started JOIN (SELECT who, set_name, plat, tag FROM {SETS}) USING (who, set_name, plat)))
        WINDOW w AS (PARTITION BY who, set_name)""")


def _repeated_lines(con) -> bool:
    """Whether a split set has two lines alike in every cell read: only then are `_pastes_aside`'s costlier
    windows run."""
    return con.execute(f"""
        SELECT EXISTS (SELECT 1 FROM {STRETCHED} WHERE item IS NOT NULL AND cells IS NOT NULL
                       GROUP BY who, set_name, plat, item, taken, cells HAVING count(*) > 1)""").fetchall()[0][0]


def _pastes_aside() -> str:
    """CTEs from `stretched` to `sat`: sittings numbered with lines pasted further down set aside
    (`sources.pasted_lines.pasted_repeats`: numbered once with every repeated line aside, then judged)."""
    return f"""again AS (  -- alike in every cell with an earlier line of the stretch (sources/pasted_lines.py)
            SELECT *, coalesce(item IS NOT NULL AND cells IS NOT NULL AND row_number() OVER (
                          PARTITION BY who, set_name, plat, stretch, item, taken, cells ORDER BY line) > 1,
                          false) AS again
            FROM stretched
        ), {_numbered("again", "copy OR again", "sitting1")}, judged AS (
            SELECT * REPLACE (copy OR again AND first_value(sitting1) OVER (
                          PARTITION BY who, set_name, plat, stretch, item, taken, cells ORDER BY line) = sitting1
                      AND coalesce(min(CASE WHEN NOT (copy OR again) THEN sitting1 END) OVER (
                          PARTITION BY who, set_name, plat, stretch ORDER BY taken, line
                          ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) = sitting1, false) AS copy)
            FROM sat1
        ), {_numbered("judged", "copy", "sitting")}"""


def _numbered(source: str, copy: str, sitting: str) -> str:
    """CTEs `repeated…`/`sat…` numbering `source`'s rows' sittings into `sitting`, rows where `copy` holds
    aside (`sources.pasted_lines.sitting_numbers`); the last one is named 'sat' plus what `sitting` adds."""
    suffix = sitting.removeprefix("sitting")
    return f"""repeated{suffix} AS (
            SELECT *, CASE WHEN item IS NULL OR {copy} THEN 1 ELSE row_number() OVER (
                          PARTITION BY who, set_name, plat, stretch, item, {copy} ORDER BY taken, line) END AS repeat{suffix}
            FROM {source}
        ), sat{suffix} AS (
            SELECT *, max(repeat{suffix}) OVER (PARTITION BY who, set_name, plat, stretch ORDER BY taken, line
                                        ROWS UNBOUNDED PRECEDING) AS {sitting} FROM repeated{suffix}
        )"""


def create_sittings(con, who: str, name: str, taken: str, item: str, source: str, file_named: bool = False,
                    provider: str = "NULL", masked: str | None = None, cells: str = "NULL") -> tuple[str, str]:
    """Tables SETS and SITTINGS for `source`'s rows (the arguments are SQL expressions over it); returns
    the attempt id expression for the insert's view and the joins it needs there. `file_named`: `name` is
    the file's (sittings.file_sitting_ids): a learner's rows that form one sitting keep the bare name.
    SETS is per (learner, set, platform); `tag` is sittings' platform suffix (a set of two platforms),
    with the provider as the lookup table `masked` (value -> result) masks it (secrets.platform_ids_masked);
    `cells`: what the row's cells read, as one value (`cells_read`: a paste is alike in all of them)."""
    plat = PLAT.format(provider)
    rows = (f"SELECT line, coalesce({who}, '') AS who, {name} AS set_name, {plat} AS plat, "
            f"{provider} AS cell, {taken} AS taken, {item} AS item, {cells} AS cells "
            f"FROM {source} WHERE {taken} IS NOT NULL")
    mask = f"LEFT JOIN {masked} mk ON mk.value = s.cell" if masked else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {SETS} AS
        SELECT s.* EXCLUDE (cell), CASE WHEN multi AND plat <> ''
                   THEN ' (' || provider_text(coalesce({'mk.result' if masked else 'NULL'}, s.cell)) || ')' ELSE '' END AS tag
        FROM (SELECT who, set_name, plat, {STAMP.format("min(taken)")} AS stamp,
                     max(taken) - min(taken) > INTERVAL {int(GAP.total_seconds())} SECOND
                     OR count(item) > count(DISTINCT item) AS split,  -- a long span or a repeated item: maybe several
                     count(*) OVER (PARTITION BY who, set_name) > 1 AS multi, first(cell ORDER BY taken, line) AS cell
              FROM ({rows}) GROUP BY who, set_name, plat) s {mask}""")
    _split_sets(con, rows)
    joins = (f"LEFT JOIN {SETS} ss ON ss.who = coalesce({who}, '') AND ss.set_name = {name} AND ss.plat = {plat} "
             f"LEFT JOIN {SITTINGS} st ON st.line = t.line")
    full = (f"CASE WHEN {taken} IS NULL THEN {name} WHEN ss.split THEN st.attempt_id "
            f"ELSE {name} || ' ' || ss.stamp || ss.tag END")
    if file_named:
        return f"CASE WHEN ss.multi OR st.several THEN {full} ELSE {name} END", joins
    return full, joins


def cells_read(columns) -> str:
    """SQL for a row's cells that examready reads (the text view's `columns`) as one value (sittings.cells_read)."""
    return f"hash({', '.join(columns)})" if columns else "NULL"


def question_item(question: str, domain: str | None, task: str | None = None) -> str:
    """SQL for a row's item from its question, domain and task expressions (`sittings.question_items`)."""
    labels = [f"coalesce({label}, '') || chr({ord(ITEM_JOIN)}) || " for label in (domain, task) if label is not None]
    if not labels:
        return question
    return f"CASE WHEN {question} IS NOT NULL THEN {''.join(labels)}{question} END"


def sittings_count(con) -> int:
    """How many sittings the tables `create_sittings` made hold (sittings.file_sitting_ids' count)."""
    return con.execute(f"SELECT (SELECT count(*) FROM {SETS} WHERE NOT split) + "
                       f"(SELECT count(DISTINCT (who, attempt_id)) FROM {SITTINGS})").fetchall()[0][0]


def drop_sittings(con) -> None:
    """Remove the tables `create_sittings` made."""
    con.execute(f"DROP TABLE IF EXISTS {SETS}; DROP TABLE IF EXISTS {SITTINGS}; DROP TABLE IF EXISTS {STRETCHED}")
