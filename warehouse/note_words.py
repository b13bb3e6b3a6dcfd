"""How the pages name the notes that say an umbrella word (rows of marts.note_umbrellas)."""
from __future__ import annotations

TITLES_SHOWN = 5


def learner_note_umbrellas(con, learner: str):
    """A learner's rows of marts.note_umbrellas (word, services, titles, files), most notes first: as the pages and
    `examready gaps` list them."""
    return con.execute("SELECT word, services, titles, files FROM marts.note_umbrellas WHERE learner_id = ? "
                       "ORDER BY len(files) DESC, word", [learner]).df()


def note_rows(notes) -> list[dict]:
    """A marts.note_umbrellas frame's rows, none for None."""
    return [] if notes is None else notes.to_dict("records")


def notes_text(row: dict) -> str:
    """"the note 'Streaming', which says 'Kinesis'" or "the 3 notes that say 'Kinesis'"."""
    count = len(row["files"])
    return (f"the note '{row['titles'][0]}', which says '{row['word']}'" if count == 1
            else f"the {count} notes that say '{row['word']}'")


def options_sentence(row: dict) -> str:
    """"the note 'Streaming' says 'Kinesis', which could be any of: A, B, C" (up to TITLES_SHOWN titles named)."""
    titles = [f"'{title}'" for title in row["titles"][:TITLES_SHOWN]]
    more = len(row["titles"]) - len(titles)
    named = ", ".join(titles) + (f" and {more} more" if more else "")
    subject = f"the note {named} says" if len(row["titles"]) == 1 else f"the {len(row['titles'])} notes {named} say"
    return f"{subject} '{row['word']}', which could be any of: {', '.join(row['services'])}"
