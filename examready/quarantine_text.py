"""`examready quarantine`'s text: one line per reason a file's lines are held back, each saying what to do
by the row's `advice` (examready/quarantine_rows.py), then rejected files and study entries counted less."""
from __future__ import annotations

from pathlib import Path

import click

from examready.quarantine_overlaps import overlap_line
from examready.quarantine_rows import TYPO_DAYS, awaits_grading
from examready.suggested import command

ADVICE = {"fix": "", "kept_on_purpose": " — kept on purpose: a summary row (the whole attempt's score), it counts "
                                        "for no domain; nothing to fix",
          "summary_row": " — nothing to fix: it is a summary row, kept on purpose, which counts for no domain"}
NOTHING_TO_FIX = ("kept_on_purpose", "summary_row")
# What a row kept on purpose is, by the check holding it (a summary row's: ADVICE["kept_on_purpose"])
KEPT_BY_CHECK = {"total_positive": " — kept on purpose: the attempt had no question of this domain (0 of 0), so it "
                                   "counts nothing; nothing to fix",
                 "part_of_a_domain_row": " — kept on purpose: a breakdown of its domain's line, which counts these "
                                         "questions; nothing to fix",
                 "card_deleted_in_anki": " — kept on purpose: the card is gone from Anki, its review counts for no "
                                         "domain; nothing to fix"}
# How the header counts each kind: (one, more), by the check holding it
KEPT_COUNTED = {"domain_mapped": ("summary row", "summary rows"),
                "total_positive": ("domain row of no questions", "domain rows of no questions"),
                "part_of_a_domain_row": ("task row counted in its domain's line",
                                         "task rows counted in their domain's line"),
                "card_deleted_in_anki": ("review of a card deleted in Anki", "reviews of cards deleted in Anki")}


MAP_ADVICE = ("a Moodle export's questions take their domains from a question→domain map in its folder: add the map "
              "(a CSV with the columns question,domain, optionally task and service, named after the export when "
              "several are there: docs/formats.md, Moodle), or the questions it lacks, or fix a label of it that "
              "matches no domain, and run `examready run`; the export is read again with it.")


def needs_map(row: dict) -> bool:
    """A Moodle question held back for want of a domain: its question map is missing, lacks it, or gives it a
    label matching no domain (sources/moodle.py): the map is what to fix, not the export."""
    return row["check"] == "domain_mapped" and (row.get("values") or {}).get("source") == "moodle"


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


def note_date_line(note: Path) -> int | None:
    """The line of a note's front matter date, the line to fix when its sections are held back as in the
    future (the sections' own lines are their headings'); None if the file or the date is not there."""
    from sources.frontmatter import date_key, key_line, read_front_matter, split_front_matter
    from sources.text_decode import decode

    try:
        raw, *_, fence = split_front_matter(decode(note.read_bytes()).lstrip("\ufeff"))
    except OSError:
        return None
    meta = read_front_matter(raw, fence)[0] if raw is not None else {}
    key = date_key(meta)
    return key_line(raw, key, fence) if key else None


def what_to_do(row: dict, in_inbox: bool) -> str:
    """The end of a held-back line: what its advice means here."""
    if row["advice"] == "fix" and row["check"].endswith("_not_in_future"):
        return (f" — more than {TYPO_DAYS} days ahead: a typo in the date? Fix it and run again (if it is right, "
                "the first run after that time counts it)")
    if row["advice"] == "wait" and awaits_grading(row["check"], row.get("values") or {}):
        return (" — nothing to fix in the file: it counts once graded in Moodle and the Grades report is "
                "exported again")
    if row["advice"] == "wait":
        counts = "reads the file again and counts it" if in_inbox else \
            "counts it from the rows kept when the file was loaded (the file need not be put back)"
        return f" — nothing to fix: the first run after that time {counts}"  # held_future.py, held_recount.py
    if row["advice"] == "kept_on_purpose" and row["check"] in KEPT_BY_CHECK:
        return KEPT_BY_CHECK[row["check"]]
    later = ", also after that time" if row["advice"] == "summary_row" and row["check"].endswith("_not_in_future") \
        else ""
    return ADVICE[row["advice"]] + later


def not_here(row: dict, inbox: Path) -> str:
    """What a held-back line says of a file that is not (or not by that name) in the inbox."""
    path = row["path"]
    if "renamed_to" in row:
        fix = f"; fix the line in {row['renamed_to']}" if row["advice"] == "fix" else ""
        return f" — renamed: its content is now at {row['renamed_to']}, counted once under the old name " \
               f"(the rename needs nothing{fix})"
    return "" if (inbox / path).exists() else \
        f" — no longer in the inbox: `{command('forget', path)}` stops counting it"


def by_reason(rows: list[dict]) -> dict[tuple, list[dict]]:
    """Rows grouped as the text lists them, one line per reason of a file (a line may fail several checks, and
    several lines one check with the same reason)."""
    same: dict[tuple, list[dict]] = {}
    for r in rows:
        same.setdefault((r["path"], r["column"], r["reason"], r["check"], r.get("withdrawn_learner"),
                         r["advice"]), []).append(r)
    return same


def header(data: dict) -> str:
    """'held back: N lines (M reasons) in F files, R rejected files, …', M the reasons listed below for them."""
    rows, files = data["quarantined"], data["rejected"]
    to_fix = [r for r in rows if r["advice"] not in NOTHING_TO_FIX]
    kept_lines = {(r["path"], r["line"], r["check"]) for r in rows if r["advice"] == "kept_on_purpose"}
    dropped = sum(1 for e in data["overlapping"] if not e["counted_minutes"])
    part = len(data["overlapping"]) - dropped
    lines = len({(r["path"], r["line"]) for r in to_fix})
    return (f"held back: {many(lines, 'line')} ({many(len(by_reason(to_fix)), 'reason')})"
            f" in {many(len({r['path'] for r in to_fix}), 'file')}, {many(len(files), 'rejected file')}"
            + "".join(f", {many(count, *KEPT_COUNTED[check])} kept on purpose (nothing to fix)"
                      for check in KEPT_COUNTED if (count := sum(1 for *_, c in kept_lines if c == check)))
            + (f", {many(dropped, 'study entry', 'study entries')} not counted" if dropped else "")
            + (f", {many(part, 'study entry', 'study entries')} counted in part" if part else ""))


def print_held(data: dict, inbox: Path) -> None:
    """The whole text: the header, a line per reason (with the lines it holds back), then the rest."""
    rows = data["quarantined"]
    click.echo(header(data))
    for (path, column, reason, check, learner, _), group in by_reason(rows).items():
        lines = {r["line"] for r in group}
        where = f"{path}:{min(lines)}" if len(lines) == 1 else f"{path} lines {line_ranges(lines)} ({len(lines)} lines)"
        if check == "note_date_not_in_future" and (date_line := note_date_line(inbox / path)):
            where = f"{path}:{date_line} (front matter; holds back {many(len(lines), 'section')}: " \
                    f"line{'s' if len(lines) > 1 else ''} {line_ranges(lines)})"
        whose = f" — {learner}'s, taken out of the class (`examready forget --learner`)" if learner else ""
        click.echo(f"  {where} [{column}] {reason} ({check}){not_here(group[0], inbox)}{whose}"
                   f"{what_to_do(group[0], (inbox / path).exists())}")
    for f in data["rejected"]:
        counts = " (its version loaded before still counts until this one can be read)" if f["still_counts"] else ""
        click.echo(f"  rejected {f['path']}{counts}: {f['error']}")
    for e in data["overlapping"]:
        click.echo(overlap_line(e))
    to_fix = [r for r in rows if r["advice"] == "fix" and "withdrawn_learner" not in r]
    if any(needs_map(r) for r in to_fix):
        click.echo(MAP_ADVICE)
    if any(not needs_map(r) for r in to_fix) or data["rejected"]:
        click.echo("fix the lines in the file (or export it again) and run `examready run`; "
                   "a corrected file replaces the old version.")
    if data["withdrawn"] and not any("withdrawn_learner" in r for r in rows):
        named = ", ".join(f"{w['learner']} ({w['lines']})" for w in data["withdrawn"])
        click.echo(f"not listed: {sum(w['lines'] for w in data['withdrawn'])} held-back line(s) of learners taken out "
                   f"of the class with `examready forget --learner` ({named}): their rows no longer count; "
                   "`examready quarantine --withdrawn` lists them")
