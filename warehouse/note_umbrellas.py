"""Umbrella words of a learner's current notes ('Kinesis shards'): such a word counts for no service, so a gap it
could be is said by `examready gaps`, as a gap an umbrella word of the service labels could be. (Not by the pages
yet: they read marts only, and no mart holds a note's text.)"""
from __future__ import annotations

import re

import pandas as pd

from sources.blueprint import Blueprint
from sources.label_index import index_for
from sources.label_services import umbrella_words
from warehouse.label_warnings import note_text
from warehouse.note_files import note_file

COLUMNS = ["word", "services", "titles", "paths"]
# Every section of the current notes holding an umbrella word's letters: only those notes are read word by word
# (every note would cost ~0.5 ms at each `gaps`: 0.7 s for a 1,500-note vault).
SECTIONS_SQL = """
WITH sections AS (
    SELECT s.note_path, s.title, s.line, r.heading, r.text
    FROM staging.note_sections s JOIN raw.note_sections r ON r.load_id = s.load_id AND r.line = s.line
    WHERE s.learner_id = ?)
SELECT * FROM sections
WHERE note_path IN (SELECT note_path FROM sections WHERE regexp_matches(concat_ws(' ', heading, text), ?, 'i'))
ORDER BY note_path, line"""


def note_umbrellas(sections: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Per umbrella word of the notes (sections: note_path, title, heading, text), the services it could be and
    the notes that say it (titles, and files in the inbox, by path), as `run` finds each note's
    (label_warnings.note_warnings); most notes first."""
    found: dict[str, list] = {}
    for path, note in sections.groupby("note_path", sort=True):
        for word in umbrella_words(note_text(note), bp):
            entry = found.setdefault(word["word"], [word["could_be"], [], []])
            entry[1].append(str(note["title"].iloc[0]))
            entry[2].append(note_file(path))
    frame = pd.DataFrame([[word, *entry] for word, entry in found.items()], columns=COLUMNS)
    order = frame.assign(_notes=frame["paths"].map(len)).sort_values(["_notes", "word"], ascending=[False, True])
    return order.drop(columns="_notes").reset_index(drop=True)


def learner_note_umbrellas(con, learner: str, bp: Blueprint) -> pd.DataFrame:
    """note_umbrellas of a learner's current notes (staging.note_sections, their text from raw.note_sections)."""
    words = list(index_for(bp).families)
    if not words:
        return pd.DataFrame(columns=COLUMNS)
    pattern = "|".join(re.escape(word) for word in words)
    return note_umbrellas(con.execute(SECTIONS_SQL, [learner, pattern]).df(), bp)
