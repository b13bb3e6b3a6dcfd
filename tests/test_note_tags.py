"""A note's front matter tags naming a service (`aws-glue`, `glue`, `#athena`, `kinesis-data-streams`) count as a
mention of it, once, in the note's first section with text, as its words would (READING_RULES 33). Before, a
note's tags counted for nothing: a note tagged `kinesis-data-streams` about shards left the service a gap."""
from __future__ import annotations

import json

import duckdb
import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

GLUE, ATHENA, KDS, LF = "AWS Glue", "Amazon Athena", "Amazon Kinesis Data Streams", "AWS Lake Formation"
# name -> (note, [(section line, services)] in file order)
CASES = {
    "yaml list": ("---\ntags: [kinesis-data-streams, aws-glue]\n---\nShards and consumers.\n\n# Producers\n\nBatching.\n",
                  [(4, [KDS, GLUE]), (6, [])]),
    "yaml block list": ('---\ntags:\n  - "#athena"\n  - aws/lake-formation\n  - study\n---\n# Partitions\n\nProjection.\n',
                        [(7, [ATHENA, LF])]),
    "yaml text": ("---\nTags: glue, athena\n---\n# Catalog\n\nTables.\n", [(4, [GLUE, ATHENA])]),
    "toml": ('+++\ntitle = "Crawlers"\ntags = ["glue", "athena"]\n+++\n# Crawlers\n\nAthena reads the tables.\n',
             [(5, [ATHENA, GLUE])]),
    "a skeleton heading first": ("---\ntags: [aws-glue]\n---\n# Amazon EMR\n\n## Use cases\n\n# Jobs\n\nSpark.\n",
                                 [(4, []), (6, []), (8, [GLUE])]),
    "no text at all": ("---\ntags: [aws-glue]\n---\n# AWS Glue\n", [(4, [])]),  # a template's tags: no study
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """Every case a note of one workspace, one real `examready run`: (staged sections, gaps' services)."""
    ws = new_workspace(tmp_path_factory.mktemp("tags") / "ws")
    for name, (text, _) in CASES.items():
        (ws.inbox / "notes" / f"{name.replace(' ', '-')}.md").write_text(text, encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(note_path, '[^/]+$'), line, services FROM staging.note_sections "
                           "ORDER BY note_path, line").fetchall()
    gaps = {s["name"]: s for s in json.loads(run_cli("gaps", "-w", str(ws.root), "--json").stdout)["services"]}
    return rows, gaps


@pytest.mark.parametrize("name", CASES)
def test_a_tag_naming_a_service_counts_in_the_first_section_with_text(loaded, name):
    rows, _ = loaded
    file = f"{name.replace(' ', '-')}.md"
    assert [(line, services) for f, line, services in rows if f == file] == CASES[name][1]


def test_tagged_services_count_once_per_note_in_coverage(loaded):
    _, gaps = loaded
    counts = {name: gaps[name]["note_sections"] for name in (GLUE, ATHENA, KDS, LF, "Amazon EMR")}
    assert counts == {GLUE: 4, ATHENA: 3, KDS: 1, LF: 1, "Amazon EMR": 0}
    assert gaps[KDS]["status"] != "gap"


def test_a_note_loaded_by_older_rules_is_read_again_and_its_tags_count(tmp_path):
    """What READING_RULES 32 stored for a tagged note (no service from its tags) is read again once."""
    from warehouse.ledger import READING_RULES

    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "notes" / "streams.md").write_text(CASES["yaml list"][0], encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path)) as con:
        con.execute("UPDATE raw.note_sections SET services = []")
        con.execute("UPDATE raw.file_events SET rules = ?", [READING_RULES - 1])
    report = json.loads(run_cli("run", "-w", str(ws.root), "--json").stdout)
    assert [(f["path"], f["status"]) for f in report["files"]] == [("notes/streams.md", "replaced")]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT services FROM marts.notes").fetchall() == [([GLUE, KDS],)]
