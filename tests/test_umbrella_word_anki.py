"""An umbrella word's entry in `examready gaps` ('Kinesis': could be any of three services) counts its exam-style
questions and its Anki reviews apart: before, "5 questions labelled 'Kinesis'" counted 2 Anki reviews among them.
`run` and `inspect` say the word of an Anki collection's tags as its Anki reviews' (before: "its questions")."""
from __future__ import annotations

from pathlib import Path

import duckdb

from tests.anki_fixtures import ONE_DECK_AFTER_ANOTHER, build_collection, retag
from tests.conftest import run_cli, run_json

KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]
MOCK = ("attempt_id,taken_at,question_id,domain,service,correct\n"
        "td,2026-11-20 10:00,1,D1,Kinesis,true\ntd,2026-11-20 10:01,2,D1,Kinesis,false\n"
        "td,2026-11-20 10:02,3,D1,Kinesis,true\n")


def kinesis_tagged(path: Path) -> Path:
    """The collection with its notes tagged 'aws kinesis' tagged 'kinesis' alone: the word a mock's label uses."""
    return retag(path, "tag:kinesis", ["kinesis"])


def test_gaps_count_an_umbrella_words_questions_and_anki_reviews_apart(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "td.csv").write_text(MOCK)
    kinesis_tagged(build_collection(root / "inbox" / "exams", ONE_DECK_AFTER_ANOTHER))
    run_cli("run", "-w", str(root))
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        reviews = con.execute("SELECT count(*) FROM marts.answer_detail WHERE source = 'anki' "
                              "AND service_label ILIKE '%kinesis%'").fetchone()[0]
    assert reviews >= 1
    reviewed = f"{reviews} Anki review{'s' if reviews != 1 else ''}"
    text = run_cli("gaps", "-w", str(root)).stdout
    assert f"services ambiguous (1): 3 questions and {reviewed} labelled 'Kinesis' could be any of: " in text, text
    [entry] = run_json("gaps", "-w", str(root))["ambiguous_services"]
    assert (entry["label"], entry["services"], entry["questions"], entry["anki_reviews"]) == \
        ("Kinesis", KINESIS, 3 + reviews, reviews)  # questions: reviews included, as a service's


def test_run_and_inspect_say_an_umbrella_tag_of_anki_reviews_and_a_mock_label_of_questions(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "td.csv").write_text(MOCK)
    collection = kinesis_tagged(build_collection(root / "inbox" / "exams", ONE_DECK_AFTER_ANOTHER))
    said = [line for line in run_cli("run", "-w", str(root)).stderr.splitlines() if "could be any of" in line]
    [anki] = [line for line in said if line.startswith("examready: exams/collection.anki2: ")]
    [mock] = [line for line in said if line.startswith("examready: exams/td.csv: ")]
    assert anki.endswith("services in coverage (the coverage page and `examready gaps` show them apart); "
                         "tag each note with the service it is about"), anki
    assert ": its Anki reviews count in their domain's readiness " in anki and "question" not in anki, anki
    assert ": its questions count in their domain's readiness " in mock, mock
    assert mock.endswith("; name the service each question is about"), mock
    [report] = run_json("inspect", "-w", str(root), str(collection))
    [inspected] = [p for p in report["problems"] if "could be any of" in p]
    assert inspected == "answers: " + anki.removeprefix("examready: exams/collection.anki2: ")
