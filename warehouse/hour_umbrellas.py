"""Umbrella words of study entries ('Kinesis shards', 2 h): the time counts for none of the services the word could
be (never guessed), so `run` and `inspect` say so of the file, and marts.hour_umbrellas keeps, per learner, each
word, its services and hours, which `examready gaps` and the pages read (warehouse/hour_words.py), as they do the
notes' and the service labels' umbrella words."""
from __future__ import annotations

import pandas as pd

from sources.blueprint import Blueprint
from sources.label_services import umbrella_regex, uncovered_words
from warehouse.connection import read_sql
from warehouse.hour_words import hours_said, naming_fix
from warehouse.mapping import entry_text

COLUMNS = ["word", "services", "hours", "entries"]
TEXTS = ["description", "project", "tags"]
# A load's entries that count and may hold an umbrella word, one row per distinct text: those alone are read word
# by word (an entry held back counts for nothing, and `quarantine` says why)
LOAD_SQL = """
SELECT description, project, tags, sum(minutes) AS minutes, count(*) AS entries, list(line ORDER BY line) AS lines
FROM raw.study_sessions s WHERE load_id = ? AND regexp_matches(concat_ws(' ', description, project, tags), ?, 'i')
  AND NOT EXISTS (SELECT 1 FROM raw.quarantine q WHERE q.load_id = s.load_id AND q.table_name = 'study_sessions'
                  AND q.line = s.line)
GROUP BY ALL"""
TOOLS_SQL = "SELECT DISTINCT tool FROM raw.study_sessions WHERE load_id = ? AND tool IS NOT NULL"
EVERY_LEARNERS_SQL = """
SELECT learner_id, description, project, tags, sum(minutes) AS minutes, count(*) AS entries FROM staging.study_sessions
WHERE regexp_matches(concat_ws(' ', description, project, tags), ?, 'i') GROUP BY ALL"""


def _hours(minutes) -> float:
    """Minutes as hours; an unreadable duration (NaN) as none."""
    return float(minutes) / 60 if minutes == minutes else 0.0


def hour_umbrellas(entries: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Per umbrella word of study entries (description, project, tags, minutes, entries, lines: one row per distinct
    text), the services it could be, its hours (unrounded: a minute is some), entries and lines; most hours first
    (`uncovered_words`)."""
    found: dict[str, list] = {}
    for row in entries.itertuples(index=False):
        for word in uncovered_words(entry_text(row), bp):
            entry = found.setdefault(word["word"], [word["could_be"], 0.0, 0, []])
            entry[1] += _hours(row.minutes)
            entry[2] += int(row.entries)
            entry[3] += list(row.lines)
    frame = pd.DataFrame([[word, services, hours, n, sorted(lines)]
                          for word, (services, hours, n, lines) in found.items()], columns=[*COLUMNS, "lines"])
    return frame.sort_values(["hours", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def write_hour_umbrellas(con, bp: Blueprint) -> None:
    """Replace marts.hour_umbrellas with every learner's hour_umbrellas of the entries that count
    (staging.study_sessions; its columns and their comments: marts/hour_umbrellas.sql)."""
    con.execute(read_sql("marts/hour_umbrellas.sql"))
    pattern = umbrella_regex(bp)
    if not pattern:
        return
    entries = con.execute(EVERY_LEARNERS_SQL, [pattern]).df()  # one scan; each distinct text read once below
    words = {text: uncovered_words(text, bp) for text in {entry_text(r) for r in entries.itertuples(index=False)}}
    rows = [(r.learner_id, w["word"], w["could_be"], _hours(r.minutes), int(r.entries))
            for r in entries.itertuples(index=False) for w in words[entry_text(r)]]
    if rows:
        found = (pd.DataFrame(rows, columns=["learner_id", "word", "services", "hours", "entries"])
                 .groupby(["learner_id", "word"], sort=True, as_index=False)
                 .agg(services=("services", "first"), hours=("hours", "sum"), entries=("entries", "sum")))
        con.register("found_hours", found[["learner_id", *COLUMNS]])
        con.execute("INSERT INTO marts.hour_umbrellas SELECT * FROM found_hours")
        con.unregister("found_hours")


def _said(found: pd.DataFrame, tools, bp: Blueprint) -> list[str]:
    """One line per umbrella word, naming its lines, hours and the services it could be, and what to change in a
    file of `tools` (the entries' `tool`: an Anki collection's notes' tags) to name one."""
    said = []
    for row in found.to_dict("records"):
        lines = [str(n) for n in row["lines"]]
        where = f"line{'s' if len(lines) > 1 else ''} {', '.join(lines[:3])}{' and more' if len(lines) > 3 else ''}"
        said.append(f"'{row['word']}' ({where}: {hours_said(row['hours'])}) counts for none of "
                    f"{', '.join(row['services'])}: {naming_fix(tools, list(row['services']), bp)}")
    return said


def hour_warnings(frame: pd.DataFrame, bp: Blueprint) -> list[str]:
    """What `inspect` says of a file's study entries (an adapter's frame: description, project, tags, minutes, line)
    holding an umbrella word: every entry of the file (the checks that hold some back run when it is loaded)."""
    if not {*TEXTS, "minutes", "line"} <= set(frame.columns) or frame.empty:
        return []
    texts = {c: frame[c].astype(object).where(frame[c].notna(), "") for c in TEXTS}
    entries = (frame.assign(**texts, entries=1).groupby(TEXTS, sort=False, as_index=False)
               .agg(minutes=("minutes", "sum"), entries=("entries", "sum"), lines=("line", list)))
    tools = frame["tool"].dropna().unique() if "tool" in frame else []
    return _said(hour_umbrellas(entries, bp), tools, bp)


def load_warnings(con, load_id: str, bp: Blueprint) -> list[str]:
    """What `run` says of one load's study entries holding an umbrella word, those held back left out."""
    pattern = umbrella_regex(bp)
    if not pattern:
        return []
    tools = [t for (t,) in con.execute(TOOLS_SQL, [load_id]).fetchall()]
    return _said(hour_umbrellas(con.execute(LOAD_SQL, [load_id, pattern]).df(), bp), tools, bp)
