"""Real Anki collections built with the official `anki` package: notes, decks, tags, reviews."""
from __future__ import annotations

import time
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions

# deck -> [(front, tags)]
NOTES = {
    "DEA-C01::Domain 1::Kinesis": [("KDS shard write limit?", "aws kinesis"),
                                   ("Firehose buffer hints?", "aws firehose"),
                                   ("KPL aggregation?", "aws kinesis")],
    "DEA-C01::Domain 2::Redshift": [("DISTSTYLE ALL when?", "aws redshift"),
                                    ("Sort key types?", "aws redshift")],
    "DEA-C01::Domain 4": [("Lake Formation LF-tags?", "aws lake-formation security")],
}
# the buttons pressed, one per review, in the order the scheduler shows cards (1 = Again)
EASES = [3, 1, 3, 4, 2, 1, 3, 3, 1, 3]
SECONDS_PER_REVIEW = [8, 12, 5, 20, 9, 15, 7, 6, 11, 4]


def build_collection(folder: Path) -> Path:
    """A collection.anki2 with the notes above and len(EASES) real scheduler reviews."""
    path = Path(folder) / "collection.anki2"
    col = Collection(str(path))
    try:
        basic = col.models.by_name("Basic")
        for deck, cards in NOTES.items():
            deck_id = col.decks.id(deck)
            for front, tags in cards:
                note = col.new_note(basic)
                note["Front"], note["Back"] = front, "answer"
                note.tags = tags.split()
                col.add_note(note, deck_id)
        col.decks.select(col.decks.id("DEA-C01"))
        # Anki's day ends at the rollover hour (4 am by default); a relearning card due after it is
        # not shown today, so near 4 am getCard() returned None. Put the day's end 12 h away.
        prefs = col.get_preferences()
        prefs.scheduling.rollover = (time.localtime().tm_hour + 12) % 24
        col.set_preferences(prefs)
        for ease, seconds in zip(EASES, SECONDS_PER_REVIEW):
            card = col.sched.getCard()
            card.timer_started = time.time() - seconds  # the learner "thought" this long
            col.sched.answerCard(card, ease)
        first_card = col.find_cards("deck:DEA-C01")[0]
        col.sched.set_due_date([first_card], "5")  # a manual reschedule: revlog ease 0, not a review
    finally:
        col.close()
    return path


def revlog_truth(path: Path) -> dict:
    """What the collection itself says about its reviews, read through the anki API."""
    col = Collection(str(path))
    try:
        rows = col.db.all("select ease, time from revlog where ease > 0 order by id")
        manual = col.db.scalar("select count() from revlog where ease = 0")
    finally:
        col.close()
    return {"reviews": len(rows), "manual": manual, "misses": sum(1 for e, _ in rows if e == 1),
            "minutes": sum(t for _, t in rows) / 60000}


def export_apkg(path: Path, out: Path, legacy: bool) -> Path:
    """An .apkg with scheduling (legacy = collection.anki21, else zstd collection.anki21b)."""
    col = Collection(str(path))
    try:
        col.export_anki_package(out_path=str(out), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=False, legacy=legacy))
    finally:
        col.close()
    return out


def export_colpkg(path: Path, out: Path, legacy: bool) -> Path:
    """A .colpkg backup of the whole collection."""
    col = Collection(str(path))
    col.export_collection_package(str(out), include_media=False, legacy=legacy)
    return out
