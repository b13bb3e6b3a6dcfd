"""Anki adapter on collections and packages written by the official `anki` package."""
import hashlib
import shutil
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from anki.collection import Collection

from anki_fixtures import EASES, build_collection, export_apkg, export_colpkg, revlog_truth
from sources import anki
from sources.canonical import ANSWERS, STUDY_SESSIONS
from sources.registry import detect, parse_file


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
    assert list(answers.columns) == ANSWERS + ["line"]
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
    sessions = parse_file(anki_files[kind])[1]["study_sessions"]
    assert list(sessions.columns) == STUDY_SESSIONS + ["line"]
    assert len(sessions) == 3  # one per day and deck
    assert sessions["minutes"].sum() == pytest.approx(anki_files["truth"]["minutes"])
    assert sorted(sessions["project"]) == ["DEA-C01::Domain 1::Kinesis", "DEA-C01::Domain 2::Redshift",
                                           "DEA-C01::Domain 4"]
    assert set(sessions["tool"]) == {"anki"}


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
    """A real collection (anki_fixtures) whose revlog ids are REVIEWED_UTC + 0, 1, 2 ... minutes."""
    path = build_collection(folder)
    base = int(REVIEWED_UTC.replace(tzinfo=timezone.utc).timestamp() * 1000)
    col = Collection(str(path))
    try:
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
