"""A service label naming several services counts for each ('Athena; S3'); an umbrella word in it ('Kinesis' in
'Kinesis, Glue') is listed apart as the label 'Kinesis' alone is (docs/formats.md). Pure functions only."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from reports.attempt_data import without_service
from reports.index import perhaps_text
from reports.plan_data import service_phrase
from sources.blueprint import load_blueprint
from sources.label_services import ambiguous_parts, label_parts, label_services, umbrella_words
from warehouse.mapping import answer_domain, map_answers, several_services
from warehouse.service_labels import ambiguous_labels

DEA = load_blueprint("DEA-C01")
KDS, FIREHOSE, FLINK = ("Amazon Kinesis Data Streams", "Amazon Data Firehose",
                        "Amazon Managed Service for Apache Flink")
KINESIS = [KDS, FIREHOSE, FLINK]
GLUE, ATHENA, S3, IAM = "AWS Glue", "Amazon Athena", "Amazon S3", "AWS Identity and Access Management"


@pytest.mark.parametrize("label, parts", [
    ("Kinesis, Glue", ["Kinesis", "Glue"]),
    ("Athena; S3", ["Athena", "S3"]),
    ("Glue/Athena", ["Glue", "Athena"]),
    ("Glue and Athena", ["Glue", "Athena"]),
    ("S3 & KMS | Glue", ["S3", "KMS", "Glue"]),
    (" Kinesis ,, Glue ", ["Kinesis", "Glue"]),
    ("AWS Glue", ["AWS Glue"]),
    ("", []),
    (None, []),
])
def test_label_parts(label, parts):
    assert label_parts(label) == parts


# (label, every service it counts for, its umbrella words as written with the services each could be, domain)
CASES = [
    ("Kinesis, Glue", [GLUE], [("Kinesis", KINESIS)], 1),
    ("Athena; S3", [ATHENA, S3], [], 1),  # Athena D1/D3, S3 D1/D2/D4: D1 is the one both serve
    ("Glue/Athena", [GLUE, ATHENA], [], None),  # both serve D1 and D3: no one domain
    ("Athena and S3", [ATHENA, S3], [], 1),
    ("AWS Identity and Access Management, KMS", [IAM, "AWS Key Management Service"], [], 4),
    ("Amazon Kinesis Data Streams, Amazon Data Firehose", [KDS, FIREHOSE], [], 1),
    ("Kinesis", [], [("Kinesis", KINESIS)], 1),
    ("Amazon Kinesis", [], [("Amazon Kinesis", KINESIS)], 1),
    # beside one of its own services the word is no other service: counted for that one, not listed apart (rules 41)
    ("kinesis; Kinesis Data Streams", [KDS], [], 1),
    ("Kinesis, Kinesis", [], [("Kinesis", KINESIS)], 1),  # one word, said once
    ("Kinesis Glue", [GLUE], [("Kinesis", KINESIS)], 1),  # no separator: the word alone is listed
    ("Kinesis Data Firehose", [FIREHOSE], [], 1),  # a service named with the umbrella word is that service
    ("AWS Glue", [GLUE], [], None),  # Glue serves D1-D3: a domain label must say which
    ("Misc", [], [], None),
    # a service outside the exam named with the word (the blueprint's other_services) is neither
    ("Amazon Kinesis Video Streams", [], [], None),
    ("Kinesis Video Stream, Glue", [GLUE], [], None),
    ("Kinesis Video Streams; Kinesis", [], [("Kinesis", KINESIS)], 1),
]


@pytest.mark.parametrize("label, services, parts, domain", CASES)
def test_a_label_counts_for_every_service_it_names(label, services, parts, domain):
    assert label_services(label, DEA) == services
    assert ambiguous_parts(label, DEA) == parts
    row = SimpleNamespace(task_label="", service_label=label, domain_label="", source="mock")
    assert answer_domain(row, DEA) == (domain, None, services)


def test_map_answers_keeps_the_one_service_and_every_service():
    frame = pd.DataFrame({"task_label": [None] * 3, "domain_label": ["D1", "D1", None], "source": ["mock"] * 3,
                          "service_label": ["Athena; S3", "Kinesis, Glue", "Kinesis"]})
    mapped = map_answers(frame, DEA)
    assert mapped["services"].tolist() == [[ATHENA, S3], [GLUE], None]
    assert [s if isinstance(s, str) else None for s in mapped["service"]] == [None, GLUE, None]
    assert mapped["domain_id"].tolist() == [1, 1, 1]


@pytest.mark.parametrize("text, words", [("Kinesis shards", ["Kinesis"]), ("Kinesis Video Streams for cameras", []),
                                         ("Kinesis video streams, then Kinesis", ["Kinesis"])])
def test_free_text_names_no_umbrella_word_in_another_services_name(text, words):
    assert [w["word"] for w in umbrella_words(text, DEA)] == words


def test_run_names_each_umbrella_word_and_no_label_of_named_services():
    said = several_services(["Kinesis, Glue", "Athena; S3", "Kinesis", None], DEA)
    assert [s.split(" could be")[0] for s in said] == ["the service 'Kinesis'",
                                                         "the service 'Kinesis' (in 'Kinesis, Glue')"]
    assert all(f"any of 3 services ({', '.join(KINESIS)})" in s for s in said)
    assert "count in their domain's readiness and for AWS Glue but for none of these services" in said[1]
    assert "count in their domain's readiness but for none of these services" in said[0]


def test_umbrella_words_are_grouped_by_the_word_across_labels():
    rows = pd.DataFrame({"service_label": ["Kinesis", "Kinesis, Glue", "Athena; S3", "Kinesis"],
                         "domain_id": [1, 1, 1, None], "questions": [4, 2, 3, 1], "anki_reviews": [0, 0, 0, 1],
                         "correct": [3, 1, 3, 0]})
    got = ambiguous_labels(rows, DEA).to_dict("records")
    assert got == [{"label": "Kinesis", "services": KINESIS, "questions": 7, "anki_reviews": 1, "correct": 4,
                    "accuracy": 4 / 7, "domains": [1]}]


def test_the_attempt_chart_says_which_umbrella_words_it_leaves_out():
    answers = pd.DataFrame({"service_label": ["Kinesis, Glue", "Kinesis", "Athena; S3", None, "Misc"],
                            "services": [[GLUE], [], [ATHENA, S3], [], []], "correct": [True, False, True, True, False],
                            "ambiguous": [[("Kinesis", "A, B")], [("Kinesis", "A, B")], [], [], []]})
    assert without_service(answers) == ["2 questions labelled 'Kinesis' (could be any of: A, B; 1 missed)",
                                        "1 question with no service label",
                                        "1 question labelled 'Misc' (no service of the exam)"]


AMBIGUOUS = pd.DataFrame([{"label": "Kinesis", "services": KINESIS, "questions": 6}])


@pytest.mark.parametrize("row, phrase", [
    ({"name": KDS, "status": "gap", "questions": 0, "accuracy": None},
     f"{KDS} (not in your notes, hours or labelled questions; perhaps in the 6 questions labelled 'Kinesis')"),
    ({"name": FLINK, "status": "weak", "questions": 0, "accuracy": None},
     f"{FLINK} (no practice questions yet; perhaps in the 6 questions labelled 'Kinesis')"),
    ({"name": GLUE, "status": "gap", "questions": 0, "accuracy": None},
     f"{GLUE} (not in your notes, hours or labelled questions)"),
    ({"name": KDS, "status": "weak", "questions": 2, "accuracy": 0.5}, f"{KDS} (50% of 2)"),
])
def test_the_plan_says_a_never_practised_service_may_be_in_an_umbrella_words_questions(row, phrase):
    assert service_phrase(row, AMBIGUOUS) == phrase


def test_the_index_counts_never_studied_services_an_umbrella_word_could_be():
    services = pd.DataFrame({"name": [KDS, FIREHOSE, FLINK, GLUE], "status": ["gap", "gap", "weak", "gap"]})
    data = SimpleNamespace(services=services, ambiguous=AMBIGUOUS, note_umbrellas=None, hour_umbrellas=None)
    assert perhaps_text(data) == " (2 of them perhaps in the 6 questions labelled 'Kinesis')"
    assert perhaps_text(SimpleNamespace(services=services, ambiguous=AMBIGUOUS.iloc[:0], note_umbrellas=None,
                                        hour_umbrellas=None)) == ""
