"""What `examready run` says of a file it cannot read: blank, UTF-16 without a BOM, binary data. Each stays
rejected as before (nothing dropped); only its message is checked here."""
from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

EMPTY = "the file is empty — export it again, or remove it from the inbox"
FILES = {
    "exams/blank-lines.csv": b"\n\n   \r\n\t\n",
    "exams/utf8-bom-only.csv": b"\xef\xbb\xbf\n \n",
    "hours/zero-bytes.csv": b"",
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
