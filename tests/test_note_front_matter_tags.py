"""Front matter tags as Obsidian and Hugo write them (READING_RULES 35): Obsidian's older `tag:` key, read as `tags:`
is. Before, a note's `tag: aws-glue` counted for no service."""
from __future__ import annotations

import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from sources.markdown_notes import parse
from warehouse.mapping import tag_services

GLUE, ATHENA, KDS = "AWS Glue", "Amazon Athena", "Amazon Kinesis Data Streams"
BODY = "# Jobs\n\nSpark.\n"
# name -> (front matter lines, the services its tags name)
TAGGED = {
    "tag: one text": ("tag: aws-glue", [GLUE]),
    "tag: a list": ("tag: [glue, athena]", [GLUE, ATHENA]),
    "tag: a block list": ("tag:\n  - kinesis-data-streams\n  - '#athena'", [KDS, ATHENA]),
    "tag: commas": ("tag: glue, athena", [GLUE, ATHENA]),
    "tag: spaces": ("tag: glue athena", [GLUE, ATHENA]),
    "tag: hashtags and spaces": ("Tag: '#glue #athena'", [GLUE, ATHENA]),
    "tags and tag": ("tags: [athena]\ntag: glue", [ATHENA, GLUE]),
}


def _tag_services(tmp_path, front: str, fence: tuple[str, str] = ("---", "---")) -> list[str]:
    path = tmp_path / "note.md"
    path.write_text(f"{fence[0]}\n{front}\n{fence[1]}\n{BODY}", encoding="utf-8")
    return tag_services(parse(path)["note_sections"]["tags"].iloc[0], load_blueprint("DEA-C01"))


@pytest.mark.parametrize("front, services", TAGGED.values(), ids=TAGGED.keys())
def test_tags_read_in_every_form_obsidian_writes(tmp_path, front, services):
    assert _tag_services(tmp_path, front) == services


BROKEN = "title: Glue: ETL"  # 'mapping values are not allowed here': the YAML does not parse
SALVAGED = {
    "a flow list": (f"{BROKEN}\ntags: [glue, athena]", [GLUE, ATHENA]),
    "one text": (f"{BROKEN}\ntags: glue, athena", [GLUE, ATHENA]),
    "a block list": (f"{BROKEN}\ntags:\n  - kinesis-data-streams\n  - \"#athena\"\ndate: 2026-11-20", [KDS, ATHENA]),
    "tag: a block list": (f"tag:\n- glue\n{BROKEN}", [GLUE]),
    "a list left open": (f"tags: [glue, athena\n{BROKEN}", [GLUE, ATHENA]),
}


@pytest.mark.parametrize("front, services", SALVAGED.values(), ids=SALVAGED.keys())
def test_broken_yaml_keeps_its_simple_tag_lines(tmp_path, front, services):
    """Before, broken front matter kept its title and date lines and lost its tags."""
    assert _tag_services(tmp_path, front) == services
    sections = parse(tmp_path / "note.md")["note_sections"]
    assert sections["title"].iloc[0] == "Glue: ETL"
    assert "front matter is not valid YAML" in sections["warning"].iloc[0]


SIMPLE_JSON = "only simple '\"key\": value' lines were read"
# name -> (note, title, date, tags, lines before the body, warnings)
JSON_NOTES = {
    "hugo's json": ('{\n  "title": "Glue",\n  "date": "2026-11-20",\n  "tags": ["glue", "athena"]\n}\n# Jobs\nSpark.\n',
                    "Glue", "2026-11-20", ["glue", "athena"], 5, []),
    "a key on the first line": ('{ "title": "Glue",\n  "tags": [\n    "athena"\n  ]\n}\nSpark.\n',
                                "Glue", None, ["athena"], 5, []),
    "a comma missing": ('{\n  "title": "Glue",\n  "date": "2026-11-20"\n  "tags": ["glue"]\n}\n# Jobs\nSpark.\n',
                        "Glue", "2026-11-20", ["glue"], 5,
                        [f"n.md: front matter is not valid JSON at line 4 (Expecting ',' delimiter); {SIMPLE_JSON}"]),
    "no such day": ('{\n  "date": "2026-02-30"\n}\nSpark.\n', None, None, [], 3,
                    ["n.md: front matter date '2026-02-30' at line 2 is not a date (day is out of range for month); "
                     "the note is kept without a date"]),
    "not closed: text, as before": ('{\n  "title": "Glue"\n# Jobs\n', None, None, [], 0, []),
    "an object as the last key": ('{\n  "title": "Glue",\n  "params": {\n    "weight": 1\n  }\n}\nSpark.\n',
                                  "Glue", None, [], 6, []),
    "one line": ('{"title": "Glue", "tags": ["glue"]}\nSpark.\n', "Glue", None, ["glue"], 1, []),
    "a pasted IAM policy: text": ('{\n  "Version": "2012-10-17",\n  "Statement": [ {\n    "Effect": "Allow"\n  }\n  ]\n}\n'
                                  'Lets Glue read S3.\n', None, None, [], 0, []),
    "an S3 event in a sentence: text": ('{"eventName": "ObjectCreated:Put"} is what S3 sends.\n```js\n'
                                        'exports.handler = async (event) => {\n}\n```\n', None, None, [], 0, []),
    "a brace inside a string": ('{\n  "title": "Glue {jobs}",\n  "date": "2026-11-20"\n}\nSpark.\n',
                                "Glue {jobs}", "2026-11-20", [], 4, []),
    "a hugo shortcode": ('{{< figure src="glue.png" >}}\n# Jobs\n', None, None, [], 0, []),
}


@pytest.mark.parametrize("text, title, when, tags, offset, warnings", JSON_NOTES.values(), ids=JSON_NOTES.keys())
def test_json_front_matter_is_read_as_yaml_is(text, title, when, tags, offset, warnings):
    """Before, Hugo's JSON front matter was the first section's text: no title, date or tags."""
    from sources.frontmatter import note_tags, value_of
    from sources.markdown_notes import front_matter

    meta, note_date, body, lines, said = front_matter(text, "n.md")
    assert (value_of(meta, "title"), note_date, note_tags(meta), lines, said) == \
        (title, when and pd.Timestamp(when), tags, offset, warnings)
    assert body == "".join(text.splitlines(keepends=True)[offset:])


TOML_BROKEN = "title = Glue: ETL"  # 'Invalid value': the TOML does not parse
TOML_SALVAGED = {
    "an array": (f"{TOML_BROKEN}\ntags = [\"glue\", \"athena\"]", [GLUE, ATHENA]),
    "Obsidian's key": (f"tag = \"kinesis-data-streams\"\n{TOML_BROKEN}", [KDS]),
    "under a table": (f"{TOML_BROKEN}\n[params]\ntags = [\"glue\"]", []),  # not the note's tags
}


@pytest.mark.parametrize("front, services", TOML_SALVAGED.values(), ids=TOML_SALVAGED.keys())
def test_broken_toml_keeps_its_simple_tag_lines(tmp_path, front, services):
    """Before, broken TOML front matter kept its title and date lines and lost its tags."""
    assert _tag_services(tmp_path, front, ("+++", "+++")) == services
    assert "front matter is not valid TOML" in parse(tmp_path / "note.md")["note_sections"]["warning"].iloc[0]


@pytest.mark.parametrize("front, tags, lines", [
    (["---", "tags:", "  - kinesis-video-streams", "  - kinesis"], ["kinesis"], {"kinesis": 4}),  # a whole word
    (["---", "tags: [aws]", "aliases: [kinesis]", "tag: kinesis"], ["aws", "kinesis"], {"aws": 2, "kinesis": 4}),
    (["+++", "tags = [", '"kinesis",', "]"], ["kinesis"], {"kinesis": 3}),
    (["---", "title: x"], ["kinesis"], {}),
])
def test_a_tag_warning_points_at_the_tags_own_line(front, tags, lines):
    """Before, the first line holding the tag's text anywhere after the tag key: an alias or a longer tag."""
    from sources.tag_lines import tag_lines

    assert tag_lines(front, tags) == lines
