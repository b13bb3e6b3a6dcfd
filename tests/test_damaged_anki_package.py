"""A damaged Anki package (a byte changed on a bad copy or download, or the file cut short) is a damaged file, not a
bug: `inspect` and `run` say so in one wording and ask for a new export, and `run` keeps the file's rejection as for
other bad input. Before 7 Dec 2026 a byte changed was 'could not be read … (a bug): please report it' in inspect and
'… please report this with the file' in run, and a package cut short 'a zip archive, not a text export — extract
it'."""
from __future__ import annotations

import json
import re

import pytest

from tests.anki_fixtures import damaged_package
from tests.conftest import run_cli

SAID = (r"the Anki package is damaged \((BadZipFile|error): .+\): it changed or was cut short since Anki wrote it — "
        r"export it from Anki again \(File → Export\) and put the new file in its place")
CASES = [  # name, damage, legacy (collection.anki21; else zstd collection.anki21b), the exception named
    ("deck.apkg", "middle", True, "BadZipFile: Bad CRC-32 for file 'collection.anki21'"),
    ("deck.apkg", "start", True, "error: Error -3 while decompressing data"),  # zlib's: inflating fails
    ("deck.apkg", "truncated", True, "BadZipFile: File is not a zip file"),
    ("deck.apkg", "middle", False, "BadZipFile: Bad CRC-32 for file 'collection.anki21b'"),
    ("backup.colpkg", "middle", True, "BadZipFile: Bad CRC-32 for file 'collection.anki21'"),
    ("backup.colpkg", "truncated", False, "BadZipFile: File is not a zip file"),
]


@pytest.mark.parametrize("name, damage, legacy, named", CASES)
def test_inspect_and_run_say_the_package_is_damaged(tmp_path, name, damage, legacy, named):
    ws = tmp_path / "ws"
    run_cli("init", str(ws), "--exam", "DEA-C01")
    path = damaged_package(tmp_path, name, damage, legacy)
    path.rename(ws / "inbox" / "exams" / name)
    inspected = run_cli("inspect", "-w", str(ws), str(ws / "inbox" / "exams" / name), "--json", check=False)
    assert inspected.returncode == 1, inspected.stderr
    (report,) = json.loads(inspected.stdout)
    assert report["error"] is None and report["format"] is None and report["rows"] == {}
    (problem,) = report["problems"]
    assert re.fullmatch(f"{re.escape(str(ws / 'inbox' / 'exams' / name))}: {SAID}", problem) and named in problem
    run = run_cli("run", "-w", str(ws), check=False)
    assert run.returncode == 1, run.stderr  # a file rejected, as for any bad input
    assert f"rejected  exams/{name} (format unknown): 0 loaded, 0 quarantined — exams/{name}: " in run.stdout
    kept = json.loads(run_cli("quarantine", "-w", str(ws), "--json").stdout)["rejected"]
    assert kept == [{"path": f"exams/{name}", "error": f"exams/{name}: {problem.split(': ', 1)[1]}",
                     "still_counts": False}]


def test_a_sound_package_still_loads(tmp_path):
    """Guard: the package left whole is read as before."""
    path = damaged_package(tmp_path, "deck.apkg", "middle")
    whole = tmp_path / "exported-deck.apkg"
    assert path.read_bytes() != whole.read_bytes()
    text = run_cli("inspect", str(whole), "--exam", "DEA-C01").stdout
    assert text.startswith(f"{whole}: anki (exams), 10 answers"), text
