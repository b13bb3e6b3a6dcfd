"""A note that says an umbrella word ('Kinesis shards') counts for none of its services, so `examready gaps` says
which notes say it and what it could be, as it says an umbrella word of the service labels (before, only `run`
and `inspect` said it, when they read the note)."""
from __future__ import annotations

import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from sources.markdown_notes import parse
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from warehouse.connection import connect
from warehouse.note_umbrellas import SECTIONS_SQL, learner_note_umbrellas, note_umbrellas

KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]
NOTES = {
    "streaming.md": "# Streaming\n\nKinesis shards and consumers.\n\n## More\n\nKinesis again.\n",
    "ingest.md": "---\ntitle: Ingest\n---\n# Ingest\n\nkinesis for clicks\n",
    "firehose.md": "# Delivery\n\nAmazon Data Firehose buffers; Kinesis Data Streams shards.\n",  # named whole
    "glue.md": "# AWS Glue\n\nCrawlers and jobs.\n",
}


def sections_of(tmp_path, notes: dict[str, str]) -> pd.DataFrame:
    """The note sections `parse` reads from each note, with its path as `note_path` (as raw stores them)."""
    frames = []
    for name, text in notes.items():
        path = tmp_path / "inbox" / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        frames.append(parse(path)["note_sections"].assign(note_path=str(path)))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("names, expected", [
    (["streaming.md", "ingest.md", "glue.md"], [("Kinesis", KINESIS, ["Ingest", "streaming"],
                                                 ["notes/ingest.md", "notes/streaming.md"])]),
    (["streaming.md"], [("Kinesis", KINESIS, ["streaming"], ["notes/streaming.md"])]),
    (["firehose.md", "glue.md"], []),  # services named whole: no umbrella word
])
def test_note_umbrellas(tmp_path, names, expected):
    found = note_umbrellas(sections_of(tmp_path, {n: NOTES[n] for n in names}), load_blueprint("DEA-C01"))
    assert [tuple(r.values()) for r in found.to_dict("records")] == expected


def test_gaps_says_which_notes_could_be_a_gap(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name, text in NOTES.items():
        (ws.inbox / "notes" / name).write_text(text)
    run_cli("run", "-w", str(ws.root))
    bp = load_blueprint("DEA-C01")
    with connect(ws.db_path, read_only=True) as con:
        found = learner_note_umbrellas(con, ws.config.learner_id, bp)
        every_note = con.execute(SECTIONS_SQL.replace("regexp_matches(", "true OR regexp_matches("),
                                 [ws.config.learner_id, "kinesis"]).df()
    assert found.equals(note_umbrellas(every_note, bp))  # the SQL's look for the word's letters leaves none out
    assert every_note["note_path"].nunique() == 4
    assert run_json("gaps", "-w", str(ws.root))["ambiguous_notes"] == [
        {"word": "Kinesis", "services": KINESIS, "notes": ["notes/ingest.md", "notes/streaming.md"]}]
    assert ("notes ambiguous (1): 2 notes (notes/ingest.md, notes/streaming.md) say 'Kinesis', which could be any "
            f"of: {', '.join(KINESIS)}: counted for none of these services; name the one you mean"
            ) in run_cli("gaps", "-w", str(ws.root)).stdout.splitlines()
