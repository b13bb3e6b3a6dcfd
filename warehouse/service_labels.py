"""Questions whose service label holds an umbrella word ('Kinesis', 'Kinesis, Glue'): counted apart, never guessed."""
from __future__ import annotations

import pandas as pd

from sources.anki import reviews_text
from sources.blueprint import Blueprint
from sources.label_services import ambiguous_parts
from warehouse.hour_words import logged_text
from warehouse.note_words import note_rows, notes_text

COLUMNS = ["label", "services", "questions", "anki_reviews", "correct", "accuracy", "domains"]
# questions: every answer, flashcard reviews included (as a service's `questions`); anki_reviews: those reviews
LABELLED_SQL = ("SELECT service_label, domain_id, count(*) AS questions, "
                "count(*) FILTER (WHERE source = 'anki') AS anki_reviews, sum(correct::INTEGER) AS correct "
                "FROM marts.answer_detail WHERE learner_id = ? AND service_label IS NOT NULL GROUP BY ALL")


def ambiguous_labels(rows: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Per umbrella word of the service labels ('Kinesis', alone or in 'Kinesis, Glue'), as written most
    often ('Kinesis' and 'kinesis' are one word): the services it could be, its questions (Anki reviews
    included), the Anki reviews among them, correct, accuracy and the domains they count in; from rows of
    (service_label, domain_id, questions, anki_reviews, correct), most questions first."""
    parts = [(part, options, r) for r in rows.to_dict("records")
             for part, options in ambiguous_parts(str(r["service_label"]), bp)]
    out = {}
    for part, options, r in parts:
        entry = out.setdefault((part.casefold(), tuple(options)), [{}, options, 0, 0, 0, set()])
        entry[0][part] = entry[0].get(part, 0) + int(r["questions"])
        entry[2] += int(r["questions"])
        entry[3] += int(r["anki_reviews"])
        entry[4] += int(r["correct"])
        entry[5] |= set() if pd.isna(r["domain_id"]) else {int(r["domain_id"])}
    frame = pd.DataFrame([[_most_written(w), o, q, a, c, c / q, sorted(d)] for w, o, q, a, c, d in out.values()],
                         columns=COLUMNS)
    return frame.sort_values(["questions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _most_written(spellings: dict[str, int]) -> str:
    """The spelling with the most questions ({'Kinesis': 18, 'kinesis': 3} -> 'Kinesis'), the first of equals."""
    return min(spellings, key=lambda written: (-spellings[written], written))


def learner_ambiguous_labels(con, learner: str, bp: Blueprint) -> pd.DataFrame:
    """ambiguous_labels of a learner's answers (marts.answer_detail: every source)."""
    return ambiguous_labels(con.execute(LABELLED_SQL, [learner]).df(), bp)


def answers_text(row: dict) -> str:
    """'22 questions', '4 questions and 1 Anki review' or '2 Anki reviews': an umbrella word's answers
    (`questions` counts the reviews too, as a service's does)."""
    reviews = row.get("anki_reviews", 0)
    questions = row["questions"] - reviews
    parts = [f"{questions} question{'s' if questions != 1 else ''}"] if questions or not reviews else []
    parts += [reviews_text(reviews)] if reviews else []
    return " and ".join(parts)


def options_sentence(row: dict) -> str:
    """"22 questions labelled 'Kinesis' could be any of: A, B, C (68% correct)" (and its Anki reviews apart)."""
    return (f"{answers_text(row)} labelled '{row['label']}' could be any of: {', '.join(row['services'])} "
            f"({row['accuracy']:.0%} correct)")


def counted_in(domains) -> str:
    """'counted in the readiness of D1' (or of D1 and D3) for a label's domains."""
    named = [f"D{d}" for d in domains]
    return f"counted in the readiness of {' and '.join(named)}" if named else "counted in no domain's readiness"


def perhaps_phrases(name: str, ambiguous, notes=None, hours=None) -> list[str]:
    """["perhaps in the 6 questions labelled 'Kinesis'"] for a service an umbrella word of the labels could be:
    what the coverage page, the plan and the index say beside a service counted as never practised; with
    `notes` (marts.note_umbrellas, for a service never studied) also "perhaps in the note 'Streaming', which
    says 'Kinesis'", and with `hours` (warehouse.hour_umbrellas) "perhaps in the 3.0 h logged as 'Kinesis'"."""
    rows = [] if ambiguous is None else ambiguous.to_dict("records")
    return ([f"perhaps in the {answers_text(r)} labelled '{r['label']}'" for r in rows if name in r["services"]]
            + [f"perhaps in {notes_text(r)}" for r in note_rows(notes) if name in r["services"]]
            + [f"perhaps in the {logged_text(r)}" for r in note_rows(hours) if name in r["services"]])


def perhaps(name: str, ambiguous, notes=None, hours=None) -> str:
    """" (perhaps in the 6 questions labelled 'Kinesis')", or "" (perhaps_phrases)."""
    return "".join(f" ({phrase})" for phrase in perhaps_phrases(name, ambiguous, notes, hours))
