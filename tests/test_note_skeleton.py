"""A note's heading with no text under it, its subsections' included, studies nothing (READING_RULES 24): a
template vault's '# Amazon EMR' over empty '## Use cases' left EMR 'weak' instead of a gap. Before (found by
an exploratory probe of the notes) every heading naming a service counted; `inspect` now names such headings,
and an umbrella word ('Kinesis') that counts for none of its services."""
from __future__ import annotations

import json

import pytest

from sources.note_outline import with_text_below
from tests.conftest import run_cli

NOTE = ("# Amazon EMR\n\n## Use cases\n\n## Limits\n\n"
        "# AWS Glue\n\n## Crawlers\n\nInfer schemas into the Data Catalog.\n\n"
        "# Kinesis\n\nShards scale reads; Event Bridge rules start the job.\n")


@pytest.mark.parametrize(("levels", "words", "holds"), [
    ([1, 2, 2], [0, 0, 0], [False, False, False]),        # a skeleton
    ([1, 2, 2], [0, 5, 0], [True, True, False]),          # the parent of a section with text holds it
    ([0, 1, 2, 1, 2], [3, 0, 0, 0, 4], [True, False, False, True, True]),
    ([2, 1], [0, 3], [False, True]),                       # a deeper heading first is no parent
    ([1, 3, 2], [0, 4, 0], [True, True, False]),          # a skipped level still nests
    ([1, 2, 3, 2], [0, 0, 2, 0], [True, True, True, False]),
    ([], [], []),
])
def test_with_text_below(levels, words, holds):
    assert with_text_below(levels, words) == holds


def test_a_skeleton_heading_leaves_its_service_a_gap(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    note = root / "inbox" / "notes" / "services.md"
    note.write_text(NOTE)
    run_cli("run", "-w", str(root))
    gaps = {s["name"]: s for s in json.loads(run_cli("gaps", "-w", str(root), "--json").stdout)["services"]}
    assert (gaps["Amazon EMR"]["note_sections"], gaps["Amazon EMR"]["status"]) == (0, "gap")
    assert gaps["AWS Glue"]["note_sections"] == 1            # '# AWS Glue' holds '## Crawlers' and its text
    assert gaps["Amazon EventBridge"]["note_sections"] == 1
    assert gaps["Amazon Kinesis Data Streams"]["note_sections"] == 0

    text = run_cli("inspect", str(note)).stdout
    assert "1 heading with no text under it counts for no service: 'Amazon EMR' (line 1)" in text
    assert ("'Kinesis' alone counts for none of Amazon Kinesis Data Streams, Amazon Data Firehose, "
            "Amazon Managed Service for Apache Flink: name the one you mean") in text
    report = json.loads(run_cli("inspect", "--json", str(note)).stdout)[0]["labels"]["note_sections"]
    assert report["empty_headings"] == [{"heading": "Amazon EMR", "line": 1}]
    assert report["services"] == ["AWS Glue", "Amazon EventBridge"]
