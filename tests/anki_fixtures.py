"""Real Anki collections built with the official `anki` package: notes, decks, tags, reviews."""
from __future__ import annotations

import time
from datetime import datetime, timezone
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
# decks studied one a review (build_collection's `decks`)
KINESIS, REDSHIFT, DOMAIN_4 = list(NOTES)
ONE_DECK_AFTER_ANOTHER = [KINESIS] * 4 + [REDSHIFT] * 3 + [DOMAIN_4] * 3
# two days: three Kinesis reviews then two Redshift ones; then Domain 4 and Kinesis interleaved
TWO_DAYS = [KINESIS] * 3 + [REDSHIFT] * 2 + [DOMAIN_4, KINESIS, DOMAIN_4, KINESIS, DOMAIN_4]


def build_collection(folder: Path, decks: list[str] | None = None) -> Path:
    """A collection.anki2 with the notes above and len(EASES) real scheduler reviews.

    decks: the deck studied for each review (selected in Anki before it; the scheduler then
    picks that deck's card). Default: the whole DEA-C01 deck, in the scheduler's order, whose
    later reviews (cards coming back from learning) vary from run to run."""
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
        for i, (ease, seconds) in enumerate(zip(EASES, SECONDS_PER_REVIEW)):
            if decks:
                col.decks.select(col.decks.id(decks[i]))
            card = col.sched.getCard()
            assert card is not None, f"no card to review in {decks[i] if decks else 'DEA-C01'}"
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


def reviewed_decks(path: Path) -> list[tuple[str, str, int]]:
    """(deck name, the note's tags, review ms) of each review in revlog order, read through the anki API."""
    col = Collection(str(path))
    try:
        rows = col.db.all("select c.did, n.tags, r.time from revlog r join cards c on c.id = r.cid "
                          "join notes n on n.id = c.nid where r.ease > 0 order by r.id")
        return [(col.decks.name(did), " ".join(tags.split()), ms) for did, tags, ms in rows]
    finally:
        col.close()


def retag(path: Path, search: str, tags: list[str]) -> Path:
    """The collection at `path` with the notes Anki's `search` finds tagged `tags` instead."""
    col = Collection(str(path))
    try:
        for note_id in col.find_notes(search):
            note = col.get_note(note_id)
            note.tags = tags
            col.update_note(note)
    finally:
        col.close()
    return path


def export_apkg(path: Path, out: Path, legacy: bool, with_scheduling: bool = True) -> Path:
    """An .apkg with scheduling (legacy = collection.anki21, else zstd collection.anki21b), or as Anki writes it with
    "Include scheduling information" left unticked (`with_scheduling=False`: no review history)."""
    col = Collection(str(path))
    try:
        col.export_anki_package(out_path=str(out), limit=None, options=ExportAnkiPackageOptions(
            with_scheduling=with_scheduling, with_deck_configs=with_scheduling, with_media=False, legacy=legacy))
    finally:
        col.close()
    return out


def export_colpkg(path: Path, out: Path, legacy: bool) -> Path:
    """A .colpkg backup of the whole collection."""
    col = Collection(str(path))
    col.export_collection_package(str(out), include_media=False, legacy=legacy)
    return out


def reviews_back_to_back(folder: Path, days: list[tuple[datetime, int]], decks: list[str] = TWO_DAYS) -> Path:
    """A collection whose reviews of `decks` (one a review) are timed as a learner makes them.

    days = [(when the day's first review began, in UTC; how many reviews that day)]: each review
    is stamped (its revlog id, when it was answered) its own review time after the previous one's
    stamp. The manual reschedule (ease 0) comes a minute after the last review. Review times
    are exactly SECONDS_PER_REVIEW (Anki's timer also counted the milliseconds of the call). Every
    note is tagged `aws` alone, so a session (sources/anki.py, to_sessions) ends only where the deck or
    the day changes: the notes the scheduler picks within a deck vary from run to run."""
    assert sum(n for _, n in days) == len(EASES) == len(decks)
    path = build_collection(folder, decks)
    col = Collection(str(path))
    try:
        ids = col.db.list("select id from revlog where ease > 0 order by id")
        rows = [(old, seconds * 1000) for old, seconds in zip(ids, SECONDS_PER_REVIEW)]
        for old, ms in rows:
            col.db.execute("update revlog set time = ? where id = ?", ms, old)
        stamps, i = [], 0
        for began, count in days:
            at = int(began.replace(tzinfo=timezone.utc).timestamp() * 1000)
            for _, ms in rows[i:i + count]:
                at += ms
                stamps.append(at)
            i += count
        col.db.execute("update notes set tags = ' aws '")
        manual = col.db.scalar("select id from revlog where ease = 0")
        col.db.execute("update revlog set id = -id")  # no clash between old and new ids
        for (old, _), new in zip(rows, stamps):
            col.db.execute("update revlog set id = ? where id = ?", new, -old)
        col.db.execute("update revlog set id = ? where id = ?", stamps[-1] + 60_000, -manual)
    finally:
        col.close()
    return path


# one 'Default' deck; each note's tags name its domain and service
ONE_DECK_TAGS = {"kinesis": "D1 kinesis-data-streams", "macie": "D4 macie"}
ONE_DECK_STARTED = datetime(2026, 12, 3, 9, tzinfo=timezone.utc)


def one_deck_collection(folder: Path, reviewed: list[str], seconds: int = 60) -> Path:
    """A collection.anki2 with one note per ONE_DECK_TAGS in the Default deck and a Good review of
    `reviewed[i]` (a ONE_DECK_TAGS key) every seconds + 1 s from ONE_DECK_STARTED, each taking `seconds`."""
    path = Path(folder) / "collection.anki2"
    col = Collection(str(path))
    try:
        basic, deck_id = col.models.by_name("Basic"), col.decks.id("Default")
        cards = {}
        for name, tags in ONE_DECK_TAGS.items():
            note = col.new_note(basic)
            note["Front"], note["Back"] = name, "answer"
            note.tags = tags.split()
            col.add_note(note, deck_id)
            cards[name] = note.card_ids()[0]
        first = int(ONE_DECK_STARTED.timestamp() * 1000)
        for i, name in enumerate(reviewed):
            col.db.execute("insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                           "values (?, ?, 0, 3, 1, 0, 2500, ?, 1)",
                           first + i * (seconds + 1) * 1000, cards[name], seconds * 1000)
    finally:
        col.close()
    return path


def damaged_package(folder: Path, name: str, damage: str, legacy: bool = True) -> Path:
    """A real Anki export at folder/name (.apkg, or .colpkg: a backup), damaged as on a bad copy or download:
    'middle' flips the middle byte of its collection's zip data (its CRC check fails), 'start' the first one
    (a compressed collection no longer inflates), 'truncated' keeps its first half (no zip directory left)."""
    import zipfile

    from sources.anki_files import collection_member

    collection = build_collection(folder)
    export = export_colpkg if name.endswith(".colpkg") else export_apkg
    data = bytearray(export(collection, folder / f"exported-{name}", legacy=legacy).read_bytes())
    if damage == "truncated":
        del data[len(data) // 2:]
    else:
        with zipfile.ZipFile(folder / f"exported-{name}") as package:
            info = package.getinfo(collection_member(package.namelist()))  # the member examready reads
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)  # after its local header
        data[start + (info.compress_size // 2 if damage == "middle" else 0)] ^= 0xFF
    (folder / name).write_bytes(bytes(data))
    return folder / name
