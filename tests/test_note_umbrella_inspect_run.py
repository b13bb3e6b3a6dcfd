"""`inspect` tells a note's umbrella word ('Kinesis') by `run`'s rule (label_warnings.note_umbrella_words): a note
naming one of the word's services itself is not told it (docs/formats.md). Before, `inspect` read the word alone
and said "'Kinesis' alone counts for none of …" of a note about Amazon Kinesis Data Streams, which `run` never said."""
from __future__ import annotations

import pytest

from sources.blueprint import load_blueprint
from sources.markdown_notes import parse
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace
from warehouse.label_warnings import note_umbrella_words

SAID = "alone counts for none of"
NOTES = {  # file name -> text; the last names the umbrella word only, so both must say it
    "a.md": "# Kinesis notes\n\nAmazon Kinesis Data Streams shards ...\n",
    "Kinesis.md": "- kinesis-data-streams\n",  # a Logseq page: its title the word, its text the service
    "k2.md": "tags:: kinesis-data-streams\n\n- about Kinesis shards\n",  # a Logseq page property
    "streaming.md": "# Streaming\n\nKinesis shards and partition keys.\n",
}


@pytest.mark.parametrize("name, words", [
    ("a.md", []), ("Kinesis.md", []), ("k2.md", []), ("streaming.md", ["Kinesis"]),
])
def test_note_umbrella_words(tmp_path, name, words):
    path = tmp_path / name
    path.write_text(NOTES[name], encoding="utf-8")
    found = note_umbrella_words(parse(path)["note_sections"], load_blueprint("DEA-C01"))
    assert [w["word"] for w in found] == words


def _told(lines: list[str]) -> list[str]:
    """The umbrella word's sentence of each line saying it, from the quoted word on (each command's prefix cut)."""
    return [line[line.index("'Kinesis'"):] for line in lines if SAID in line]


def test_inspect_says_of_each_note_what_run_says(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    for name, text in NOTES.items():
        (ws.inbox / "notes" / name).write_text(text, encoding="utf-8")
    run = run_cli("run", "-w", str(ws.root)).stderr.splitlines()
    for name in NOTES:
        inspected = run_cli("inspect", "-w", str(ws.root), str(ws.inbox / "notes" / name)).stdout.splitlines()
        said = _told([line for line in run if line.startswith(f"examready: notes/{name}: ")])
        assert _told(inspected) == said, (name, inspected, said)
        assert bool(said) == (name == "streaming.md"), (name, run)
