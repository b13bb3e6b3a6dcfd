"""Large per-question CSVs as typed answers in DuckDB, without a pandas row (the bulk path).

Produces what `sources.per_question_csv` + `warehouse.mapping` + `warehouse.secrets` produce
for the same file — same columns, values and lines — as temp view `bulk_answers`, with each
distinct value read once by those modules' own functions (see `warehouse.bulk_read`).
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from sources import per_question_csv as adapter
from sources.blueprint import Blueprint
from sources.csv_columns import norm
from sources.csv_layout import header_of
from sources.label_columns import LABEL_READERS, label_candidates
from sources.datetimes import DOTTED_DATE, NUMERIC_DATE, day_first, file_date, parse_as
from sources.repeated_columns import repeated_names
from sources.result_sittings import names_a_practice_set
from sources.sittings import file_attempt_name, file_sittings_note
from warehouse.bulk_read import NotBulk, drop_temp, lookup, read_by, read_text
from warehouse.bulk_sittings import cells_read, create_sittings, drop_sittings, question_item, sittings_count
from warehouse.label_warnings import service_label_warnings
from warehouse.mapping import answer_domain
from warehouse.secrets import mask_text

MIN_BYTES = 4 * 1024 * 1024  # smaller files: the pandas path is about as fast
# Necessary for any pattern of warehouse.secrets to match: only such values go through Python.
# `@` stands for emails and URL passwords; tests/test_secrets_kinds.py checks every pattern's examples.
SECRET_HINT = (r"@|PRIVATE KEY|(AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{16}|[A-Za-z0-9/+]{40}"
               r"|(?i:password|passwd|passphrase|pwd|pass|secret)"
               r"|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|AIza|T3BlbkFJ|[sr]k_(live|test)_|npm_"
               r"|eyJ|IQoJb3JpZ2lu|GZXIvYXdz|AQoDYXdz|X-Amz-Signature=")
COLUMNS = ["line", "line_row", "learner_id", *adapter.ANSWERS, "domain_id", "task_id", "service", "services"]
NOTES = "bulk_notes"  # temp view: line, taken_at_text, correct_text, learner_text (the cells as written)


def applies(path: Path, detected) -> bool:
    """Whether a file the registry detected takes the bulk path."""
    return detected is adapter and Path(path).stat().st_size >= MIN_BYTES


def _day_first(con, values: list[str], zone: str | None) -> tuple[bool, str | None]:
    """day_first() of the column (the choice and its note); the distinct values decide unless only row order can."""
    numeric = [v for v in values if NUMERIC_DATE.match(v)]
    parts = [NUMERIC_DATE.match(v).groups()[:2] for v in numeric]
    if not parts or any(int(a) > 12 or int(b) > 12 for a, b in parts) or all(map(DOTTED_DATE.match, numeric)):
        return day_first(pd.Series(values, dtype=object), zone)
    column = [r[0] for r in con.execute("SELECT taken_at FROM bulk_text ORDER BY line").fetchall()]
    return day_first(pd.Series(column, dtype=object), zone)


def _unread_note(con, column: str, values: list[str], results: list, header: str, what: str) -> str | None:
    """The adapter's warning (`unread_note`) for the cells of `column` written but not readable."""
    unread = [v for v, r in zip(values, results) if r is None or r != r]
    if not unread:
        return None
    lines = pd.Series([r[0] for r in con.execute(f"SELECT line FROM bulk_text WHERE {column} = ANY(?) ORDER BY line",
                                                 [unread]).fetchall()], dtype="int64")
    return adapter.unread_note(pd.Series("x", index=lines.index), pd.Series(None, index=lines.index, dtype=float),
                               lines, header, what)


def _aliases(path: Path) -> tuple[dict[str, str], list[str]]:
    """The adapter's aliases, with each further column named as a correct mark read as its own column
    ('correct_1', …); and the canonical names of those columns ('correct' first).

    A header naming a column the adapter reads twice (`correct,correct`) raises NotBulk: the
    pandas path compares the copies (`repeated_columns.check_copies`) and may reject the file; so does one
    naming two columns for a label (`Section,Domain`): the pandas path chooses one (`label_columns`) and says so.
    """
    with open(path, "rb") as handle:
        names = header_of(handle.read(1 << 16))  # normalised: a repeated name is written twice
    if repeated_names(names, adapter.ALIASES):
        raise NotBulk("the header names a column twice")
    if any(len(label_candidates(names, adapter.ALIASES, field)) > 1 for field in LABEL_READERS):
        raise NotBulk("the header names two columns for a label")  # the adapter chooses by their values
    candidates = adapter.correct_candidates(names)
    extra = {norm(name): f"correct_{k}" for k, name in enumerate(candidates) if k}
    return adapter.aliases_for(names) | extra, ["correct", *extra.values()]


def _correct_source(con, marks: list[str]) -> str:
    """Of the columns named as a correct mark, the one `adapter.correct_column` picks from their values
    (as the pandas path does): counted per distinct value."""
    if len(marks) == 1:
        return marks[0]
    counts = {m: dict(con.execute(f'SELECT "{m}", count(*) FROM bulk_text WHERE "{m}" IS NOT NULL GROUP BY 1'
                                  ).fetchall()) for m in marks}
    return adapter.correct_column(counts)


def _distinct_values(con, found: set[str], correct: str = "correct") -> dict[str, list[str]]:
    """In one scan: distinct dates, correct (from column `correct`), seconds, confidence, and texts that
    may hold a secret (questions, platforms, set names)."""
    lists = {c: f"list(DISTINCT {c})" for c in ("taken_at", "seconds", "confidence")}
    lists["correct"] = f'list(DISTINCT "{correct}")'
    lists |= {c: f"list(DISTINCT {c}) FILTER (WHERE regexp_matches({c}, $hint))"
              for c in ("question_id", "provider", "attempt_id")}
    present = {c: sql for c, sql in lists.items() if c in found}
    if not present:
        return {c: [] for c in lists}
    row = con.execute(f"SELECT {', '.join(present.values())} FROM bulk_text", {"hint": SECRET_HINT}).fetchall()[0]
    values = dict(zip(present, row))
    return {c: [v for v in (values.get(c) or []) if v is not None] for c in lists}


def _repeats_header(con, found: dict[str, str]) -> bool:
    """A row whose cells are the header's names (two exports in one file): the pandas path holds it back for
    that alone (`ragged_rows.header_again`). Scanned for only when the mark column holds its own name."""
    where = " AND ".join(f'"{canonical}" = ?' for canonical in found)
    return con.execute(f"SELECT count(*) FROM bulk_text WHERE {where}", list(found.values())).fetchall()[0][0] > 0


def _lookups(con, found: dict[str, str], bp: Blueprint, correct: str, zone: str | None, stem: str) -> list[str]:
    """Lookup tables: dates (in `zone`, as the adapter reads them), correct (read from column `correct`),
    seconds, confidence, labels, masked text (set names: the attempt cells, else the file's name `stem`);
    returns the adapter's warnings for what they read (an assumed date order, cells left empty)."""
    values = _distinct_values(con, set(found), correct)
    if found.get(correct) in values["correct"] and _repeats_header(con, found):
        raise NotBulk("a row repeats the header (two exports in one file?)")
    dates = values["taken_at"]
    dayfirst, note = _day_first(con, dates, zone) if dates else (False, None)
    lookup(con, "map_taken", {"value": dates},
           {"result": parse_as(pd.Series(dates, dtype=object), dayfirst, zone) if dates
            else pd.Series([], dtype="datetime64[ns]")})
    warnings = [note]
    for name, read, kind in (("correct", adapter.to_correct, "boolean"), ("seconds", adapter.to_seconds, "float64"),
                             ("confidence", adapter.to_confidence, "float64")):
        results = [read(v) for v in values[name]]
        lookup(con, f"map_{name}", {"value": values[name]}, {"result": pd.Series(results, dtype=kind)})
        if name in adapter.UNREAD_WHAT and name in found:
            warnings.append(_unread_note(con, name, values[name], results, found[name],
                                         adapter.UNREAD_WHAT[name]))
    labels = con.execute("SELECT DISTINCT " + ", ".join(
        f"coalesce({c if c in found else 'NULL'}, '') AS {c}" for c in ("task_label", "service_label", "domain_label"))
        + ", count(*) AS rows FROM bulk_text GROUP BY ALL").df()
    mapped = [answer_domain(SimpleNamespace(**row, source="mock"), bp)
              for row in labels.drop(columns="rows").to_dict("records")]
    warnings += service_label_warnings(labels, bp)
    lookup(con, "map_labels", {c: list(labels[c]) for c in labels.columns},
           {"domain_id": pd.array([m[0] for m in mapped], dtype="Int64"),
            "task_id": pd.Series([m[1] for m in mapped], dtype=object),
            "service": pd.Series([m[2][0] if len(m[2]) == 1 else None for m in mapped], dtype=object),
            "services": pd.Series([m[2] or None for m in mapped], dtype=object), **_masked_labels(labels)})
    for name in ("question_id", "provider"):
        masked = [mask_text(v) for v in values[name]]
        lookup(con, f"mask_{name}", {"value": values[name]},
               {"result": pd.Series([m[0] for m in masked], dtype=object),
                "hits": pd.Series([sum(m[1].values()) for m in masked], dtype="int64")})
    _masked_set_names(con, values["attempt_id"], stem, "attempt_id" in found)
    return [w for w in warnings if w]


def _masked_set_names(con, cells: list[str], stem: str, has_cells: bool) -> None:
    """Lookup mask_attempt_id: each set name holding a secret (an attempt cell, else the file's name `stem`) ->
    masked, with the secrets found on the rows naming it (`hits`)."""
    masked = {name: mask_text(name) for name in dict.fromkeys([*cells, stem])}
    masked = {name: m for name, m in masked.items() if m[1]}
    name = "coalesce(attempt_id, $stem)" if has_cells else "$stem"
    rows = dict(con.execute(f"SELECT {name}, count(*) FROM bulk_text WHERE {name} = ANY($names) GROUP BY 1",
                            {"stem": stem, "names": list(masked)}).fetchall()) if masked else {}
    lookup(con, "mask_attempt_id", {"value": list(masked)},
           {"result": pd.Series([m[0] for m in masked.values()], dtype=object),
            "hits": pd.Series([sum(m[1].values()) * rows.get(n, 0) for n, m in masked.items()], dtype="int64")})


def _masked_labels(labels: pd.DataFrame) -> dict[str, pd.Series]:
    """Each label column masked (`<column>_masked`, as mask_frame masks it on the pandas path) and the secrets
    found on the rows holding each combination of labels (`hits`: the combination's count times its `rows`)."""
    out, hits = {}, pd.Series(0, index=labels.index, dtype="int64")
    for name in ("task_label", "service_label", "domain_label"):
        masked = [mask_text(v) for v in labels[name]]
        out[f"{name}_masked"] = pd.Series([m[0] for m in masked], index=labels.index, dtype=object)
        hits += pd.Series([sum(m[1].values()) for m in masked], index=labels.index, dtype="int64")
    return out | {"hits": hits * labels["rows"].astype("int64")}


LOOKUPS = ("map_taken", "map_correct", "map_seconds", "map_confidence", "map_labels", "mask_provider",
           "mask_question_id", "mask_attempt_id")


def answers_view(con, path: Path, bp: Blueprint, zone: str | None = None) -> list[str]:
    """Temp view bulk_answers: COLUMNS (learner_id NULL where the file names none), secrets masked;
    returns the warnings the adapter would give for the file (`attrs["warnings"]`); `zone` as the adapter's.

    A view, not a table: the insert into raw computes its joins once, in one pass with the write.
    `drop(con)` removes it with the text and lookup tables it reads.
    """
    aliases, marks = _aliases(path)
    columns = read_text(con, path, aliases)
    found = set(columns)
    if not {"question_id", "correct"} <= found or not found & adapter.LABELS:
        raise NotBulk("the header DuckDB read lacks a required column")
    correct = _correct_source(con, [m for m in marks if m in found])
    name = file_attempt_name(path)
    warnings = _lookups(con, columns, bp, correct, zone, name)
    text = lambda c: f't."{correct}"' if c == "correct" else f"t.{c}" if c in found else "NULL::VARCHAR"  # noqa: E731
    stem = name.replace("'", "''")
    day, note = file_date(path, [], zone) if "taken_at" not in found else (None, None)
    label = lambda c: f"CASE WHEN {text(c)} IS NOT NULL THEN m.{c}_masked END"  # noqa: E731
    finite = "CASE WHEN NOT isnan({0}) THEN {0} END"
    reads = {c: read_by(con, name, name, text(c), form) for c, name, form in
             (("taken_at", "map_taken", "{}"), ("correct", "map_correct", "{}"), ("seconds", "map_seconds", finite),
              ("confidence", "map_confidence", finite))}  # each a cast where it reads every value as the adapter
    taken = reads["taken_at"][0] if "taken_at" in found else f"TIMESTAMP '{day:%Y-%m-%d}'"  # as the adapter
    attempt = f"coalesce({text('attempt_id')}, '{stem}')"
    sittings, note_sittings = "", None
    item = question_item(text("question_id"),
                         *(text(c) if c in found else None for c in ("domain_label", "task_label")))
    cells = cells_read([f't."{c}"' for c in columns])
    if names_a_practice_set(columns):  # as sources.result_sittings: the set's sittings in the file
        attempt, sittings = create_sittings(con, text("learner_id"), attempt, taken, item,
                                            f"bulk_text t {reads['taken_at'][1]}", provider=text("provider"),
                                            masked="mask_provider", cells=cells)
    elif "attempt_id" not in found:  # the file names the attempt: its sittings too (file_sitting_ids)
        attempt, sittings = create_sittings(con, text("learner_id"), f"'{stem}'", taken, item,
                                            f"bulk_text t {reads['taken_at'][1]}", file_named=True,
                                            provider=text("provider"), masked="mask_provider", cells=cells)
        note_sittings = file_sittings_note(sittings_count(con))
    attempt, mask_set = _masked_attempt(con, attempt, f"coalesce({text('attempt_id')}, '{stem}')")
    con.execute(f"""
        CREATE OR REPLACE TEMP VIEW bulk_answers AS
        SELECT t.line, 0 AS line_row, {text('learner_id')} AS learner_id,
               {attempt} AS attempt_id,
               {taken} AS taken_at, coalesce(mp.result, {text('provider')}) AS provider,
               coalesce(mq.result, {text('question_id')}) AS question_id,
               {label('domain_label')} AS domain_label, {label('task_label')} AS task_label,
               {label('service_label')} AS service_label, {reads['correct'][0]} AS correct,
               {reads['seconds'][0]} AS seconds, {reads['confidence'][0]} AS confidence, 'mock' AS source,
               m.domain_id::INTEGER AS domain_id, m.task_id, m.service, m.services::VARCHAR[] AS services
        FROM bulk_text t
        {' '.join(join for _, join in reads.values())}
        LEFT JOIN mask_provider mp ON mp.value = {text('provider')}
        LEFT JOIN mask_question_id mq ON mq.value = {text('question_id')}
        LEFT JOIN map_labels m ON m.task_label = coalesce({text('task_label')}, '')
             AND m.service_label = coalesce({text('service_label')}, '')
             AND m.domain_label = coalesce({text('domain_label')}, '')
        {sittings} {mask_set}""")
    # the cells as written, for the values of rows held back (quarantine's row_json, `bulk_row_json`)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {NOTES} AS SELECT t.line, {text('taken_at')} AS taken_at_text, "
                f"{text('correct')} AS correct_text, {text('learner_id')} AS learner_text FROM bulk_text t")
    return [w for w in ([note, note_sittings] + warnings) if w]


def _masked_attempt(con, attempt: str, name: str) -> tuple[str, str]:
    """The attempt id expression with the secrets of its set name `name` masked, and the join that needs ('' when
    no name holds one): each id begins with its set name (a sitting's time and platform follow it)."""
    if not con.execute("SELECT count(*) FROM mask_attempt_id").fetchall()[0][0]:
        return attempt, ""
    return (f"CASE WHEN ma.result IS NULL THEN {attempt} ELSE ma.result || substr({attempt}, length({name}) + 1) END",
            f"LEFT JOIN mask_attempt_id ma ON ma.value = {name}")


def secrets_masked(con) -> int:
    """Secrets masked in the file: per distinct value found, times the rows holding it."""
    total = 0
    for name in ("question_id", "provider"):
        if con.execute(f"SELECT count(*) FROM mask_{name}").fetchall()[0][0]:
            total += con.execute(f"SELECT sum(m.hits) FROM bulk_text t JOIN mask_{name} m ON m.value = t.{name}"
                                 ).fetchall()[0][0] or 0
    return int(total + sum(con.execute(f"SELECT coalesce(sum(hits), 0) FROM {table}").fetchall()[0][0]
                           for table in ("map_labels", "mask_attempt_id")))


def drop(con) -> None:
    """Remove the bulk path's temp views, tables and lookups (nothing else is touched)."""
    drop_temp(con, ("bulk_checked", "bulk_answers", NOTES), LOOKUPS)
    drop_sittings(con)
