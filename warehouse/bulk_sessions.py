"""Large Toggl/Clockify exports as typed study sessions in DuckDB, without a pandas row (the bulk path).

Produces what `sources.toggl`/`sources.clockify` + `warehouse.mapping` + `warehouse.secrets`
produce for the same file — same columns, values and lines — as temp view `bulk_sessions`, with
each distinct value (or combination) read once by those modules' own functions (see
`warehouse.bulk_read`). One grouped scan of the text finds them all.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources import clockify, toggl
from sources.as_written import unread_cells
from sources.csv_layout import header_of
from sources.csvfast import FAST_MIN_BYTES
from sources.learners import keying_column, learner_keys
from sources.time_tracker import COLUMNS, TEAM_COLUMNS, joined
from warehouse.bulk_read import NotBulk, drop_temp, lookup, read_text
from warehouse.bulk_starts import START_LOOKUPS, start_lookups
from warehouse.mapping import map_study_sessions
from warehouse.secrets import mask_text

ADAPTERS = (toggl, clockify)
ENTRY = ["description", "project", "task", "tags"]  # the texts mapped and masked together
MIN_BYTES = FAST_MIN_BYTES  # as large as the files the pandas path reads with DuckDB too (csvfast)
# line -> its duration cell as written where its minutes could not be read, and its start's date and time cells
# (joined by a space) where its start could not be (`time_tracker.study_sessions`' `started_at_text`)
MINUTES_TEXT = "bulk_minutes_text"


def applies(path: Path, detected) -> bool:
    """Whether a file the registry detected takes the bulk path (if it has enough rows: `sessions_view`)."""
    return detected in ADAPTERS and Path(path).stat().st_size >= MIN_BYTES


def _sql_name(name: str) -> str:
    """A normalised header name as a column of bulk_text ('start date' -> start_date)."""
    return name.replace(" ", "_")


def _read(con, path: Path, adapter) -> dict[str, str]:
    """Temp view bulk_text (see `bulk_read.read_text`); the adapter's columns the file has (-> its header name)."""
    names = [*COLUMNS, *adapter.DURATIONS]
    with open(path, "rb") as handle:  # in English, as `time_tracker.read_report` names them
        header = [adapter.LOCALIZED.get(n, n) for n in header_of(handle.read(1 << 16))]
    if any(header.count(n) > 1 for n in names):  # read_report takes the last such column, read_text the first
        raise NotBulk("two columns of the header have the same name")
    aliases = {n: _sql_name(n) for n in names} | {k: _sql_name(v) for k, v in adapter.LOCALIZED.items() if v in names}
    return read_text(con, path, aliases)


def cell(column: str, found: set[str], table: str = "") -> str:
    """SQL for a text cell as the adapter sees it: '' when blank or when the file lacks the column."""
    return f"coalesce({table}{column}, '')" if column in found else "''"


def _team(con, found: dict[str, str]) -> str | None:
    """The column of Email/User keying the entries' learners, else None, as
    `time_tracker.learner_ids_if_team` decides (`sources.learners.keying_column`); with lookup
    map_learner: that column's cells -> learner ids.

    A team export with a row naming no one takes the pandas path (NotBulk), which quarantines it; so does
    a file with its header repeated (a cell of Email or User its column's name), whose pandas path leaves
    such a row out of learner detection (`sources.ragged_rows.header_again`)."""
    names = [n for n in TEAM_COLUMNS if n in found]
    cells = [[v for v, in con.execute(f"SELECT DISTINCT {n} FROM bulk_text").fetchall()] for n in names]
    if any(found[n] in column for n, column in zip(names, cells)):
        raise NotBulk("a row repeats the header (two exports in one file?)")
    keyed = [learner_keys(pd.Series(c, dtype=object)) for c in cells]
    column = keying_column(keyed)
    if column is None:
        return None
    if keyed[column].isna().any():
        raise NotBulk("a team export with rows that name no one")
    lookup(con, "map_learner", {"value": cells[column]}, {"result": keyed[column]})
    if names[column] == "email" and "user" in found:
        _names_lookup(con)
    return names[column]


def _names_lookup(con) -> None:
    """map_names: each (email, User) pair of an export keyed by email, as learner id and name, when a
    User is filled in (`warehouse.learner_names`; the pandas path's frame then has `learner_name`)."""
    pairs = con.execute("SELECT DISTINCT email, user FROM bulk_text WHERE email <> '' AND user <> ''").df()
    if len(pairs):
        lookup(con, "map_names", {}, {"learner_id": learner_keys(pairs["email"]), "learner_name": pairs["user"]})


def names_shown(con) -> bool:
    """Whether the export is keyed by email and shows a User beside it (`_names_lookup` made map_names)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name = 'map_names'")
                .fetchall()[0][0])


def learner_name_pairs(con) -> pd.DataFrame | None:
    """The export's (learner_id, name) pairs (`learner_names.name_pairs`; none unless `names_shown`)."""
    from warehouse.learner_names import name_pairs

    return name_pairs(con.execute("SELECT * FROM map_names").df() if names_shown(con) else pd.DataFrame())


def _distinct(con, found: set[str], sets: list[list[str]]) -> list[list[tuple]]:
    """Each set's distinct combinations of cells ('' for blank or missing), in one scan."""
    columns = list(dict.fromkeys(c for group in sets for c in group))
    ids = [sum(1 << (len(columns) - 1 - i) for i, c in enumerate(columns) if c not in group) for group in sets]
    rows = con.execute(
        f"SELECT GROUPING_ID({', '.join(columns)}), {', '.join(columns)} FROM (SELECT "
        f"{', '.join(f'{cell(c, found)} AS {c}' for c in columns)} FROM bulk_text) "
        f"GROUP BY GROUPING SETS ({', '.join('(' + ', '.join(group) + ')' for group in sets)})").fetchall()
    at = [[1 + columns.index(c) for c in group] for group in sets]
    return [[tuple(row[i] for i in places) for row in rows if row[0] == id_] for id_, places in zip(ids, at)]


def _minutes_lookup(con, adapter, columns: list[str], cells: list[tuple]) -> None:
    """map_minutes: minutes of each distinct combination of the adapter's duration cells, and `text`, the cell
    they are read from as written where unreadable (`time_tracker.study_sessions`' `minutes_text`)."""
    result = pd.Series([adapter.minutes(*v) for v in cells], dtype="float64")
    lookup(con, "map_minutes", {c: [v[i] for v in cells] for i, c in enumerate(columns)},
           {"result": result, "text": unread_cells([adapter.written(*v) for v in cells], result)})


def _entries_lookup(con, entries: list[tuple], bp) -> bool:
    """map_entries: each distinct entry's texts masked, its domain and services; whether any secret was found."""
    keys = pd.DataFrame(entries, columns=ENTRY, dtype=object)
    texts = pd.DataFrame({"description": keys["description"].replace("", None),
                          "project": joined(keys["project"], keys["task"]), "tags": keys["tags"].replace("", None)})
    topics = map_study_sessions(texts, bp)  # on the texts before masking, as the pandas path maps them
    masked, hits = {}, pd.Series(0, index=keys.index, dtype="int64")
    for name in ("description", "project", "tags"):
        found = {v: mask_text(v) for v in set(texts[name].dropna())}
        masked[f"masked_{name}"] = pd.Series([found[v][0] if v is not None else None for v in texts[name]],
                                             dtype=object)
        hits += [sum(found[v][1].values()) if v is not None else 0 for v in texts[name]]
    lookup(con, "map_entries", {c: list(keys[c]) for c in ENTRY},
           {**masked, "hits": hits, "domain_id": topics["domain_id"], "service": topics["service"].astype(object),
            "services": topics["services"].astype(object)})
    return bool(hits.any())


def _join(table: str, alias: str, columns: list[str], found: set[str]) -> str:
    """LEFT JOIN of a lookup on the cells of `bulk_text t` it is keyed by."""
    on = " AND ".join(f"{alias}.{c} = {cell(c, found, 't.')}" for c in columns)
    return f"LEFT JOIN {table} {alias} ON {on}"


def sessions_view(con, path: Path, adapter, bp, min_rows: int, zone: str | None = None) -> tuple[bool, bool] | None:
    """Temp view bulk_sessions: raw.study_sessions' columns (learner_id NULL for the workspace's learner)
    and `hits`, the secrets masked in each row; start times as the adapter reads them in `zone`. Temp view
    MINUTES_TEXT: the duration cells as written that give no minutes, and the start cells that give no start, by
    line.

    Returns (team export, secrets found), or None when the file has fewer than `min_rows`
    entries. `drop(con)` removes the view with what it reads.
    """
    found = _read(con, path, adapter)
    if con.execute("SELECT count(*) FROM bulk_text").fetchall()[0][0] < min_rows:
        return None
    team = _team(con, found)
    durations = [_sql_name(n) for n in adapter.DURATIONS]
    dates, times, cells, entries = _distinct(con, found, [["start_date"], ["start_time"], durations, ENTRY])
    started_at, start_joins = start_lookups(con, [d for d, in dates], [t for t, in times],
                                            cell("start_date", found, "t."), cell("start_time", found, "t."), zone)
    _minutes_lookup(con, adapter, durations, cells)
    secrets = _entries_lookup(con, entries, bp)
    learner = "ml.result" if team else "NULL::VARCHAR"
    learner_join = f"LEFT JOIN map_learner ml ON ml.value = t.{team}" if team else ""
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW bulk_sessions AS
        SELECT t.line, 0 AS line_row, {learner} AS learner_id, {started_at} AS started_at, m.result AS minutes,
               e.masked_description AS description, e.masked_project AS project, e.masked_tags AS tags,
               '{adapter.FORMAT}' AS tool, e.domain_id::INTEGER AS domain_id, e.service,
               e.services::VARCHAR[] AS services, e.hits
        FROM bulk_text t {start_joins} {learner_join}
        {_join('map_minutes', 'm', durations, found)}
        {_join('map_entries', 'e', ENTRY, found)}""")
    start_text = (f"nullif(concat_ws(' ', nullif(trim({cell('start_date', found, 't.')}), ''), "
                  f"nullif(trim({cell('start_time', found, 't.')}), '')), '')")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {MINUTES_TEXT} AS SELECT t.line, m.text AS minutes_text, "
                f"CASE WHEN {started_at} IS NULL THEN {start_text} END AS started_at_text "
                f"FROM bulk_text t {start_joins} {_join('map_minutes', 'm', durations, found)} "
                f"WHERE m.text IS NOT NULL OR {started_at} IS NULL")
    return team is not None, secrets


def secrets_masked(con) -> int:
    """Secrets masked in the file: per distinct entry, times the rows holding it."""
    return int(con.execute("SELECT sum(hits) FROM bulk_sessions").fetchall()[0][0] or 0)


def drop(con) -> None:
    """Remove the bulk path's temp views, tables and lookups (nothing else is touched)."""
    drop_temp(con, ("bulk_checked", "bulk_sessions", MINUTES_TEXT),
              ("map_minutes", "map_entries", "map_learner", "map_names", *START_LOOKUPS))
