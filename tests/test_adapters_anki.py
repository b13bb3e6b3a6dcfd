"""Anki adapter on collections and packages written by the official `anki` package."""
import hashlib
import shutil
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from anki.collection import Collection

from anki_fixtures import (EASES, ONE_DECK_AFTER_ANOTHER, build_collection, export_apkg, export_colpkg,
                           reviewed_decks, reviews_back_to_back, revlog_truth)
from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from sources import anki
from sources.canonical import ANSWERS, STUDY_SESSIONS
from sources.registry import detect, parse_file
from sources.sure_overlap import define_macros
from tests.conftest import run_json
from warehouse import overlaps_frame, overlaps_sql


@pytest.fixture(scope="module")
def anki_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki")
    collection = build_collection(folder)
    return {
        "collection": collection,
        "truth": revlog_truth(collection),
        "apkg": export_apkg(collection, folder / "deck.apkg", legacy=False),
        "apkg_legacy": export_apkg(collection, folder / "deck-legacy.apkg", legacy=True),
        "colpkg_legacy": export_colpkg(collection, folder / "backup-legacy.colpkg", legacy=True),
        "colpkg": export_colpkg(collection, folder / "backup.colpkg", legacy=False),
    }


def _zstd_available() -> bool:
    try:
        import zstandard  # noqa: F401
        return True
    except ImportError:
        return shutil.which("zstd") is not None


NEEDS_ZSTD = pytest.mark.skipif(not _zstd_available(), reason="no zstandard module or zstd command")
KINDS = ["collection", pytest.param("apkg", marks=NEEDS_ZSTD), "apkg_legacy",
         pytest.param("colpkg", marks=NEEDS_ZSTD), "colpkg_legacy"]


def test_legacy_package_keeps_decks_in_col_json(anki_files, tmp_path):
    from sources.anki_files import extract_collection
    con = anki.read_only(extract_collection(anki_files["apkg_legacy"], tmp_path))
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    names = anki.deck_names(con)
    con.close()
    assert "decks" not in tables  # schema 11: decks live in col.decks JSON
    assert "DEA-C01::Domain 2::Redshift" in names.values()


def test_packages_are_what_anki_writes(anki_files):
    assert "collection.anki21b" in zipfile.ZipFile(anki_files["apkg"]).namelist()
    assert "collection.anki21" in zipfile.ZipFile(anki_files["apkg_legacy"]).namelist()
    assert anki_files["truth"] == pytest.approx(
        {"reviews": len(EASES), "manual": 1, "misses": EASES.count(1), "minutes": 97 / 60}, abs=0.02)


@pytest.mark.parametrize("kind", KINDS)
def test_reviews_become_answers(anki_files, kind):
    adapter, tables = parse_file(anki_files[kind])
    answers = tables["answers"]
    assert adapter is anki
    assert list(answers.columns) == ANSWERS + ["line", "deleted_card"]
    assert len(answers) == 10
    assert (~answers["correct"]).sum() == anki_files["truth"]["misses"] == 3
    assert answers["correct"].tolist() == [e > 1 for e in EASES]
    assert answers["line"].tolist() == list(range(1, 11))
    assert set(answers["source"]) == {"anki"}
    assert answers["attempt_id"].str.fullmatch(r"anki-\d{4}-\d{2}-\d{2}").all()
    assert answers["question_id"].is_unique, "each review is its own answer"
    assert answers["question_id"].str.split("/").str[0].nunique() == 6  # six notes reviewed
    assert answers["domain_label"].iloc[0] == "DEA-C01::Domain 1::Kinesis aws kinesis"
    assert "DEA-C01::Domain 4 aws lake-formation security" in set(answers["domain_label"])


@pytest.mark.parametrize("kind", KINDS)
def test_review_time_is_study_time(anki_files, kind):
    """One session per run of reviews of one deck and tags (the scheduler interleaves the three decks
    and their notes, in an order that varies from run to run): every deck and tags keep their minutes,
    no session overlaps."""
    sessions = parse_file(anki_files[kind])[1]["study_sessions"]
    decks = reviewed_decks(anki_files["collection"])
    assert list(sessions.columns) == STUDY_SESSIONS + ["line"]
    assert len(sessions) == 1 + sum(a[:2] != b[:2] for a, b in zip(decks, decks[1:]))
    assert sessions["minutes"].sum() == pytest.approx(anki_files["truth"]["minutes"])
    assert sessions.groupby(["project", "tags"])["minutes"].sum().to_dict() == pytest.approx(
        {(deck, tags): sum(ms for d, t, ms in decks if (d, t) == (deck, tags)) / 60000 for deck, tags, _ in decks})
    assert set(sessions["project"]) == {"DEA-C01::Domain 1::Kinesis", "DEA-C01::Domain 2::Redshift",
                                        "DEA-C01::Domain 4"}
    assert set(sessions["tool"]) == {"anki"}
    assert overlaps(sessions).empty


def test_input_is_never_modified(anki_files, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for kind in ["collection", "apkg_legacy", "colpkg_legacy"] + (["apkg", "colpkg"] if _zstd_available() else []):
        shutil.copyfile(anki_files[kind], folder / Path(anki_files[kind]).name)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    for path in list(folder.iterdir()):
        parse_file(path)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before  # same bytes and no -wal / -journal files left behind


@pytest.mark.parametrize("kind", KINDS)
def test_detected_under_a_wrong_name(anki_files, tmp_path, kind):
    copy = tmp_path / "results.csv"
    shutil.copyfile(anki_files[kind], copy)
    assert detect(copy) is anki


def test_zip_without_collection_is_not_anki(tmp_path):
    path = tmp_path / "notes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert detect(path) is None


def test_other_sqlite_files_are_not_anki(tmp_path):
    import sqlite3
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("create table notes (id integer)")
    con.commit()
    con.close()
    assert detect(path) is None


# Review times at known instants: the fixture's reviews, moved to 10:30 UTC on 1 March 2026, one
# minute apart. Kiritimati (UTC+14) and Pago Pago (UTC-11) keep no daylight saving time.
REVIEWED_UTC = datetime(2026, 3, 1, 10, 30)
KIRITIMATI = [datetime(2026, 3, 2, 0, 30) + timedelta(minutes=i) for i in range(len(EASES))]
PAGO_PAGO = [datetime(2026, 2, 28, 23, 30) + timedelta(minutes=i) for i in range(len(EASES))]


def reviews_at_known_times(folder: Path) -> Path:
    """A real collection (anki_fixtures) whose revlog ids are REVIEWED_UTC + 0, 1, 2 ... minutes.

    Its decks are reviewed one after another (ONE_DECK_AFTER_ANOTHER), not in the scheduler's
    varying order, and every note is tagged `aws` alone (the notes the scheduler picks within a deck
    vary): three study sessions, one a deck (tests/test_learner_time.py counts 10 + 3 rows)."""
    path = build_collection(folder, ONE_DECK_AFTER_ANOTHER)
    base = int(REVIEWED_UTC.replace(tzinfo=timezone.utc).timestamp() * 1000)
    col = Collection(str(path))
    try:
        col.db.execute("update notes set tags = ' aws '")
        for i, old in enumerate(col.db.list("select id from revlog order by id")):
            col.db.execute("update revlog set id = ? where id = ?", base + i * 60_000, old)
    finally:
        col.close()
    return path


@pytest.fixture(scope="module")
def known_times(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki-known-times")
    collection = reviews_at_known_times(folder)
    return {"collection": collection,
            "apkg_legacy": export_apkg(collection, folder / "deck-legacy.apkg", legacy=True)}


@pytest.mark.parametrize("kind", ["collection", "apkg_legacy"])
@pytest.mark.parametrize("zone, wall_clock, day", [("Pacific/Kiritimati", KIRITIMATI, "2026-03-02"),
                                                   ("Pacific/Pago_Pago", PAGO_PAGO, "2026-02-28")])
def test_review_times_are_the_learners_wall_clock(known_times, kind, zone, wall_clock, day):
    """The same instants, read for a learner in UTC+14 and in UTC-11: their clocks, their days."""
    adapter, tables = parse_file(known_times[kind], zone=zone)
    answers, sessions = tables["answers"], tables["study_sessions"]
    assert adapter is anki
    assert answers["taken_at"].tolist() == [pd.Timestamp(t) for t in wall_clock]
    assert set(answers["attempt_id"]) == {f"anki-{day}"}
    assert sessions["started_at"].min() == pd.Timestamp(wall_clock[0])
    assert {str(d.date()) for d in sessions["started_at"]} == {day}
    assert anki.parse(known_times[kind], zone=zone)["answers"]["taken_at"].equals(answers["taken_at"])


@pytest.mark.parametrize("zone", [None, "Not/AZone", ""])
def test_without_a_known_zone_review_times_are_this_machines(known_times, zone):
    """No zone (library callers) or an unknown one: this machine's zone, as before; never an error."""
    taken = parse_file(known_times["collection"], zone=zone)[1]["answers"]["taken_at"]
    utc, machine_zone = REVIEWED_UTC.replace(tzinfo=timezone.utc), datetime.now().astimezone().tzinfo
    machine = [(utc + timedelta(minutes=i)).astimezone(machine_zone).replace(tzinfo=None) for i in range(len(EASES))]
    assert taken.tolist() == [pd.Timestamp(t) for t in machine]
    assert anki.parse(known_times["collection"])["answers"]["taken_at"].equals(taken)


def overlaps(sessions: pd.DataFrame) -> pd.DataFrame:
    """The study-session overlap check of the ingestion, in its pandas and its SQL form."""
    batch = sessions.assign(learner_id="me", line_row=0)
    found = overlaps_frame.overlapping_sessions(batch, set())
    with duckdb.connect() as con:
        define_macros(con, temporary=True)  # as the in-file check gives them
        con.register("batch", batch)
        in_sql = overlaps_sql.overlapping_sessions(con, "batch", set())
    assert sorted(in_sql["line"]) == sorted(found["line"])
    return found


A, B = "DEA-C01::Domain 1::Kinesis", "DEA-C01::Domain 2::Redshift"


def _reviews(rows) -> pd.DataFrame:
    """Reviews as read_reviews gives them: (answered at, deck, seconds, tags), lines 1, 2, …"""
    return pd.DataFrame({"at": pd.to_datetime([r[0] for r in rows]).astype("datetime64[ns]"),
                         "deck": [r[1] for r in rows], "ms": [r[2] * 1000 for r in rows],
                         "tags": [r[3] if len(r) > 3 else "" for r in rows],
                         "line": range(1, len(rows) + 1)})


# (reviews, sessions as (started_at, minutes, project, line, description, tags))
SESSIONS = {
    "one deck": ([("2026-03-03 09:00:10", A, 10, "aws kinesis"), ("2026-03-03 09:00:30", A, 20, "aws kinesis")],
                 [("2026-03-03 09:00:10", 0.5, A, 1, "2 Anki reviews", "aws kinesis")]),
    # a session's tags are those of each of its reviews' notes: its minutes count where their answers do
    "one deck, notes tagged by domain": (
        [("2026-03-03 09:00:10", "Default", 10, "D1 kinesis"), ("2026-03-03 09:00:30", "Default", 20, "D4 macie"),
         ("2026-03-03 09:00:36", "Default", 6, "D4 macie"), ("2026-03-03 09:00:48", "Default", 12, "D1 kinesis")],
        [("2026-03-03 09:00:10", 10 / 60, "Default", 1, "1 Anki review", "D1 kinesis"),
         ("2026-03-03 09:00:30", 26 / 60, "Default", 2, "2 Anki reviews", "D4 macie"),
         ("2026-03-03 09:00:56", 0.2, "Default", 4, "1 Anki review", "D1 kinesis")]),
    "two decks one after the other": (
        [("2026-03-03 09:00:06", A, 6), ("2026-03-03 09:00:15", A, 9), ("2026-03-03 09:00:27", B, 12),
         ("2026-03-03 09:00:33", B, 6)],
        [("2026-03-03 09:00:06", 0.25, A, 1, "2 Anki reviews", None),
         ("2026-03-03 09:00:27", 0.3, B, 3, "2 Anki reviews", None)]),
    # back to back, each review stamped when answered: runs start at their first review or when
    # the previous session ends (the old day × deck sessions overlapped: A 09:00:06 + 18 s, B 09:00:18)
    "two decks interleaved": (
        [("2026-03-03 09:00:06", A, 6), ("2026-03-03 09:00:18", B, 12), ("2026-03-03 09:00:27", A, 9),
         ("2026-03-03 09:00:33", B, 6), ("2026-03-03 09:00:36", A, 3)],
        [("2026-03-03 09:00:06", 0.1, A, 1, "1 Anki review", None),
         ("2026-03-03 09:00:18", 0.2, B, 2, "1 Anki review", None),
         ("2026-03-03 09:00:30", 0.15, A, 3, "1 Anki review", None),
         ("2026-03-03 09:00:39", 0.1, B, 4, "1 Anki review", None),
         ("2026-03-03 09:00:45", 0.05, A, 5, "1 Anki review", None)]),
    "one deck over midnight": (
        [("2026-03-03 23:59:54", A, 6), ("2026-03-04 00:00:03", A, 9)],
        [("2026-03-03 23:59:54", 0.1, A, 1, "1 Anki review", None),
         ("2026-03-04 00:00:03", 0.15, A, 2, "1 Anki review", None)]),
    "a deck the collection no longer has": (
        [("2026-03-03 09:00:06", None, 6), ("2026-03-03 09:00:12", A, 6)],
        [("2026-03-03 09:00:06", 0.1, "(unknown deck)", 1, "1 Anki review", None),
         ("2026-03-03 09:00:12", 0.1, A, 2, "1 Anki review", None)]),
    # pandas adds 25 s as 25.000000002 s (minutes are a float): the next start is rounded up to the ms
    "a push after 25 s": (
        [("2026-03-03 09:00:25", A, 25), ("2026-03-03 09:00:40", B, 15)],
        [("2026-03-03 09:00:25", 25 / 60, A, 1, "1 Anki review", None),
         ("2026-03-03 09:00:50.001", 0.25, B, 2, "1 Anki review", None)]),
    "no reviews": ([], []),
}


@pytest.mark.parametrize("reviews, expected", SESSIONS.values(), ids=SESSIONS.keys())
def test_sessions_are_runs_of_one_deck_and_tags_that_never_overlap(reviews, expected):
    frame = _reviews(reviews)
    sessions = anki.to_sessions(frame)
    assert list(sessions.columns) == STUDY_SESSIONS + ["line"]
    assert list(zip(sessions["started_at"], sessions["minutes"], sessions["project"], sessions["line"],
                    sessions["description"], sessions["tags"])) == \
        [(pd.Timestamp(s), m, p, n, d, t) for s, m, p, n, d, t in expected]
    assert overlaps(sessions).empty
    # the minutes of each deck and day are those of its reviews (what one session per day × deck had)
    per_review = frame.assign(deck=frame["deck"].fillna("(unknown deck)"), day=frame["at"].dt.date)
    assert sessions.assign(day=sessions["started_at"].dt.date).groupby(["day", "project"])["minutes"].sum() \
        .to_dict() == pytest.approx((per_review.groupby(["day", "deck"])["ms"].sum() / 60000).to_dict())


DAYS = [(datetime(2026, 3, 3, 9), 5), (datetime(2026, 3, 4, 9), 5)]
K, R, D = "DEA-C01::Domain 1::Kinesis", "DEA-C01::Domain 2::Redshift", "DEA-C01::Domain 4"
# anki_fixtures.TWO_DAYS reviewed back to back (8, 12, 5, 20, 9 s on 3 March from 09:00 UTC; 15, 7,
# 6, 11, 4 s on 4 March): Kinesis then Redshift, then Domain 4 and Kinesis interleaved
BACK_TO_BACK = [("2026-03-03 09:00:08", 25, K), ("2026-03-03 09:00:45", 29, R),
                ("2026-03-04 09:00:15", 15, D), ("2026-03-04 09:00:30", 7, K),
                ("2026-03-04 09:00:37.001", 6, D),  # after 7 s, pandas' 7.000000002 s, rounded up
                ("2026-03-04 09:00:43.001", 11, K), ("2026-03-04 09:00:54.001", 4, D)]
MINUTES_PER_DAY_AND_DECK = {("2026-03-03", K): 25 / 60, ("2026-03-03", R): 29 / 60,
                            ("2026-03-04", D): 25 / 60, ("2026-03-04", K): 18 / 60}


@pytest.mark.parametrize("kind", ["collection", "apkg_legacy"])
def test_interleaved_decks_of_a_real_collection(tmp_path, kind):
    collection = reviews_back_to_back(tmp_path, DAYS)
    path = collection if kind == "collection" else export_apkg(collection, tmp_path / "deck.apkg", legacy=True)
    sessions = parse_file(path, zone="UTC")[1]["study_sessions"]
    assert list(zip(sessions["started_at"], sessions["minutes"] * 60, sessions["project"])) == \
        [(pd.Timestamp(s), pytest.approx(sec), p) for s, sec, p in BACK_TO_BACK]
    assert sessions["description"].tolist() == ["3 Anki reviews", "2 Anki reviews"] + ["1 Anki review"] * 5
    assert overlaps(sessions).empty
    per_day = sessions.assign(day=sessions["started_at"].dt.strftime("%Y-%m-%d"))
    assert per_day.groupby(["day", "project"])["minutes"].sum().to_dict() == pytest.approx(MINUTES_PER_DAY_AND_DECK)


def test_a_run_quarantines_no_anki_study_time(tmp_path):
    """A real `examready run`: two decks reviewed interleaved on one day are loaded whole."""
    ws = create_workspace(tmp_path / "ws", Config(exam="DEA-C01", learner_id="me", timezone="UTC"))
    reviews_back_to_back(ws.inbox / "exams", DAYS)
    report = run_json("run", "-w", str(ws.root))
    assert [(f["format"], f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]] == \
        [("anki", "loaded", 10 + 7, 0)]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        held = con.execute("SELECT count(*) FROM raw.quarantine WHERE table_name = 'study_sessions'").fetchone()[0]
        rows = con.execute("SELECT started_at, minutes, project FROM raw.study_sessions ORDER BY line").fetchall()
    assert held == 0
    assert [(str(s), round(m * 60, 3), p) for s, m, p in rows] == \
        [(str(pd.Timestamp(s)), float(sec), p) for s, sec, p in BACK_TO_BACK]
