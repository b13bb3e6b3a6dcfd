"""`examready inspect FOLDER`: a file whose reading raises an error not expected gets its own line; the others
are reported all the same, and the exit code is 1 (docs/cli.md)."""
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from examready.cmd_inspect import inspect_command
from examready.inspect import inspect_files
from examready.inspect_bug import bug_report
from sources.blueprint import load_blueprint
from tests.anki_fixtures import damaged_package
from warehouse.unexpected_error import BUG_HINT

ROOT = Path(__file__).parent.parent
TOGGL = Path(__file__).parent / "fixtures" / "inputs" / "toggl_detailed.csv"
DAMAGED = ("the Anki package is damaged (BadZipFile: Bad CRC-32 for file 'collection.anki21'): it changed or was cut "
           "short since Anki wrote it — export it from Anki again (File → Export) and put the new file in its place")


@pytest.fixture
def exports(tmp_path) -> Path:
    """A folder of two exports: a damaged Anki package and a Toggl export inspect reads as usual."""
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.move(damaged_package(tmp_path, "deck.apkg", "middle"), folder / "deck.apkg")
    shutil.copyfile(TOGGL, folder / "toggl.csv")
    return folder


def test_a_damaged_package_gets_its_line_and_the_other_file_its_report(exports):
    """The console script's own path (cli.main): before, a traceback and no report at all; until 7 Dec 2026 the
    damaged package was called a bug (tests/test_damaged_anki_package.py)."""
    done = subprocess.run([sys.executable, "-m", "examready", "inspect", str(exports), "--exam", "DEA-C01"],
                          capture_output=True, text=True, cwd=exports, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert f"  ! {exports / 'deck.apkg'}: {DAMAGED}" in lines and BUG_HINT not in done.stdout
    assert f"{exports / 'toggl.csv'}: toggl (hours), 7 study_sessions" in lines


def test_json_carries_the_failing_file_with_its_error(exports):
    result = CliRunner().invoke(inspect_command, [str(exports), "--exam", "DEA-C01", "--json"])
    assert result.exit_code == 1, result.output
    reports = {Path(r["path"]).name: r for r in json.loads(result.stdout)}
    assert reports["deck.apkg"]["error"] is None and reports["deck.apkg"]["format"] is None
    assert reports["deck.apkg"]["problems"] == [f"{exports / 'deck.apkg'}: {DAMAGED}"]
    assert reports["toggl.csv"]["error"] is None and reports["toggl.csv"]["rows"] == {"study_sessions": 7}


def _raise(exc):
    """A stand-in for a reader that raises `exc` whatever it is given."""
    def fails(*args, **kwargs):
        raise exc
    return fails


@pytest.mark.parametrize("where", ["sources.registry.parse_file", "examready.inspect.label_report"])
def test_an_error_anywhere_in_one_files_reading_is_that_files_report(tmp_path, monkeypatch, where):
    """Fault injection (the real failure is by definition unknown): reading, then mapping the labels, raises."""
    shutil.copyfile(TOGGL, tmp_path / "toggl.csv")
    monkeypatch.setattr(where, _raise(AttributeError("'NoneType' object has no attribute 'lower'")))
    result = CliRunner().invoke(inspect_command, [str(tmp_path / "toggl.csv"), "--exam", "DEA-C01"])
    assert result.exit_code == 1, result.output
    assert result.output == (f"{tmp_path / 'toggl.csv'}: could not be read (AttributeError: 'NoneType' object "
                             f"has no attribute 'lower') — {BUG_HINT}\n")


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt(), SystemExit(3), duckdb.InterruptException("INTERRUPT")])
def test_an_interrupt_is_not_a_files_report(tmp_path, monkeypatch, interrupt):
    """Guard: Ctrl-C (DuckDB's report of it too) and an exit stop the command, as before."""
    shutil.copyfile(TOGGL, tmp_path / "toggl.csv")
    monkeypatch.setattr("sources.registry.parse_file", _raise(interrupt))
    with pytest.raises(type(interrupt)):  # through inspect_files: Click makes a KeyboardInterrupt its Abort
        inspect_files([tmp_path], load_blueprint("DEA-C01"))


@pytest.mark.parametrize("exc, error", [
    (TypeError("unsupported operand"), "could not be read (TypeError: unsupported operand)"),
    (zipfile.BadZipFile("Bad CRC-32"), "could not be read (BadZipFile: Bad CRC-32)"),
    (RuntimeError(""), "could not be read (RuntimeError: )"),
])
def test_bug_report_names_the_exception(exc, error):
    report = bug_report(Path("exams/x.csv"), exc)
    assert report["error"] == error and report["problems"] == [f"{error} — {BUG_HINT}"]
    assert report["path"] == "exams/x.csv" and report["format"] is None and report["rows"] == {}
