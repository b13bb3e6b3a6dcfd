"""An umbrella word ('kinesis') beside a tag or label naming one of its services (`aws::kinesis-data-streams`) is not
said to count for none of them: the review counts for that service. Before, an Anki note tagged both was told
"its Anki reviews count … and for Amazon Kinesis Data Streams but for none of these services"."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from examready.cmd_inspect import inspect_command
from sources.blueprint import load_blueprint
from sources.label_services import ambiguous_parts
from tests.anki_fixtures import one_deck_collection, retag
from warehouse.mapping import several_services
from warehouse.service_labels import ambiguous_labels

BP = load_blueprint("DEA-C01")
KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]


@pytest.mark.parametrize("label, parts", [
    ("aws::kinesis-data-streams D1 kinesis", []),  # an Anki note's tags, as Anki stores them (sorted)
    ("kinesis kinesis-data-streams", []),
    ("Kinesis; Kinesis Data Streams", []),  # a mock's label: the same rule
    ("kinesis aws::managed-service-for-apache-flink", []),
    ("Kinesis", [("Kinesis", KINESIS)]),  # guards: the word alone, or beside another family's service
    ("Kinesis, Glue", [("Kinesis", KINESIS)]),
    ("D1 kinesis aws::glue", [("kinesis", KINESIS)]),
])
def test_an_umbrella_word_beside_one_of_its_services_is_not_ambiguous(label, parts):
    assert ambiguous_parts(label, BP) == parts


def test_no_warning_for_an_anki_note_tagged_both():
    assert several_services(["aws::kinesis-data-streams D1 kinesis"], BP, answers="Anki reviews") == []


def test_gaps_list_no_review_of_a_note_tagged_both_under_the_umbrella_word():
    rows = pd.DataFrame({"service_label": ["aws::kinesis-data-streams D1 kinesis", "D1 kinesis"],
                         "domain_id": [1, 1], "questions": [4, 2], "anki_reviews": [4, 2], "correct": [3, 1]})
    [entry] = ambiguous_labels(rows, BP).to_dict("records")
    assert (entry["label"], entry["questions"], entry["anki_reviews"]) == ("D1 kinesis", 2, 2)



def test_inspect_warns_of_the_note_tagged_kinesis_alone_only(tmp_path):
    collection = one_deck_collection(tmp_path, ["kinesis", "macie"])
    retag(retag(collection, "tag:kinesis-data-streams", ["D1", "kinesis", "aws::kinesis-data-streams"]),
          "tag:macie", ["D1", "kinesis"])
    result = CliRunner().invoke(inspect_command, [str(collection), "--exam", "DEA-C01", "--json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    said = [p for p in report["problems"] if "could be" in p or "counts for none" in p]
    # the note tagged `kinesis` alone: its review (line 2) is warned of, as its answer and as its session's time
    assert [p.split(" could be")[0].split(" counts for")[0] for p in said] == \
        ["answers: the service 'D1 kinesis'", "study_sessions: 'Kinesis' (line 2: 1 min)"], said
    [both] = [m for m in report["labels"]["answers"]["mappings"] if "aws::kinesis-data-streams" in m["label"]]
    assert (both["domain_id"], both["service"]) == (1, KINESIS[0])
