"""What `examready run` makes of files that used to get a misleading message: blank ones, UTF-16 big-endian
without a BOM (now read), binary data. The files it cannot read stay rejected as before (nothing dropped)."""
from __future__ import annotations

import io
import json
import random
import zipfile

import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

ANSWERS = "Question,Domain,Correct\n{0}1,Domain 1,true\n{0}2,Domain 2,false\n{0}3,Domain 3,true\n"
NOISE = random.Random(14)
NO_NUL = bytes(NOISE.randrange(1, 256) for _ in range(3000))  # garbage without a NUL byte: no longer "columns"
WITH_NUL = bytes(NOISE.randrange(0, 256) for _ in range(3000))


def _zipped(compression: int) -> bytes:
    """A zip holding one per-question CSV: a mock export downloaded as an archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("results.csv", ANSWERS.format("z-"))
    return buffer.getvalue()


EMPTY = "the file is empty — export it again, or remove it from the inbox"
FILES = {
    "exams/blank-lines.csv": b"\n\n   \r\n\t\n",
    "exams/utf8-bom-only.csv": b"\xef\xbb\xbf\n \n",
    "hours/zero-bytes.csv": b"",
    "exams/utf16-le-no-bom.csv": ANSWERS.format("le-").encode("utf-16-le"),
    "exams/utf16-be-no-bom.csv": ANSWERS.format("be-").encode("utf-16-be"),
    "notes/blob": NO_NUL,
    "notes/noise.md": WITH_NUL,
    "exams/noise.csv": NO_NUL[::-1],
    "exams/stored.zip": _zipped(zipfile.ZIP_STORED),  # its CSV readable in its bytes, then NULs
    "hours/deflated.zip": _zipped(zipfile.ZIP_DEFLATED),
    "exams/td-results.docx": _zipped(zipfile.ZIP_DEFLATED),  # a Word file is a zip too: not an archive of exports
}


@pytest.fixture(scope="module")
def run_report(tmp_path_factory):
    """One run over a workspace holding every file of FILES: its files' reports by path."""
    ws = new_workspace(tmp_path_factory.mktemp("messages") / "ws")
    for name, data in FILES.items():
        (ws.inbox / name).write_bytes(data)
    proc = run_cli("run", "-w", str(ws.root), "--json", check=False)
    assert proc.returncode == 1, proc.stderr  # rejected files
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


@pytest.mark.parametrize("name", ["exams/blank-lines.csv", "exams/utf8-bom-only.csv", "hours/zero-bytes.csv"])
def test_a_file_of_blank_lines_is_empty_as_a_0_byte_one(run_report, name):
    got = run_report[name]
    assert got["status"] == "rejected" and got["rows_in"] == 0, got
    assert got["error"].endswith(f"{name.split('/')[-1]}: {EMPTY}"), got["error"]
    assert "unknown file format" not in got["error"]


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_without_a_bom_is_read_in_either_byte_order(run_report, order):
    """Big-endian as little-endian (docs/formats.md): each of its 3 rows loaded, not 'holds a NUL byte'."""
    got = run_report[f"exams/utf16-{order}-no-bom.csv"]
    assert (got["status"], got["rows_in"], got["rows_loaded"]) == ("loaded", 3, 3), got


@pytest.mark.parametrize("name", ["notes/blob", "notes/noise.md", "exams/noise.csv"])
def test_binary_data_does_not_look_like_a_text_export(run_report, name):
    """Random bytes: not garbage quoted as column names, nor a NUL byte in a text export."""
    got = run_report[name]
    assert got["status"] == "rejected" and got["rows_in"] == 0, got
    assert "unknown file format (it does not look like a text export: binary data, not a header row) — " \
           "the inbox reads text exports (CSV, Markdown) and Anki packages; known formats: " in got["error"], got["error"]
    assert "columns" not in got["error"] and "NUL" not in got["error"], got["error"]


@pytest.mark.parametrize("name", ["exams/stored.zip", "hours/deflated.zip"])
def test_an_archive_is_told_to_be_extracted(run_report, name):
    """Before: a zip of uncompressed members 'holds a NUL byte (binary data in a text export …) — export it again'."""
    got = run_report[name]
    assert got["status"] == "rejected" and got["rows_in"] == 0, got
    assert "a zip archive, not a text export — extract it and put the exports it holds in the inbox" in got["error"], \
        got["error"]
    assert "NUL" not in got["error"], got["error"]


def test_a_document_is_named_as_one_not_as_an_archive(run_report):
    got = run_report["exams/td-results.docx"]
    assert got["status"] == "rejected" and "a document (.docx), not a text export — the inbox reads text exports: " \
        "download or save the results as CSV" in got["error"], got["error"]


@pytest.mark.parametrize("text, encoding", [
    ("\u00c9l\u00e8ve\u00a0;\u00c9preuve\u00a0;R\u00e9ussite %\nAna\u00a0;TD 1\u00a0;80\n", "utf-8"),  # no-break spaces
    ("\u05ea\u05dc\u05de\u05d9\u05d3\u200f,\u05e6\u05d9\u05d5\u05df\u200f\n\u05d0,80\n", "utf-8"),  # right-to-left marks
    ("# Notes \U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f3f3\ufe0f\u200d\U0001f308\nKinesis shards\n", "utf-8"),  # joiners
    ("\u0423\u0447\u0435\u043d\u0438\u043a,\u0422\u0435\u0441\u0442,\u0411\u0430\u043b\u043b\n\u0410\u043d\u043d\u0430,1,80\n", "cp1251"),
    ("\u0395\u03be\u03ad\u03c4\u03b1\u03c3\u03b7,\u0392\u03b1\u03b8\u03bc\u03cc\u03c2\n\u0391,80\n", "cp1253"),
    ("\u5b66\u751f,\u8a66\u9a13,\u70b9\u6570\n\u82b1\u5b50,1,80\n", "shift_jis"),
])
def test_real_text_in_any_script_is_not_called_binary(text, encoding):
    """The cross review's false positives of looks_binary: text of other scripts and encodings (s14)."""
    from sources.format_hints import looks_binary

    assert not looks_binary((text * 20).encode(encoding))


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_are_binary(seed):
    from sources.format_hints import looks_binary

    noise = random.Random(seed)
    assert looks_binary(bytes(noise.randrange(0, 256) for _ in range(4096)))
