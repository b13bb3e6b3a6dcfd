"""Markdown notes adapter: sections, words, dates, prose text and broken front matter."""
import json
import os
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sources import markdown_notes
from sources.canonical import NOTE_SECTIONS
from sources.registry import parse_file
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def _sections(name):
    return _sections_of(INPUTS / name)



def test_blog_post_sections_levels_and_date():
    notes = _sections("kinesis-notes.md")
    assert list(notes.columns) == NOTE_SECTIONS + ["line", "tags"]
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


@pytest.mark.parametrize("text", ["Athena: serverless, SQL, per-TB pricing\n", "1. Glue, Athena, EMR\n2. Redshift\n",
                                  "Glue; Athena; EMR\n", "Q: Which service, Glue or EMR, for Spark?\n",
                                  "> Kinesis Data Streams: shards, retention, fan-out\n"])
def test_a_note_whose_first_line_has_commas_is_a_note(tmp_path, text):
    """Before (found by a probe of the notes): rejected as an unknown CSV format, its columns named."""
    path = tmp_path / "quick.md"
    path.write_text(text, encoding="utf-8")
    adapter, tables = parse_file(path)
    assert adapter is markdown_notes and tables["note_sections"]["heading"].tolist() == ["quick"]


def test_a_csv_export_saved_as_md_is_still_read_as_its_format(tmp_path):
    path = tmp_path / "export.md"
    path.write_text("question,correct,domain\n1,1,Domain 1\n", encoding="utf-8")
    assert parse_file(path)[0].FORMAT == "per_question_csv"


def test_indented_code_and_scripts_are_not_prose(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("# Glue\n\nRead this.\n\n    aws lambda invoke\n\n<script>var athena=1</script>\n",
                    encoding="utf-8")
    notes = parse_file(path)[1]["note_sections"]
    assert notes["text"].tolist() == ["Read this."]
    assert notes["words"].tolist() == [2]


# Front matter variants: (text, title read, note date, lines before the body, warnings).
NO_DATE = "the note is kept without a date"
UNCLOSED = ("n.md: front matter is not closed with --- (opened at line 1); its lines are read as note text, "
            "title and date are not read")
FRONT_MATTER = {
    "valid date": ("---\ntitle: Glue\ndate: 2026-02-03\n---\n# Glue\nx\n", "Glue", pd.Timestamp("2026-02-03"), 4, []),
    "keys capitalised": ("---\nTitle: Glue\nDate: 2026-02-03\n---\nx\n", "Glue", pd.Timestamp("2026-02-03"), 4, []),
    "PubDate capitalised, unreadable": ("---\nPubDate: someday\n---\nx\n", None, None, 3,
                                        ["n.md: front matter PubDate 'someday' at line 2 is not a date (Unknown "
                                         f"datetime string format, unable to parse); {NO_DATE}"]),
    "date with a zone": ("---\npubDate: 2026-02-03T23:30:00+01:00\n---\nx\n", None, pd.Timestamp("2026-02-03"), 3, []),
    "no such day": ("---\ndate: 2026-02-30\n---\n# Glue\nx\n", None, None, 3,
                    [f"n.md: front matter date '2026-02-30' at line 2 is not a date (day is out of range for month); "
                     f"{NO_DATE}"]),
    "no such month": ("---\ntitle: Glue\ncreated: 2026-13-01\n---\nx\n", "Glue", None, 4,
                      [f"n.md: front matter created '2026-13-01' at line 3 is not a date (month must be in 1..12); "
                       f"{NO_DATE}"]),
    "words": ("---\ntitle: Glue\ndate: someday\n---\nx\n", "Glue", None, 4,
              ["n.md: front matter date 'someday' at line 3 is not a date (Unknown datetime string format, unable "
               f"to parse); {NO_DATE}"]),
    "today": ("---\ntitle: Glue\ndate: today\n---\nx\n", "Glue", None, 4,
              ["n.md: front matter date 'today' at line 3 is not a date (a word or a time for the day the note is "
               f"read); {NO_DATE}"]),
    "now": ("---\ndate: now\n---\nx\n", None, None, 3,
            ["n.md: front matter date 'now' at line 2 is not a date (a word or a time for the day the note is "
             f"read); {NO_DATE}"]),
    "a time alone": ("---\ndate: '7:05 PM'\n---\nx\n", None, None, 3,
                     ["n.md: front matter date '7:05 PM' at line 2 is not a date (a word or a time for the day the "
                      f"note is read); {NO_DATE}"]),
    "a list": ("---\ndate: [1, 2]\n---\nx\n", None, None, 3,
               [f"n.md: front matter date '[1, 2]' at line 2 is not a date (a list, not one date); {NO_DATE}"]),
    "a list of a date": ("---\ndate: [2026-02-03]\n---\nx\n", None, None, 3,
                         ["n.md: front matter date '[2026-02-03]' at line 2 is not a date (a list, not one date); "
                          f"{NO_DATE}"]),
    "keys": ("---\ndate:\n  day: 2026-02-03\n---\nx\n", None, None, 4,
             ["n.md: front matter date '{day: 2026-02-03}' at line 2 is not a date (keys under it, not one date); "
              f"{NO_DATE}"]),
    "year 1": ("---\n\"date\": 0001-01-01\n---\nx\n", None, None, 3,
               [f"n.md: front matter date '0001-01-01' at line 2 is not a date (outside the years 1677 to 2262); "
                f"{NO_DATE}"]),
    "broken YAML, no such day": ("---\ntitle: Glue\ndate: 2026-02-30\ntags: [a\n---\nx\n", "Glue", None, 5,
                                 ["n.md: front matter is not valid YAML at line 4 (a [ opened on this line is not "
                                  "closed); only simple 'key: value' lines were read",
                                  f"n.md: front matter date '2026-02-30' at line 3 is not a date (day is out of range "
                                  f"for month); {NO_DATE}"]),
    "a quote left open": ("---\ntitle: \"Glue jobs\ndate: 2026-02-03\n---\nx\n", "Glue jobs",
                          pd.Timestamp("2026-02-03"), 4,
                          ["n.md: front matter is not valid YAML at line 2 (a quote opened on this line is not closed); "
                           "only simple 'key: value' lines were read"]),
    "a closed quote then text": ("---\ntitle: \"Glue\" jobs\n---\nx\n", '"Glue" jobs', None, 3,
                                 ["n.md: front matter is not valid YAML at line 2 (expected <block end>, but found "
                                  "'<scalar>'); only simple 'key: value' lines were read"]),
    "not closed": ("---\ntitle: Glue\ndate: 2026-02-03\n# Glue\nx\n", None, None, 0, [UNCLOSED]),
    "not closed, then a rule": ("---\ntitle: Glue\n# Glue\n***\n", None, None, 0, [UNCLOSED]),
}


@pytest.mark.parametrize("text, title, when, offset, warnings", FRONT_MATTER.values(), ids=FRONT_MATTER.keys())
def test_front_matter_variants(text, title, when, offset, warnings):
    """A date that cannot be read, or front matter left open, is a warning naming file and line."""
    from sources.frontmatter import value_of

    meta, note_date, body, lines, found = markdown_notes.front_matter(text, "n.md")
    assert (value_of(meta, "title"), note_date, lines, found) == (title, when, offset, warnings)
    assert body == ("".join(text.splitlines(keepends=True)[offset:]))


# Whole notes: (text, [(heading, level, line, words, text)], note date, warning or None).
NOTES = {
    "no such day": ("---\ndate: 2026-02-30\n---\n# Glue\nJob bookmarks.\n## Crawlers\nThey crawl.\n",
                    [("Glue", 1, 4, 2, "Job bookmarks."), ("Crawlers", 2, 6, 2, "They crawl.")], None,
                    FRONT_MATTER["no such day"][4][0]),
    "not closed": ("---\ntitle: Glue\ndate: 2026-02-03\n# Glue\nx\n",
                   [("n", 0, 1, 4, "title: Glue date: 2026-02-03"), ("Glue", 1, 4, 1, "x")], None, UNCLOSED),
    "empty": ("", [], None, None),
    "blank lines": (" \n\n\t\n", [], None, None),
    "only a BOM": ("\ufeff", [], None, None),
    "only front matter": ("---\ntitle: Glue\ndate: 2026-02-03\n---\n\n", [], None, None),
    "text before a heading": ("Intro.\n# Glue\nx\n", [("n", 0, 1, 1, "Intro."), ("Glue", 1, 2, 1, "x")], None, None),
    "a heading without text": ("# Glue\n", [("Glue", 1, 1, 0, "")], None, None),
}


@pytest.mark.parametrize("text, expected, when, warning", NOTES.values(), ids=NOTES.keys())
def test_notes_keep_their_sections(tmp_path, text, expected, when, warning):
    """Sections survive front matter problems; an empty note has no sections (formats.md)."""
    path = tmp_path / "n.md"
    path.write_text(text, encoding="utf-8")
    adapter, tables = parse_file(path)
    notes = tables["note_sections"]
    assert adapter is markdown_notes and list(notes.columns) == NOTE_SECTIONS + ["line", "tags"]
    assert list(zip(notes["heading"], notes["level"], notes["line"], notes["words"], notes["text"])) == expected
    assert notes["note_date"].tolist() == [pd.Timestamp(when) if when else pd.NaT] * len(expected)
    assert notes["warning"].tolist() == [warning] * len(expected)
    assert notes.attrs["warnings"] == ([warning] if warning else [])  # what `run` prints


def test_a_note_without_text_keeps_its_warning_for_inspect(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("---\ndate: 2026-02-30\n---\n", encoding="utf-8")
    notes = parse_file(path)[1]["note_sections"]
    assert notes.empty and notes.attrs["warnings"] == FRONT_MATTER["no such day"][4]


def test_a_run_loads_notes_with_bad_front_matter_and_empty_notes(tmp_path):
    """A real `examready run`: the impossible date, the broken YAML and the open front matter are loaded
    with their sections and warnings (the date: the file's modification day), and the run says each on
    stderr, as `inspect` lists them; the empty note is loaded, 0 rows."""
    ws = new_workspace(tmp_path / "ws")
    notes = ws.inbox / "notes"
    (notes / "bad-date.md").write_text(NOTES["no such day"][0], encoding="utf-8")
    (notes / "open.md").write_text(NOTES["not closed"][0], encoding="utf-8")
    (notes / "broken.md").write_text(FRONT_MATTER["broken YAML, no such day"][0], encoding="utf-8")
    (notes / "empty.md").write_text("", encoding="utf-8")
    modified = datetime(2026, 2, 10, 12, 0).timestamp()
    for path in notes.iterdir():
        os.utime(path, (modified, modified))
    proc = run_cli("run", "-w", str(ws.root), "--json")
    report = json.loads(proc.stdout)
    assert sorted((f["path"], f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]) == [
        ("notes/bad-date.md", "loaded", 2, 0), ("notes/broken.md", "loaded", 1, 0),
        ("notes/empty.md", "loaded", 0, 0), ("notes/open.md", "loaded", 2, 0)]
    said = [line for line in proc.stderr.splitlines() if line.startswith("examready: notes/")]
    expected = [("bad-date.md", w) for w in FRONT_MATTER["no such day"][4]] + \
        [("broken.md", w) for w in FRONT_MATTER["broken YAML, no such day"][4]] + [("open.md", UNCLOSED)]
    assert sorted(said) == sorted(f"examready: notes/{name}: {w.removeprefix('n.md: ')}" for name, w in expected)
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(note_path, '[^/]+$'), heading, words, note_date, warning "
                           "FROM raw.note_sections WHERE note_path NOT LIKE '%broken.md' ORDER BY note_path, line").fetchall()
    day = date(2026, 2, 10)
    assert rows == [("bad-date.md", "Glue", 2, day, NOTES["no such day"][3].replace("n.md", "bad-date.md")),
                    ("bad-date.md", "Crawlers", 2, day, NOTES["no such day"][3].replace("n.md", "bad-date.md")),
                    ("open.md", "open", 4, day, UNCLOSED.replace("n.md", "open.md")),
                    ("open.md", "Glue", 1, day, UNCLOSED.replace("n.md", "open.md"))]


@pytest.mark.parametrize("markdown, services", [
    ("| Use | Services |\n|---|---|\n| Streaming | Kinesis Data Streams<br>Amazon MSK |\n",
     {"Amazon Kinesis Data Streams", "Amazon Managed Streaming for Apache Kafka"}),
    ("Compare Athena<br/>Redshift.\n", {"Amazon Athena", "Amazon Redshift"}),
    ("<p>Amazon EMR</p><p>AWS Glue</p>\n", {"Amazon EMR", "AWS Glue"}),
    ("<ul><li>Amazon EMR</li><li>AWS Glue</li></ul>\n", {"Amazon EMR", "AWS Glue"}),
    ("Buffers to Amazon <b>EMR</b> and <em>AWS</em> Glue.\n", {"Amazon EMR", "AWS Glue"}),
])
def test_html_that_breaks_a_line_keeps_the_names_either_side_apart(tmp_path, markdown, services):
    from sources.blueprint import load_blueprint
    from sources.label_services import find_services

    path = tmp_path / "streaming.md"
    path.write_text("# Streaming options\n\n" + markdown, encoding="utf-8")
    text = _sections_of(path)["text"].iloc[0]
    assert set(find_services(text, load_blueprint("DEA-C01"))) == services, text


def _sections_of(path):
    adapter, tables = parse_file(path)
    assert adapter is markdown_notes
    return tables["note_sections"]


@pytest.mark.parametrize("markdown, services", [
    ("See https://docs.aws.amazon.com/glue/latest/dg/what-is-glue.html for details.\n", set()),
    ("See <https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-what-is-emr.html>\n", set()),
    ("- https://docs.aws.amazon.com/athena/\n- www.example.com/redshift\n", set()),
    ("[the docs](https://aws.amazon.com/emr/features/)\n", set()),
    ("Athena reads https://docs.aws.amazon.com/glue/ tables.\n", {"Amazon Athena"}),
    ("COPY from s3://bucket/raw/ into Redshift.\n", {"Amazon S3", "Amazon Redshift"}),  # an S3 URI is S3 used
])
def test_a_web_address_in_a_note_names_no_service(tmp_path, markdown, services):
    """Where to read is not what was studied: a bare address counts as little as a link's target does."""
    from sources.blueprint import load_blueprint
    from warehouse.mapping import map_note_sections

    path = tmp_path / "links.md"
    path.write_text("# Reading list\n\n" + markdown, encoding="utf-8")
    mapped = map_note_sections(_sections_of(path), load_blueprint("DEA-C01"))
    assert set(mapped["services"].iloc[0]) == services


@pytest.mark.parametrize("markdown, services", [
    ("![[kinesis-firehose-architecture.png]]\n", set()),  # before: Amazon Data Firehose, from a picture's name
    ("![[kinesis-firehose-architecture.png|300]]\n", set()),  # a width
    ("![[pipeline.png|Firehose into S3]]\n", {"Amazon Data Firehose", "Amazon S3"}),  # alt text, kept as ![alt](…)
    ("See [[redshift-vs-athena.pdf]].\n", set()),  # an attachment: a file's name (before: Redshift, Athena)
    ("See [[kinesis-notes|Kinesis Data Streams]].\n", {"Amazon Kinesis Data Streams"}),  # its alias is shown
    ("See [[glue-crawlers|my crawler notes]].\n", set()),
    ("[[AWS Glue]] crawlers fill the catalog.\n", {"AWS Glue"}),  # a note's name, shown as written
    ("[[Amazon S3#Lifecycle]] rules\n", {"Amazon S3"}),
    ("[[AWS Glue 4.0]] and [[Amazon EMR.md]]\n", {"AWS Glue", "Amazon EMR"}),  # notes, not attachments
    ("`![[amazon-emr.png]]` in code\n", {"Amazon EMR"}),  # inline code is kept as written
])
def test_obsidian_links_and_embeds_count_as_reading_view_shows_them(tmp_path, markdown, services):
    from sources.blueprint import load_blueprint
    from warehouse.mapping import map_note_sections

    path = tmp_path / "diagrams.md"
    path.write_text("# Diagrams\n\n" + markdown, encoding="utf-8")
    mapped = map_note_sections(_sections_of(path), load_blueprint("DEA-C01"))
    assert set(mapped["services"].iloc[0]) == services


@pytest.mark.parametrize("markdown, services", [
    ("- [ ] Learn Amazon EMR\n- [ ] Amazon Redshift Spectrum\n", set()),   # a plan: nothing studied yet
    ("- [x] AWS Glue crawlers\n- [X] Amazon Athena\n- [ ] Amazon EMR\n", {"AWS Glue", "Amazon Athena"}),
    ("1. [ ] Amazon EMR\n2. [x] AWS Glue\n", {"AWS Glue"}),
    ("* [ ] Amazon EMR\n  and its cousin AWS Glue\n", set()),             # the item's text, over its lines
    ("- [ ] Amazon EMR\n\n  EMR runs Spark on EC2.\n", {"Amazon EMR", "Amazon EC2"}),  # a paragraph under it is text
    ("- [ ] Amazon EMR\n  - EMR runs Spark\n", {"Amazon EMR"}),          # so is a list under it
    ("- [ ]Amazon EMR\n- [] AWS Glue\n", {"Amazon EMR", "AWS Glue"}),     # no task marks: text
    ("[ ] Amazon EMR outside a list\n", {"Amazon EMR"}),
])
def test_an_unchecked_to_do_names_no_service(tmp_path, markdown, services):
    """A task list's unticked item ('- [ ] Learn Amazon EMR') is what the learner plans to study, not study."""
    from sources.blueprint import load_blueprint
    from warehouse.mapping import map_note_sections

    path = tmp_path / "plan.md"
    path.write_text("# Study plan\n\n" + markdown, encoding="utf-8")
    mapped = map_note_sections(_sections_of(path), load_blueprint("DEA-C01"))
    assert set(mapped["services"].iloc[0]) == services
