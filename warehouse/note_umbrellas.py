"""Umbrella words of the learners' current notes ('Kinesis shards', a tag `kinesis`): such a word counts for no service, so the
marts keep, per learner, each word, the services it could be and the notes saying it (marts.note_umbrellas); the
pages mark a gap it could be and `examready gaps` says it, as for an umbrella word of the service labels."""
from __future__ import annotations

import pandas as pd

from sources.blueprint import Blueprint
from sources.label_services import umbrella_regex
from warehouse.connection import read_sql
from warehouse.label_warnings import note_umbrella_words, umbrella_tags

COLUMNS = ["word", "services", "titles", "files"]
# Every section of the current notes holding an umbrella word's letters: only those notes are read word by word
# (every note would cost ~0.5 ms at each build: 0.7 s for a 1,500-note vault).
SECTIONS_SQL = """
WITH sections AS (
    SELECT s.learner_id, s.note_path, s.title, l.path AS file, s.line, r.heading, r.text, t.tags
    FROM staging.note_sections s JOIN raw.note_sections r ON r.load_id = s.load_id AND r.line = s.line
    JOIN staging.current_loads l ON l.load_id = s.load_id  -- the file's path in the inbox, as the ledger has it
    LEFT JOIN (SELECT load_id, any_value(tags) AS tags FROM raw.note_sections WHERE tags IS NOT NULL GROUP BY load_id)
      t ON t.load_id = s.load_id)  -- on the note's first section, which may be held back
SELECT * FROM sections
SEMI JOIN (SELECT DISTINCT learner_id, note_path FROM sections
           WHERE regexp_matches(concat_ws(' ', heading, text, tags), ?, 'i')) USING (learner_id, note_path)
ORDER BY learner_id, note_path, line"""


def note_umbrellas(sections: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Per umbrella word of one learner's notes (sections: note_path, title, file, heading, text, tags), the services
    it could be and the notes that say it, in their text or tags (titles, and files in the inbox), as `run` finds
    each note's (label_warnings.note_warnings); most notes first."""
    found: dict[str, list] = {}
    for _, note in sections.groupby("note_path", sort=True):
        tags = note["tags"].dropna() if "tags" in note else ()
        words = note_umbrella_words(note, bp) + [w for _, w in umbrella_tags(next(iter(tags), None), bp)]
        for word in {w["word"]: w for w in words}.values():
            entry = found.setdefault(word["word"], [word["could_be"], [], []])
            entry[1].append(str(note["title"].iloc[0]))
            entry[2].append(str(note["file"].iloc[0]))
    frame = pd.DataFrame([[word, *entry] for word, entry in found.items()], columns=COLUMNS)
    order = frame.assign(_notes=frame["files"].map(len)).sort_values(["_notes", "word"], ascending=[False, True])
    return order.drop(columns="_notes").reset_index(drop=True)


def every_learners_note_umbrellas(con, bp: Blueprint) -> pd.DataFrame:
    """note_umbrellas of every learner's current notes (staging.note_sections, their text from raw.note_sections),
    with learner_id first."""
    pattern = umbrella_regex(bp)
    sections = con.execute(SECTIONS_SQL, [pattern]).df() if pattern else None
    if sections is None or sections.empty:
        return pd.DataFrame(columns=["learner_id", *COLUMNS])
    return pd.concat([note_umbrellas(notes, bp).assign(learner_id=learner)[["learner_id", *COLUMNS]]
                      for learner, notes in sections.groupby("learner_id", sort=True)], ignore_index=True)


def write_note_umbrellas(con, bp: Blueprint) -> None:
    """Replace marts.note_umbrellas with every learner's (its columns and their comments: marts/note_umbrellas.sql)."""
    con.execute(read_sql("marts/note_umbrellas.sql"))
    found = every_learners_note_umbrellas(con, bp)
    if not found.empty:
        con.register("found", found)
        con.execute("INSERT INTO marts.note_umbrellas SELECT * FROM found")
        con.unregister("found")
