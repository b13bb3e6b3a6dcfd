"""Markdown notes adapter: sections, words, dates, prose text and broken front matter."""
from pathlib import Path

import pandas as pd

from sources import markdown_notes
from sources.canonical import NOTE_SECTIONS
from sources.registry import parse_file

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def _sections(name):
    adapter, tables = parse_file(INPUTS / name)
    assert adapter is markdown_notes
    return tables["note_sections"]


def test_blog_post_sections_levels_and_date():
    notes = _sections("kinesis-notes.md")
    assert list(notes.columns) == NOTE_SECTIONS + ["line"]
    assert len(notes) == 5
    assert notes["heading"].tolist() == ["Kinesis for the DEA-C01", "Kinesis Data Streams",
                                         "Enhanced fan-out", "Iterator types", "Amazon Data Firehose"]
    assert notes["level"].tolist() == [0, 1, 2, 3, 1]
    assert notes["line"].tolist() == [6, 8, 14, 24, 28]
    assert set(notes["title"]) == {"Kinesis for the DEA-C01"}
    assert set(notes["note_date"]) == {pd.Timestamp("2026-02-03")}
    assert notes["warning"].isna().all()


def test_code_blocks_removed_alt_text_kept_html_stripped():
    notes = _sections("kinesis-notes.md").set_index("heading")
    assert "Lambda" not in notes.loc["Enhanced fan-out", "text"]
    assert "boto3" not in " ".join(notes["text"])
    assert notes.loc["Enhanced fan-out", "words"] == 9
    assert "fan-out to Lambda consumers" in notes.loc["Kinesis Data Streams", "text"]
    firehose = notes.loc["Amazon Data Firehose", "text"]
    assert "<b>" not in firehose and "Amazon S3" in firehose and "JQ expression" in firehose
    assert notes.loc["Amazon Data Firehose", "words"] == 17


def test_broken_front_matter_keeps_the_note_with_a_warning():
    notes = _sections("broken-frontmatter.md")
    assert len(notes) == 2
    assert notes["heading"].tolist() == ["AWS Glue", "Crawlers"]
    assert notes["warning"].notna().all()
    assert "front matter is not valid YAML at line" in notes["warning"].iloc[0]
    assert notes["title"].iloc[0] == "Glue notes"  # simple lines are still read
    assert notes["note_date"].iloc[0] == pd.Timestamp("2026-02-05")


def test_obsidian_note_without_front_matter():
    notes = _sections("obsidian-daily.md")
    assert len(notes) == 2
    assert notes["heading"].tolist() == ["obsidian-daily", "Key points"]
    assert notes["level"].tolist() == [0, 2]
    assert notes["note_date"].isna().all()
    assert notes["words"].tolist() == [15, 7]


def test_note_without_headings_is_one_section(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("Just a line about Athena.\n", encoding="utf-8")
    notes = parse_file(path)[1]["note_sections"]
    assert len(notes) == 1 and notes["heading"].iloc[0] == "plain" and notes["words"].iloc[0] == 5


def test_indented_code_and_scripts_are_not_prose(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("# Glue\n\nRead this.\n\n    aws lambda invoke\n\n<script>var athena=1</script>\n",
                    encoding="utf-8")
    notes = parse_file(path)[1]["note_sections"]
    assert notes["text"].tolist() == ["Read this."]
    assert notes["words"].tolist() == [2]
