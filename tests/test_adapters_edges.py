"""Input edge cases from review: trailing delimiters, the header's line, front matter values and
dates, a vault's attachments in `inspect`, UTF-16 notes, Obsidian comments and HTML in headings."""
import codecs
from pathlib import Path

import pandas as pd
import pytest

from examready.inspect import expand, inspect_files
from sources import markdown_notes, moodle, moodle_question_map, plain_hours
from sources.blueprint import load_blueprint
from sources.canonical import FormatError
from sources.csv_layout import sniff_delimiter
from sources.registry import detect, parse_file
from warehouse.inbox import inbox_files
from warehouse.mapping import map_note_sections


# 1. A delimiter at the end of every line: blank names at the header's end are no problem.
TRAILING_HOURS = {
    "comma": ("date,minutes,topic,\n2026-02-15,45,Redshift,\n", 45.0),
    "semicolon, hours": ("date;hours;topic;\n2026-02-15;1;Redshift;\n", 60.0),
    "two delimiters": ("date,minutes,topic,,\n2026-02-15,45,Redshift,,\n", 45.0),
    "with project": ("date,minutes,topic,project,\n2026-02-15,45,Redshift,DEA,\n", 45.0),
    "tab": ("date\tminutes\ttopic\t\n2026-02-15\t45\tRedshift\t\n", 45.0),
    "six columns and one more": ("date,minutes,topic,project,tags,hours,\n2026-02-15,45,Redshift,DEA,aws,,\n", 45.0),
}


@pytest.mark.parametrize("text, minutes", TRAILING_HOURS.values(), ids=TRAILING_HOURS.keys())
def test_plain_hours_with_a_trailing_delimiter(tmp_path, text, minutes):
    path = tmp_path / "b.csv"
    path.write_text(text)
    adapter, tables = parse_file(path)
    assert adapter is plain_hours
    sessions = tables["study_sessions"]
    assert sessions["minutes"].tolist() == [minutes]
    assert sessions["description"].tolist() == ["Redshift"]
    assert sessions["started_at"].tolist() == [pd.Timestamp("2026-02-15")]
    assert sessions["cells"].isna().all()  # not a ragged row


TRAILING_MAPS = {
    "comma": "question,domain,\n1,Data Store Management,\n2,Data Operations and Support,\n",
    "semicolon": "question;domain;\n1;Data Store Management;\n2;Data Operations and Support;\n",
    "with task, two delimiters": "question,domain,task,,\n1,Data Store Management,2.1,,\n"
                                 "2,Data Operations and Support,3.1,,\n",
    "Q. 1": "Question,Domain,\nQ. 1,Data Store Management,\nQ. 2,Data Operations and Support,\n",
}
MOODLE_EXPORT = ('Surname,"First name","Email address",State,"Started on",Completed,"Time taken",Grade/2.00,'
                 '"Q. 1 /1.00","Q. 2 /1.00"\n'
                 'Doe,Alex,alex@example.com,Finished,"9 February 2026  9:05 PM","9 February 2026  9:31 PM",'
                 '"26 mins",1.00,1.00,0.00\n')


@pytest.mark.parametrize("text", TRAILING_MAPS.values(), ids=TRAILING_MAPS.keys())
def test_moodle_question_map_with_a_trailing_delimiter(tmp_path, text):
    (tmp_path / "week1.csv").write_text(MOODLE_EXPORT)
    (tmp_path / "week1-map.csv").write_text(text)
    adapter, tables = parse_file(tmp_path / "week1-map.csv")
    assert adapter is moodle_question_map and tables == {}
    assert moodle_question_map.find_map(tmp_path / "week1.csv") == tmp_path / "week1-map.csv"
    adapter, tables = parse_file(tmp_path / "week1.csv")
    assert adapter is moodle
    answers = tables["answers"]
    assert answers["domain_label"].tolist() == ["Data Store Management", "Data Operations and Support"]


INPUTS = Path(__file__).parent / "fixtures" / "inputs"
CSV_FIXTURES = sorted(p.name for p in INPUTS.glob("*.csv"))


@pytest.mark.parametrize("name", CSV_FIXTURES)
def test_every_csv_format_takes_a_trailing_delimiter(tmp_path, name):
    """Every CSV fixture with a delimiter ending each line is read as its format, with the same rows."""
    data = (INPUTS / name).read_bytes()
    text = data.decode("utf-8-sig")
    delimiter = sniff_delimiter(text.splitlines()[0])
    folder = tmp_path / "trailing"
    folder.mkdir()
    for other in INPUTS.glob("moodle_grades*.csv"):  # a Moodle export reads its map
        (folder / other.name).write_bytes(other.read_bytes())
    (folder / name).write_text("".join(line.rstrip("\r\n") + delimiter + "\n" if line.strip() else line
                                       for line in text.splitlines(keepends=True)), encoding="utf-8")
    expected_adapter, expected = parse_file(INPUTS / name)
    adapter, tables = parse_file(folder / name)
    assert adapter is expected_adapter
    for table, frame in expected.items():
        columns = [c for c in frame.columns if c not in ("cells", "extra_cells")]
        pd.testing.assert_frame_equal(tables[table][columns], frame[columns])
        assert "cells" not in frame or tables[table]["cells"].isna().all()


DOS_ENDS = {"after the last line": b"\x1a", "two, after a CRLF": b"\r\n\x1a\x1a", "then a line break": b"\x1a\r\n"}


@pytest.mark.parametrize("end", DOS_ENDS.values(), ids=DOS_ENDS.keys())
@pytest.mark.parametrize("name", sorted(p.name for p in INPUTS.iterdir()))
def test_a_dos_end_of_file_mark_ends_the_file(tmp_path, name, end):
    """A Ctrl-Z (0x1A) at the end, as DOS tools end a file, is no line: every format reads the file as without it.
    It was held back as a row of its own ('exams/x.csv:13 … the row has 1 of 9 cells (cut short, …)')."""
    for other in INPUTS.glob("moodle_grades*.csv"):  # a Moodle export reads its map
        (tmp_path / other.name).write_bytes(other.read_bytes())
    (tmp_path / name).write_bytes((INPUTS / name).read_bytes().rstrip(b"\r\n") + end)
    expected_adapter, expected = parse_file(INPUTS / name)
    adapter, tables = parse_file(tmp_path / name)
    assert adapter is expected_adapter
    for table, frame in expected.items():
        columns = [c for c in frame.columns if c != "note_path"]
        pd.testing.assert_frame_equal(tables[table][columns], frame[columns])


def test_a_file_of_a_dos_end_of_file_mark_alone_is_empty(tmp_path):
    (tmp_path / "x.csv").write_bytes(b"\x1a")
    with pytest.raises(FormatError, match="the file is empty"):
        parse_file(tmp_path / "x.csv")


OWN_COLUMNS = {
    "a column of the learner's own": ("date,minutes,topic,mood\n2026-02-15,45,Redshift,ok\n", "column 'mood' is not read"),
    "a blank name between": ("date,,minutes\n2026-02-15,x,45\n", "column 2 (no name) is not read"),
    "a second topic": ("date,minutes,topic,notes\n2026-02-15,45,Redshift,ch. 4\n", "column 'notes' is not read"),
    "two of them": ("date,minutes,topic,resource,link\n2026-02-15,45,Redshift,book,x\n",
                    "column 'resource', column 'link' are not read"),
}


@pytest.mark.parametrize("text, named", OWN_COLUMNS.values(), ids=OWN_COLUMNS.keys())
def test_a_log_with_columns_of_the_learners_own_is_read_and_says_which_are_not(tmp_path, text, named):
    """Only blank names at the end are no columns; any other column no setting reads is named by a warning."""
    path = tmp_path / "x.csv"
    path.write_text(text)
    adapter, tables = parse_file(path)
    sessions = tables["study_sessions"]
    assert adapter is plain_hours and sessions["minutes"].tolist() == [45.0]
    assert [w for w in sessions.attrs["warnings"] if named in w and "rename a column" in w]


@pytest.mark.parametrize("header, project, tags", [
    ("date,minutes,domain,topic", "D2", None), ("date,minutes,service", None, "D2"),
    ("Date,Hours,Course,Services", "D2", "D2"),
])
def test_a_logs_domain_and_service_columns_are_read_as_project_and_tags(tmp_path, header, project, tags):
    path = tmp_path / "log.csv"
    cells = {"date": "2026-02-15", "minutes": "45", "hours": "0.75"}
    path.write_text(header + "\n" + ",".join(cells.get(n.lower(), "D2") for n in header.split(",")) + "\n")
    adapter, tables = parse_file(path)
    sessions = tables["study_sessions"]
    assert adapter is plain_hours and sessions["minutes"].tolist() == [45.0]
    assert sessions[["project", "tags"]].values.tolist() == [[project, tags]] and not sessions.attrs["warnings"]


@pytest.mark.parametrize("header", [
    "date,minutes,a,b,c", "date,minutes,topic,a,b,c,d,e,f",  # more of the learner's own than of a log's; too many
    "date,topic", "minutes,topic",
])
def test_a_header_mostly_of_other_columns_is_not_a_log(tmp_path, header):
    path = tmp_path / "x.csv"
    path.write_text(header + "\n" + ",".join("1" for _ in header.split(",")) + "\n")
    assert not plain_hours.detect(path, path.read_bytes())


HEADER_LINE = {
    "sep line": ("sep=,\nIBAN,Amount\nDE1,12\n", 2),
    "sep line and blank lines": ("\nsep=;\n\nIBAN;Amount\nDE1;12\n", 4),
    "blank lines": ("\n\nIBAN,Amount\nDE1,12\n", 3),
    "CRLF sep line": ("sep=,\r\nIBAN,Amount\r\nDE1,12\r\n", 2),
    "first line": ("IBAN,Amount\nDE1,12\n", 1),
}


@pytest.mark.parametrize("text, line", HEADER_LINE.values(), ids=HEADER_LINE.keys())
def test_unknown_format_names_the_header_line(tmp_path, text, line):
    path = tmp_path / "bank.csv"
    path.write_bytes(text.encode())
    with pytest.raises(FormatError) as err:
        parse_file(path)
    assert err.value.line == line and f"bank.csv:{line}: unknown file format" in str(err.value)


# 2. Broken front matter: simple title/date lines are read, the value is the text after the first ': '.
SALVAGED = {
    "colon in the title": ("title: Athena: partitions\ndate: 2026-02-10\n", "Athena: partitions", "2026-02-10"),
    "two colons": ("title: S3: storage classes: IA\ndate: 2026-02-10\n", "S3: storage classes: IA", "2026-02-10"),
    "title after a broken line": ("date: 2026-02-10\ntags: [a\ntitle: Glue: ETL\n", "Glue: ETL", "2026-02-10"),
    "quoted value": ("title: 'Kinesis'\ncreated: 2026-02-11\ntags: [a\n", "Kinesis", "2026-02-11"),
    "time in the date": ("title: EMR: Spark\ndate: 2026-02-10 21:05\n", "EMR: Spark", "2026-02-10"),
}


@pytest.mark.parametrize("front, title, day", SALVAGED.values(), ids=SALVAGED.keys())
def test_broken_front_matter_keeps_title_and_date(tmp_path, front, title, day):
    path = tmp_path / "n.md"
    path.write_text(f"---\n{front}---\n# Athena\nAmazon Athena.\n")
    notes = parse_file(path)[1]["note_sections"]
    assert notes["title"].tolist() == [title]
    assert notes["note_date"].tolist() == [pd.Timestamp(day)]
    assert "front matter is not valid YAML" in notes["warning"].iloc[0]


# 3. Numeric note dates follow the CSV rule: day-first unless a part says otherwise; ambiguity is a warning.
AMBIGUOUS = ("n.md: front matter date '{}' at line 2 is ambiguous: read as {}, {}; "
             "write the date as YYYY-MM-DD to be sure")
DAY_FIRST = "day-first (DD/MM/YYYY)"
NOTE_DATES = {
    "ambiguous slashes": ("02/03/2026", "2026-03-02", AMBIGUOUS.format("02/03/2026", DAY_FIRST, "2026-03-02")),
    "ambiguous dots": ("02.03.2026", "2026-03-02", AMBIGUOUS.format("02.03.2026", DAY_FIRST, "2026-03-02")),
    "ambiguous dashes": ("02-03-2026", "2026-03-02", AMBIGUOUS.format("02-03-2026", DAY_FIRST, "2026-03-02")),
    "ambiguous, short year": ("02/03/26", "2026-03-02", AMBIGUOUS.format("02/03/26", DAY_FIRST, "2026-03-02")),
    "ambiguous, 12-hour clock": ("02/03/2026 9:05 PM", "2026-02-03", AMBIGUOUS.format(
        "02/03/2026 9:05 PM", "month-first (MM/DD/YYYY), as its 12-hour clock suggests a US locale", "2026-02-03")),
    "day above 12": ("13/02/2026", "2026-02-13", None),
    "month-first by its day": ("02/13/2026", "2026-02-13", None),
    "ISO": ("2026-02-03", "2026-02-03", None),
    "words": ("3 February 2026", "2026-02-03", None),
}


@pytest.mark.parametrize("value, day, warning", NOTE_DATES.values(), ids=NOTE_DATES.keys())
def test_note_dates_follow_the_csv_day_month_rule(value, day, warning):
    _, when, _, _, warnings = markdown_notes.front_matter(f"---\ndate: {value}\n---\n# X\nx\n", "n.md")
    assert (when, warnings) == (pd.Timestamp(day), [warning] if warning else [])


def test_an_impossible_numeric_date_is_still_not_a_date():
    _, when, _, _, warnings = markdown_notes.front_matter("---\ndate: 31/02/2026\n---\nx\n", "n.md")
    assert when is None and warnings[0].startswith("n.md: front matter date '31/02/2026' at line 2 is not a date")


# 4. `inspect` on a folder lists the files `run` reads: a vault's attachments are not "unknown file format".
VAULT = ["Kinesis.md", "Attachments/diagram.png", "Attachments/scan.PDF", "board.canvas", "clip.mp4",
         ".obsidian/app.json", "_templates/daily.md", "~$draft.md", "Glue.md.tmp", "sub/Glue.md",
         "Glue.md~", "#Glue.md#", "Glue.md.bak", "Glue.md.orig", "Attachments/old.doc", "Attachments/sheet.xls",
         "clip.html", "export.zip", "board.drawio", "logseq/config.edn", "logseq/custom.css", "logseq/bak/pages/Glue.md",
         "about/logseq/tips.md"]  # the last: a folder named logseq without config.edn holds notes
READ = ["Kinesis.md", "about/logseq/tips.md", "sub/Glue.md"]  # of VAULT, what a run reads, under `where`
VAULT_FOLDERS = {  # (where the vault is, the folder given to inspect)
    "a vault anywhere": ("AWS-vault", "AWS-vault"),
    "the notes folder": ("W/inbox/notes", "W/inbox/notes"),
    "a vault in the notes folder": ("W/inbox/notes/vault", "W/inbox/notes/vault"),
    "the inbox": ("W/inbox/notes", "W/inbox"),
    "a folder holding a notes folder": ("t/notes", "t"),
    "a vault in a folder named notes": ("Documents/notes/vault", "Documents/notes/vault"),
}


@pytest.mark.parametrize("where, given", VAULT_FOLDERS.values(), ids=VAULT_FOLDERS.keys())
def test_inspect_skips_what_run_skips(tmp_path, where, given):
    listed = [f"{where}/{name}" for name in READ]
    for name in VAULT:
        (tmp_path / where / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / where / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.endswith(".png") else b"# Note\ntext\n")
    assert [p.relative_to(tmp_path).as_posix() for p in expand([tmp_path / given])] == listed
    if where.startswith("W/inbox"):  # the same files as the run's
        assert expand([tmp_path / given]) == [p for p, _ in inbox_files(tmp_path / "W/inbox")
                                             if p.is_relative_to(tmp_path / given)]
    reports = inspect_files([tmp_path / given], load_blueprint("DEA-C01"))
    assert all(r["format"] == "markdown_notes" for r in reports)


def test_inspect_still_reports_an_image_in_the_exams_folder(tmp_path):
    """Run reads every file of inbox/exams (an image there is 'unknown file format'): so does inspect."""
    exams = tmp_path / "W" / "inbox" / "exams"
    exams.mkdir(parents=True)
    (exams / "shot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (exams / "td.csv").write_text("Question,Domain,Correct\n1,Data Store Management,yes\n")
    for given in (exams, exams.parent):
        reports = inspect_files([given], load_blueprint("DEA-C01"))
        assert [(Path(r["path"]).name, r["format"]) for r in reports] == [("shot.png", None),
                                                                          ("td.csv", "per_question_csv")]


# 5. A note saved as UTF-16 (Notepad's "Unicode") is a note.
NOTE = "---\ntitle: S3 Lifecycle\n---\n# Amazon S3 Lifecycle\r\nS3 Glacier Deep Archive transitions.\r\n"
ENCODINGS = {
    "UTF-16 LE with BOM": codecs.BOM_UTF16_LE + NOTE.encode("utf-16-le"),
    "UTF-16 BE with BOM": codecs.BOM_UTF16_BE + NOTE.encode("utf-16-be"),
    "UTF-16 LE without BOM": NOTE.encode("utf-16-le"),
    "UTF-16, heading first": codecs.BOM_UTF16_LE + NOTE.split("---\n")[-1].encode("utf-16-le"),
    "UTF-16, plain text .md": codecs.BOM_UTF16_LE + "Amazon S3 Glacier notes, written plainly\r\n".encode("utf-16-le"),
}


@pytest.mark.parametrize("data", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_utf16_note_is_read(tmp_path, data):
    path = tmp_path / "notepad.md"
    path.write_bytes(data)
    adapter, tables = parse_file(path)
    assert adapter is markdown_notes
    text = " ".join(tables["note_sections"]["text"])
    assert "S3 Glacier" in text and "\x00" not in text


def test_binary_files_are_still_not_notes(tmp_path):
    path = tmp_path / "diagram.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert detect(path) is None


# 6. Obsidian %% comments %% are hidden in reading view: not text, not mentions. HTML in headings as in the body.
COMMENTS = {
    "inline": ("# X\nAmazon S3 %%hidden comment Amazon EMR%%\n", [("X", 1, "Amazon S3")]),
    "two inline": ("# X\nAmazon S3 %%Amazon EMR%% and %%AWS Glue%% Athena\n", [("X", 1, "Amazon S3 and Athena")]),
    "multi-line": ("# X\nAmazon S3\n%%\nAmazon EMR notes\n\nAWS Glue\n%%\nAmazon Athena\n",
                   [("X", 1, "Amazon S3 Amazon Athena")]),
    "hiding a heading": ("# X\nAmazon S3\n%%\n# Amazon EMR\nx\n%%\n## Y\nAmazon Athena\n",
                         [("X", 1, "Amazon S3"), ("Y", 7, "Amazon Athena")]),
    "mid-line over lines": ("# X\nAmazon S3 %%Amazon EMR\nAWS Glue%% Amazon Athena\n",
                            [("X", 1, "Amazon S3 Amazon Athena")]),
    "in a heading": ("# X %%Amazon EMR%%\nAmazon S3\n", [("X", 1, "Amazon S3")]),
    "inline code keeps %%": ("# X\nUse `a %% b` and `c %% d` %%Amazon EMR%%\n", [("X", 1, "Use a %% b and c %% d")]),
    "code span between the marks": ("# X\nAmazon S3%% Amazon EMR `%%` AWS Glue %% Amazon Athena\n",
                                    [("X", 1, "Amazon S3 Amazon Athena")]),
    "never closed": ("# X\nAmazon S3 %%Amazon EMR\n", [("X", 1, "Amazon S3 %%Amazon EMR")]),
    "CRLF": ("# X\r\nAmazon S3 %%Amazon EMR\r\nAWS Glue%%\r\n## Y\r\nAmazon Athena\r\n",
             [("X", 1, "Amazon S3"), ("Y", 4, "Amazon Athena")]),
    "mermaid code": ("# X\n```mermaid\n%% a mermaid comment\n```\nAmazon S3 %%Amazon EMR%% Amazon Athena\n",
                     [("X", 1, "Amazon S3 Amazon Athena")]),
}


@pytest.mark.parametrize("text, sections", COMMENTS.values(), ids=COMMENTS.keys())
def test_obsidian_comments_are_not_text_or_mentions(tmp_path, text, sections):
    path = tmp_path / "n.md"
    path.write_text(text)
    notes = parse_file(path)[1]["note_sections"]
    assert list(zip(notes["heading"], notes["line"], notes["text"])) == sections
    services = map_note_sections(notes, load_blueprint("DEA-C01"))["services"]
    hidden = {name for name in ("Amazon EMR", "AWS Glue") if not any(name in prose for _, _, prose in sections)}
    assert not any(hidden & set(found) for found in services)


HTML = {
    "script in a heading": ("# <script>alert(1)</script>Security\nx\n", "Security", "x"),
    "style in a heading": ("# <style>h1 {color: red}</style>KMS\nx\n", "KMS", "x"),
    "tags in a heading": ("# <b>Amazon</b> Macie\nx\n", "Amazon Macie", "x"),
    "script in a paragraph": ("# H\nText <script>alert(2)</script> more <b>bold</b>\n", "H", "Text more bold"),
    "script block": ("# H\nText\n\n<script>alert(3)</script>\n", "H", "Text"),
}


@pytest.mark.parametrize("text, heading, prose", HTML.values(), ids=HTML.keys())
def test_html_in_headings_is_read_as_in_the_body(tmp_path, text, heading, prose):
    path = tmp_path / "n.md"
    path.write_text(text)
    notes = parse_file(path)[1]["note_sections"]
    assert (notes["heading"].tolist(), notes["text"].tolist()) == ([heading], [prose])


# 7. Anki: formats.md says what the code does — each review is an answer, `note-<id>/review-<id>`.
DOCS = Path(__file__).parents[1] / "docs" / "formats.md"
ANKI_CLAIMS = {
    "question id": "`question_id` =\n  `note-<note id>/review-<review id>`",
    "reviews of one note": "share `attempt_id` and the\n  `note-<note id>` part of `question_id`, and each counts",
}


@pytest.mark.parametrize("claim", ANKI_CLAIMS.values(), ids=ANKI_CLAIMS.keys())
def test_formats_md_describes_anki_question_ids_as_made(tmp_path, claim):
    import sqlite3

    from tests.anki_fixtures import build_collection

    assert claim in DOCS.read_text(encoding="utf-8")
    path = build_collection(tmp_path)
    answers = parse_file(path)[1]["answers"]
    with sqlite3.connect(path) as con:
        reviews = con.execute("SELECT c.nid, r.id FROM revlog r JOIN cards c ON c.id = r.cid "
                              "WHERE r.ease BETWEEN 1 AND 4 ORDER BY r.id").fetchall()
    assert answers["question_id"].tolist() == [f"note-{note}/review-{review}" for note, review in reviews]
    repeated = answers.groupby(answers["question_id"].str.split("/").str[0])["attempt_id"].size()
    assert answers["question_id"].is_unique and (repeated > 1).any()  # a note reviewed again: its own answer


def test_a_file_another_format_claims_is_not_taken_for_a_log(tmp_path):
    """Questions with a date and a minutes column: plain_hours could read its header too, and yields."""
    from sources import per_question_csv
    from sources.registry import detect

    path = tmp_path / "q.csv"
    path.write_text("date,minutes,question,domain,correct\n2026-02-15,2,q1,D1,true\n")
    assert plain_hours.detect(path, path.read_bytes())
    assert detect(path) is per_question_csv
