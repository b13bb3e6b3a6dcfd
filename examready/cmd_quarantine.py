"""`examready quarantine`: what is held back from the scores, and why."""
from __future__ import annotations

import json

import click

from examready.options import WORKSPACE_OPTION, warehouse_reader, workspace
from examready.quarantine_learners import left_out, taken_out, whose_sql
from examready.quarantine_rejected import current_rejections

def held_back(con, learner_id: str, inbox, withdrawn: bool = False) -> dict:
    """Quarantined rows of each file's current version (none for a file taken back with `forget`; those of
    learners taken out with `forget --learner` only with `withdrawn`, marked), and files whose latest
    bytes (those in the inbox now) were rejected."""
    from warehouse.ledger import LATEST_BY_PATH

    held = f"""SELECT q.path, q.table_name, q.line, q.column_name, q.check_name, q.reason, q.load_id, q.line_row,
               json_extract_string(q.row_json, '$.domain_label') AS label, q.row_json
        FROM raw.quarantine q JOIN ({LATEST_BY_PATH}) c USING (path, load_id) WHERE c.status <> 'withdrawn'"""
    query = whose_sql(held) if taken_out(con) else f"SELECT *, NULL AS withdrawn_learner FROM ({held})"
    found = con.execute(f"{query} ORDER BY path, line, check_name", {"learner": learner_id}).fetchall()
    keys = ["path", "table", "line", "column", "check", "reason"]
    summary = kept_lines(found)
    rows = [dict(zip(keys, r[:6])) | {"kept_on_purpose": r[4] == "domain_mapped" and (r[0], r[2]) in summary,
                                      "values": row_values(r[9])}
            | ({"withdrawn_learner": r[10]} if r[10] else {}) for r in found]
    gone = [r for r in rows if "withdrawn_learner" in r]
    return {"quarantined": [r for r in rows if withdrawn or "withdrawn_learner" not in r],
            "rejected": current_rejections(con, learner_id, inbox),
            "overlapping": overlapping_entries(con, learner_id),
            "withdrawn": left_out(gone)}


def row_values(row_json: str | None) -> dict:
    """The held-back row's values as the adapter read them (raw.quarantine.row_json: the cells it kept, and
    what it noted, e.g. `taken_at_text`, `extra_cells`, `counts_percent`); {} when none were stored."""
    return json.loads(row_json) if row_json else {}


def kept_lines(found) -> set[tuple]:
    """(path, line) of summary rows a per-domain copy keeps on purpose (an "Overall" row: docs/formats.md),
    held back as mapping to no domain: that entry is kept on purpose; the line's others (a date in the
    future, a percent off its counts) are nothing to fix either (`_print`), as it counts for no domain."""
    from sources.summary_rows import is_summary_label

    return {(r[0], r[2]) for r in found
            if r[1] == "domain_scores" and r[4] == "domain_mapped" and is_summary_label(r[8])}


def overlapping_entries(con, learner_id: str) -> list[dict]:
    """Study entries counting less than their minutes (`counted_minutes`, 0 if not at all) because entries of
    files loaded later cover (part of) the same time, or repeat a date-only entry (its started_at is the day
    alone: it has no time of day)."""
    from warehouse.catalog import has_column

    if not has_column(con, "staging", "study_entries", "overlaps_path"):
        return []  # a warehouse whose staging step has not run since this table came
    day = "date_only" if has_column(con, "staging", "study_entries", "date_only") else "false"
    rows = con.execute(f"""
        SELECT path, line, CASE WHEN {day} THEN strftime(started_at, '%Y-%m-%d')
                                ELSE strftime(started_at, '%Y-%m-%d %H:%M') END,
               minutes, counted_minutes, overlaps_path, overlaps_line
        FROM staging.study_entries WHERE learner_id = ? AND overlaps_path IS NOT NULL
        ORDER BY path, line""", [learner_id]).fetchall()
    keys = ["path", "line", "started_at", "minutes", "counted_minutes", "overlaps_path", "overlaps_line"]
    return [dict(zip(keys, r)) for r in rows]


def line_ranges(lines) -> str:
    """[2, 3, 4, 9, 11, 12] -> '2-4, 9, 11-12'."""
    spans: list[list[int]] = []
    for line in sorted(set(lines)):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def many(count: int, one: str, more: str = "") -> str:
    """'1 line', '2 lines', '0 lines'; `more` for a plural that is not one + 's'."""
    return f"{count} {one if count == 1 else more or one + 's'}"


KEPT = " — kept on purpose: a summary row (the whole attempt's score), it counts for no domain; nothing to fix"
ON_SUMMARY = " — nothing to fix: it is a summary row, kept on purpose, which counts for no domain"


def _waits(check: str) -> bool:
    """A row held back only for a time still to come (warehouse/held_future.py): it counts once that time passes."""
    return check.endswith("_not_in_future")


def _counts_it(in_inbox: bool) -> str:
    """How a row held back as in the future comes to count (warehouse/held_future.py, held_recount.py)."""
    return "reads the file again and counts it" if in_inbox else \
        "counts it from the rows kept when the file was loaded (the file need not be put back)"


def renamed_paths(con, ws) -> dict[str, str]:
    """{loaded path no longer in the inbox: the inbox path now holding its content}, as `run` words it."""
    from examready.job_report import renamed_to
    from warehouse.inbox import inbox_files
    from warehouse.ledger import current_versions

    versions = current_versions(con, ws.config.learner_id)
    gone = [path for path, *_ in versions if not (ws.inbox / path).exists()]
    return renamed_to(ws.inbox, versions, gone,
                      [p.relative_to(ws.inbox).as_posix() for p, _ in inbox_files(ws.inbox)] if gone else [])


def _not_here(path: str, inbox, renamed: dict[str, str]) -> str:
    """What a held-back line says of a file that is not (or not by that name) in the inbox."""
    if path in renamed:
        return f" — renamed: its content is now at {renamed[path]}, counted once under the old name (nothing to do)"
    return "" if (inbox / path).exists() else f" — no longer in the inbox: `examready forget {path}` stops counting it"


def _print(data: dict, inbox, renamed: dict[str, str]) -> None:
    rows, files = data["quarantined"], data["rejected"]
    summary = {(r["path"], r["line"]) for r in rows if r["kept_on_purpose"]}  # its other entries: nothing to fix
    to_fix = [r for r in rows if (r["path"], r["line"]) not in summary]
    held = len({(r["path"], r["line"]) for r in to_fix})  # a line may fail several checks (and give several rows)
    kept = len({(r["path"], r["line"]) for r in rows if r["kept_on_purpose"]})
    dropped = sum(1 for e in data["overlapping"] if not e["counted_minutes"])
    part = len(data["overlapping"]) - dropped
    click.echo(f"held back: {many(held, 'line')} ({many(len(to_fix), 'reason')}) in "
               f"{many(len({r['path'] for r in to_fix}), 'file')}, {many(len(files), 'rejected file')}"
               + (f", {many(kept, 'summary row')} kept on purpose (nothing to fix)" if kept else "")
               + (f", {many(dropped, 'study entry', 'study entries')} not counted" if dropped else "")
               + (f", {many(part, 'study entry', 'study entries')} counted in part" if part else ""))
    same: dict[tuple, set[int]] = {}  # one line per reason, with the lines it holds back
    for r in rows:
        same.setdefault((r["path"], r["column"], r["reason"], r["check"], r.get("withdrawn_learner"),
                         r["kept_on_purpose"], (r["path"], r["line"]) in summary), set()).add(r["line"])
    for (path, column, reason, check, gone_learner, on_purpose, of_summary), lines in same.items():
        where = f"{path}:{min(lines)}" if len(lines) == 1 else f"{path} lines {line_ranges(lines)} ({len(lines)} lines)"
        gone = _not_here(path, inbox, renamed)
        whose = f" — {gone_learner}'s, taken out of the class (`examready forget --learner`)" if gone_learner else ""
        due = f" — nothing to fix: the first run after that time {_counts_it((inbox / path).exists())}" \
            if _waits(check) else ""
        due = KEPT if on_purpose else ON_SUMMARY + (", also after that time" if _waits(check) else "") \
            if of_summary else due
        click.echo(f"  {where} [{column}] {reason} ({check}){gone}{whose}{due}")
    for f in files:
        click.echo(f"  rejected {f['path']}: {f['error']}")
    for e in data["overlapping"]:
        where, later = f"{e['path']}:{e['line']}", f"{e['overlaps_path']}:{e['overlaps_line']}, loaded later"
        if e["counted_minutes"]:
            click.echo(f"  counted in part {where}: counted {e['counted_minutes']:g} of {e['minutes']:g} min from "
                       f"{e['started_at']}; the rest overlaps {later} (the same time logged twice?)")
        elif len(e["started_at"]) == len("2026-11-05"):  # a date-only entry: no time of day to overlap
            click.echo(f"  not counted {where}: {e['minutes']:g} min on {e['started_at']}: the same day, minutes and "
                       f"description are in {later} (the same entry logged twice?)")
        else:
            click.echo(f"  not counted {where}: {e['minutes']:g} min from {e['started_at']} overlap {later} "
                       "(the same time logged twice?)")
    if any("withdrawn_learner" not in r and not _waits(r["check"]) for r in to_fix) or files:
        click.echo("fix the lines in the file (or export it again) and run `examready run`; "
                   "a corrected file replaces the old version.")
    if data["withdrawn"] and not any("withdrawn_learner" in r for r in rows):
        named = ", ".join(f"{w['learner']} ({w['lines']})" for w in data["withdrawn"])
        click.echo(f"not listed: {sum(w['lines'] for w in data['withdrawn'])} held-back line(s) of learners taken out "
                   f"of the class with `examready forget --learner` ({named}): their rows no longer count; "
                   "`examready quarantine --withdrawn` lists them")


@click.command("quarantine")
@WORKSPACE_OPTION
@click.option("--json", "as_json", is_flag=True,
              help='Print {"quarantined": [{path, table, line, column, check, reason, kept_on_purpose, values}], '
                   '"rejected": [{path, error}], '
                   '"overlapping": [{path, line, started_at, minutes, counted_minutes, overlaps_path, overlaps_line}], '
                   '"withdrawn": [{learner, lines}]}.')
@click.option("--withdrawn", "withdrawn", is_flag=True,
              help="Also list the held-back rows of learners taken out with `examready forget --learner` "
                   "(left out by default: their rows no longer count), each marked with its learner.")
def quarantine(workspace_dir, as_json, withdrawn):
    """List input rows held back by validation, files that could not be read, and study entries not
    counted, or counted in part, because other files' entries cover (part of) the same time. Summary
    rows a per-domain copy keeps (an "Overall" row) are listed as kept on purpose, nothing to fix. Rows of
    learners taken out of the class (`examready forget --learner`) are left out and counted (`--withdrawn`
    lists them)."""
    ws = workspace(workspace_dir)
    with warehouse_reader(ws) as con:
        data = held_back(con, ws.config.learner_id, ws.inbox, withdrawn)
        elsewhere = any(not (ws.inbox / r["path"]).exists() for r in data["quarantined"])
        renamed = renamed_paths(con, ws) if elsewhere and not as_json else {}
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print(data, ws.inbox, renamed)
