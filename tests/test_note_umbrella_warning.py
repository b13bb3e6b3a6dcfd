"""`run` says a note's umbrella words ('Kinesis' alone: Data Streams, Firehose or Flink?), as `inspect` did alone:
such a word counts for no service, and a learner whose notes say 'Kinesis shards' saw Kinesis Data Streams
as a gap with nothing said (left from session 24's note)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sources.blueprint import load_blueprint
from sources.markdown_notes import parse
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from warehouse.label_warnings import note_warnings

STREAMING = "# Streaming\n\nKinesis shards and consumers. AWS Glue jobs read them.\n\n## More\n\nKinesis again.\n"
SAID = ("'Kinesis' alone counts for none of Amazon Kinesis Data Streams, Amazon Data Firehose, Amazon Managed "
        "Service for Apache Flink: name the one you mean")
FIXTURES = Path(__file__).parent / "fixtures"
TAGGED = "---\ntitle: Streams\ntags: [kinesis, aws-glue]\n---\n# Shards\n\nConsumers.\n"
TAG_SAID = f"front matter tag 'kinesis' at line 3: {SAID}"


@pytest.mark.parametrize("text, said", [
    (STREAMING, [SAID]),  # two sections, said once
    ("# Streams\n\nKinesis Data Streams shards; Amazon Data Firehose delivery.\n", []),  # services named whole
    ("# Kinesis\n\nshards and consumers\n", [SAID]),  # in a heading
    ("# Glue\n\nCrawlers and jobs.\n", []),
    # the word where the note names the one meant, as a study entry's (before 7 Dec 2026: said all the same)
    ("# Kinesis notes\n\nAmazon Kinesis Data Streams shards.\n", []),
    ("# Kinesis\n\nShards.\n\n## Consumers\n\nKinesis Data Streams enhanced fan-out.\n", []),
    ("# Kinesis\n\nShards. AWS Glue jobs read them.\n", [SAID]),  # another family's service: still said
    # a front matter tag that is an umbrella word, said with its line (before: counted for no service, unsaid)
    (TAGGED, [TAG_SAID]),
    ("---\ntags:\n  - aws-glue\n  - '#Kinesis'\n---\nShards.\n", [f"front matter tag '#Kinesis' at line 4: {SAID}"]),
    ('+++\ntags = ["kinesis"]\n+++\nShards.\n', [f"front matter tag 'kinesis' at line 2: {SAID}"]),
    ("---\ntag: kinesis, kinesis-data-streams\n---\nShards.\n", []),  # another tag names the one meant
    ("---\ntags: [kinesis-data-streams]\n---\nShards.\n", []),
    ("---\ntags: [kinesis]\n---\nKinesis shards.\n", [SAID, f"front matter tag 'kinesis' at line 2: {SAID}"]),
])
def test_note_warnings(tmp_path, text, said):
    path = tmp_path / "note.md"
    path.write_text(text)
    assert note_warnings(parse(path)["note_sections"], load_blueprint("DEA-C01")) == said


def test_run_says_it_once_when_it_reads_the_note_and_inspect_says_the_same(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "notes" / "streaming.md").write_text(STREAMING)
    (ws.inbox / "notes" / "glue.md").write_text("# AWS Glue\n\nCrawlers and jobs.\n")
    first = run_cli("run", "-w", str(ws.root)).stderr
    assert [ln for ln in first.splitlines() if "alone counts" in ln] == [f"examready: notes/streaming.md: {SAID}"]
    assert "alone counts" not in run_cli("run", "-w", str(ws.root)).stderr  # unchanged: not read again
    inspected = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "notes" / "streaming.md")).stdout
    assert f"  note_sections: {SAID}" in inspected.splitlines()


def test_run_and_inspect_say_an_umbrella_tag(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "notes" / "streams.md").write_text(TAGGED)
    said = [ln for ln in run_cli("run", "-w", str(ws.root)).stderr.splitlines() if "alone counts" in ln]
    assert said == [f"examready: notes/streams.md: {TAG_SAID}"]
    inspected = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "notes" / "streams.md")).stdout
    assert f"  ! streams.md: {TAG_SAID}" in inspected.splitlines()


def test_inspect_says_no_front_matter_tag_of_a_study_log(tmp_path):
    """A Toggl entry tagged 'aws, kinesis' whose description names Kinesis Data Streams: nothing to say. Before,
    `inspect` read the first entry's Tags cell as a note's front matter ("front matter tag 'aws, kinesis': 'Kinesis'
    alone counts for none of …"), which `run` never said."""
    from examready.inspect import inspect_file

    log = tmp_path / "toggl.csv"
    log.write_text((FIXTURES / "inputs" / "toggl_detailed.csv").read_text(encoding="utf-8-sig"))
    report = inspect_file(log, load_blueprint("DEA-C01"))
    assert report["rows"] == {"study_sessions": 7}
    assert not [p for p in report["problems"] if "front matter" in p or "alone counts" in p], report["problems"]
