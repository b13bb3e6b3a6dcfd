"""Anki collections (collection.anki2, .colpkg, .apkg): reviews as answers and study time."""
from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from sources.anki_files import PACKAGE_SUFFIXES, ZIP_MAGIC, collection_member, extract_collection, is_package
from sources.canonical import ANSWERS, STUDY_SESSIONS, FormatError
from sources.zones import zone_or_local

FORMAT = "anki"
KIND = "exams"
ALSO_FEEDS = ("hours",)  # its reviews are study time too (raw.study_sessions)
SQLITE_MAGIC = b"SQLite format 3\x00"
REVIEWS = """SELECT r.id AS review_id, r.cid AS card_id, r.ease, r.time AS ms, n.id AS note_id, n.tags,
                    CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END AS deck_id
             FROM revlog r LEFT JOIN cards c ON c.id = r.cid LEFT JOIN notes n ON n.id = c.nid
             ORDER BY r.id"""


def detect(path: Path, head: bytes) -> bool:
    """An SQLite file with a revlog table, or a zip holding an Anki collection (or a .apkg/.colpkg too damaged to
    open as a zip: its reading then says so)."""
    if head.startswith(SQLITE_MAGIC):
        return has_revlog(path)
    if head.startswith(ZIP_MAGIC):
        try:
            return collection_member(zipfile.ZipFile(path).namelist()) is not None
        except zipfile.BadZipFile:  # a package cut short is Anki's all the same: parse says it is damaged
            return Path(path).suffix.lower() in PACKAGE_SUFFIXES
        except OSError:
            return False
    return False


def has_revlog(path: Path) -> bool:
    """Whether an SQLite file has Anki's review log table."""
    try:
        con = read_only(path)
        try:
            return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'revlog'").fetchone() is not None
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def read_only(path: Path) -> sqlite3.Connection:
    """Open an SQLite file so that nothing can write to it (read-only, immutable)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def deck_names(con: sqlite3.Connection) -> dict[int, str]:
    """Deck id -> 'Parent::Child' from the decks table (new) or col.decks JSON (schema 11)."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "decks" in tables:
        return {i: name.replace("\x1f", "::") for i, name in con.execute("SELECT id, name FROM decks")}
    import json
    decks = json.loads(con.execute("SELECT decks FROM col").fetchone()[0] or "{}")
    return {int(i): d["name"] for i, d in decks.items()}


def read_reviews(db: Path, zone: str | None = None) -> pd.DataFrame:
    """revlog joined to cards, notes and decks; line = 1-based order of the review id.

    `at` = the review id (epoch ms) as wall-clock time in `zone`; this machine's zone when none
    or an unknown one is named (`Workspace.now()` likewise falls back to the machine's clock).
    """
    con = read_only(db)
    try:
        reviews = pd.read_sql_query(REVIEWS, con)
        names = deck_names(con)
    finally:
        con.close()
    reviews["line"] = range(1, len(reviews) + 1)
    reviews["deck"] = reviews["deck_id"].map(lambda d: names.get(d) if pd.notna(d) else None)
    reviews["tags"] = reviews["tags"].fillna("").str.split().str.join(" ")
    reviews["at"] = pd.to_datetime(reviews["review_id"], unit="ms", utc=True) \
        .dt.tz_convert(zone_or_local(zone)).dt.tz_localize(None).astype("datetime64[ns]")
    return reviews[reviews["ease"].between(1, 4)]  # ease 0 = manual reschedule, not a review


def deleted_cards(reviews: pd.DataFrame) -> pd.Series:
    """The card id of each review whose card (or note) is gone: Anki keeps the reviews of a deleted card."""
    return reviews["card_id"].where(reviews["note_id"].isna()).astype("Int64")


def to_answers(reviews: pd.DataFrame) -> pd.DataFrame:
    """One answer per review: Again (ease 1) is a miss, the deck and tags are the label.

    `deleted_card`: a review of a card deleted since has no label; validation holds it back on purpose
    (warehouse/expectations.py, `card_deleted_in_anki`), with nothing to fix."""
    day = reviews["at"].dt.strftime("%Y-%m-%d")
    label = (reviews["deck"].fillna("") + " " + reviews["tags"]).str.strip()
    return pd.DataFrame({
        "attempt_id": "anki-" + day, "taken_at": reviews["at"], "provider": "Anki",
        # One note is often reviewed several times a day (Again, then Good): each review is an answer.
        "question_id": "note-" + reviews["note_id"].astype("Int64").astype(str)
                       + "/review-" + reviews["review_id"].astype("Int64").astype(str),
        "domain_label": label.replace("", None), "task_label": None,
        "service_label": reviews["tags"].replace("", None),
        "correct": (reviews["ease"] > 1).astype("boolean"), "seconds": reviews["ms"] / 1000,
        "confidence": float("nan"), "source": "anki", "line": reviews["line"],
        "deleted_card": deleted_cards(reviews),
    })[ANSWERS + ["line", "deleted_card"]].reset_index(drop=True)


def reviews_text(count: int) -> str:
    """A session's description: '1 Anki review', '3 Anki reviews'."""
    return f"{count} Anki review{'' if count == 1 else 's'}"


def new_run_starts(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """True where any of `columns` differs from the row before (and on the first row)."""
    return (frame[columns] != frame[columns].shift()).any(axis=1)


def to_sessions(reviews: pd.DataFrame) -> pd.DataFrame:
    """Review time as study time: one session per run of consecutive reviews of one deck and tags.

    Reviews in time order; a run ends where the deck, the note's tags or the day changes, so a
    session's label (deck and tags) is that of each of its reviews' answers and its minutes count
    for the same domain, also in one deck of notes tagged by domain. A day of decks or tags
    reviewed interleaved (Anki mixes them) has several sessions per deck. A session lasts its
    run's summed review time and starts at the run's first review, or when the previous session
    ends if that is later: Anki stamps a review when it is answered and times it separately, so
    summed times need not fit between the stamps. Sessions never overlap, and each deck keeps its
    minutes per day, unless a push carries a session's start past midnight (a push is about one
    review's time, so only for reviews that close to midnight)."""
    frame = reviews.assign(day=reviews["at"].dt.date, deck=reviews["deck"].fillna("(unknown deck)")) \
        .sort_values(["at", "line"], kind="stable")
    run = new_run_starts(frame, ["deck", "tags", "day"]).cumsum()
    rows, free_at = [], None
    for _, group in frame.groupby(run, sort=True):
        ms = group["ms"].sum()
        start = group["at"].iloc[0] if free_at is None else max(group["at"].iloc[0], free_at)
        minutes = ms / 60000
        # the overlap check adds `minutes` (a float) to the start: the next start is at or after
        # that end however it is rounded, in whole milliseconds as Anki's times are
        free_at = max(start + pd.to_timedelta(minutes, unit="min"), start + pd.Timedelta(milliseconds=ms)).ceil("ms")
        rows.append({"started_at": start, "minutes": minutes,
                     "description": reviews_text(len(group)), "project": group["deck"].iloc[0],
                     "tags": group["tags"].iloc[0] or None, "tool": "anki", "line": int(group["line"].min())})
    out = pd.DataFrame(rows, columns=STUDY_SESSIONS + ["line"]).sort_values("line", ignore_index=True)
    out["started_at"] = pd.to_datetime(out["started_at"]).astype("datetime64[ns]")
    return out


def no_reviews_warning(path: Path, reviews: pd.DataFrame) -> list[str]:
    """A warning for a collection or package without any review: Anki exports a deck without its review
    history unless "Include scheduling information" is ticked, and nothing else in the file says so."""
    if not reviews.empty:
        return []
    return [f"{path.name}: no review history (0 reviews): a package exported without scheduling information "
            "holds none; export again from Anki (File → Export → Anki Deck Package) with "
            "\"Include scheduling information\" ticked"]


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Reviews of a collection or package as `answers` and `study_sessions`.

    `zone`: the learner's time zone name (e.g. Pacific/Auckland); review times, and so the day
    a review counts for, are its wall clock. Default: this machine's zone.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="examready-anki-") as tmp:
        db = extract_collection(path, Path(tmp)) if is_package(path) else path
        try:
            reviews = read_reviews(db, zone)
        except sqlite3.DatabaseError as exc:
            raise FormatError(path, f"not a readable Anki collection ({exc})",
                              hint="export again from Anki: File → Export → Anki Deck Package") from exc
    answers = to_answers(reviews)
    answers.attrs["warnings"] = no_reviews_warning(path, reviews)  # said once, with the answers
    return {"answers": answers, "study_sessions": to_sessions(reviews)}
