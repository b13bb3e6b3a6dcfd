"""A note that says an umbrella word ('Kinesis shards') counts for none of its services, so the marts keep which
notes say it (marts.note_umbrellas) and the coverage page, the index, the plan and `examready gaps` mark a
never-studied service it could be 'perhaps in the note …', as they mark one an umbrella word of the service labels
could be (before, only `run` and `inspect` said it)."""
from __future__ import annotations

import html

import pandas as pd
import pytest

from reports.coverage import one_sided
from reports.plan_data import service_phrase
from sources.blueprint import load_blueprint
from sources.markdown_notes import parse
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from warehouse.connection import connect
from warehouse.note_umbrellas import SECTIONS_SQL, note_umbrellas

KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]
KDS, FIREHOSE, FLINK = KINESIS
NOTES = {
    "streaming.md": "# Streaming\n\nKinesis shards and consumers.\n\n## More\n\nKinesis again.\n",
    "ingest.md": "---\ntitle: Ingest\n---\n# Ingest\n\nkinesis for clicks\n",
    "firehose.md": "# Delivery\n\nAmazon Data Firehose buffers; Kinesis Data Streams shards.\n",  # named whole
    "glue.md": "# AWS Glue\n\nCrawlers and jobs.\n",
    # the word in a heading over text naming the one meant (before: said, and its gaps 'perhaps in' this note)
    "shards.md": "# Kinesis notes\n\nAmazon Kinesis Data Streams shards.\n",
    # an umbrella tag; its text names no service, another tag names one that is not a Kinesis
    "tagged.md": "---\ntitle: Clickstream\ntags: [kinesis, aws-glue]\n---\n# Plan\n\nShards, then crawlers.\n",
}


def sections_of(tmp_path, notes: dict[str, str]) -> pd.DataFrame:
    """The note sections `parse` reads from each note, with its path as `note_path` (as raw stores them) and its
    path in the inbox as `file` (as the ledger has it)."""
    frames = []
    for name, text in notes.items():
        path = tmp_path / "inbox" / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        frames.append(parse(path)["note_sections"].assign(note_path=str(path), file=f"notes/{name}"))
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("names, expected", [
    (["streaming.md", "ingest.md", "glue.md"], [("Kinesis", KINESIS, ["Ingest", "streaming"],
                                                 ["notes/ingest.md", "notes/streaming.md"])]),
    (["streaming.md"], [("Kinesis", KINESIS, ["streaming"], ["notes/streaming.md"])]),
    (["tagged.md", "streaming.md"], [("Kinesis", KINESIS, ["streaming", "Clickstream"],
                                      ["notes/streaming.md", "notes/tagged.md"])]),
    (["tagged.md"], [("Kinesis", KINESIS, ["Clickstream"], ["notes/tagged.md"])]),
    (["firehose.md", "glue.md"], []),  # services named whole: no umbrella word
    (["shards.md", "streaming.md"], [("Kinesis", KINESIS, ["streaming"], ["notes/streaming.md"])]),
])
def test_note_umbrellas(tmp_path, names, expected):
    found = note_umbrellas(sections_of(tmp_path, {n: NOTES[n] for n in names}), load_blueprint("DEA-C01"))
    assert [tuple(r.values()) for r in found.to_dict("records")] == expected


NOTE_ROWS = pd.DataFrame([{"word": "Kinesis", "services": KINESIS, "titles": ["streaming"],
                           "files": ["notes/streaming.md"]}])


@pytest.mark.parametrize("row, phrase", [
    ({"name": KDS, "status": "gap", "questions": 0, "accuracy": None},
     f"{KDS} (not in your notes, hours or labelled questions; perhaps in the note 'streaming', which says 'Kinesis')"),
    # a note is no practice: a service studied but never practised is not marked by a note's word
    ({"name": FLINK, "status": "weak", "questions": 0, "accuracy": None}, f"{FLINK} (no practice questions yet)"),
])
def test_the_plan_marks_a_gap_a_notes_umbrella_word_could_be(row, phrase):
    assert service_phrase(row, None, NOTE_ROWS) == phrase


def test_the_coverage_page_marks_never_studied_services_not_those_never_practised():
    services = pd.DataFrame({"name": [KDS, FIREHOSE], "status": ["gap", "weak"], "note_sections": [0, 2],
                             "questions": [0, 0]})
    text = html.unescape(one_sided(services, None, NOTE_ROWS))
    assert f"Never studied (1):</b> {KDS} (perhaps in the note 'streaming', which says 'Kinesis')</p>" in text
    assert f"never practised (1):</b> {FIREHOSE}</p>" in text
    assert ("Notes naming no single service:</b> the note 'streaming' says 'Kinesis', which could be any of: "
            f"{', '.join(KINESIS)}; it counts for none of these services: name the one you mean.") in text


def test_the_marts_gaps_and_the_pages_say_which_notes_could_be_a_gap(tmp_path):
    ws = new_workspace(tmp_path / "inbox" / "ws")  # a workspace inside a folder named inbox: notes are still notes/…
    for name, text in NOTES.items():
        (ws.inbox / "notes" / name).write_text(text)
    run_cli("run", "-w", str(ws.root))
    bp = load_blueprint("DEA-C01")
    with connect(ws.db_path, read_only=True) as con:
        mart = con.execute("SELECT * FROM marts.note_umbrellas").df()
        every_note = con.execute(SECTIONS_SQL.replace("regexp_matches(", "true OR regexp_matches("), ["kinesis"]).df()
        files = con.execute("SELECT file FROM marts.notes ORDER BY file").fetchall()
    assert every_note["note_path"].nunique() == len(NOTES)
    expected = note_umbrellas(every_note, bp)  # the SQL's look for the word's letters leaves no note out
    assert [(r["learner_id"], r["word"], list(r["services"]), list(r["titles"]), list(r["files"]))
            for r in mart.to_dict("records")] == [(ws.config.learner_id, *r.values()) for r in expected.to_dict("records")]
    assert files == [(f"notes/{name}",) for name in sorted(NOTES)]
    assert run_json("gaps", "-w", str(ws.root))["ambiguous_notes"] == [
        {"word": "Kinesis", "services": KINESIS, "notes": ["notes/ingest.md", "notes/streaming.md", "notes/tagged.md"]}]
    assert ("notes ambiguous (1): 3 notes (notes/ingest.md, notes/streaming.md, notes/tagged.md) say 'Kinesis', "
            "which could be any "
            f"of: {', '.join(KINESIS)}: counted for none of these services; name the one you mean"
            ) in run_cli("gaps", "-w", str(ws.root)).stdout.splitlines()
    coverage = html.unescape((ws.root / "site" / "coverage.html").read_text())
    assert f"{FLINK} (perhaps in the 3 notes that say 'Kinesis')" in coverage
    assert f"{KDS} (perhaps" not in coverage  # firehose.md names it: studied
    assert all(f"<td>notes/{name}</td>" in coverage for name in NOTES) and "ws/inbox/notes" not in coverage
    index = html.unescape((ws.root / "site" / "index.html").read_text())
    assert "services never studied (1 of them perhaps in the 3 notes that say 'Kinesis')" in index
