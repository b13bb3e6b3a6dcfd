"""A file whose reading raises an error examready does not expect (a bug) is named in the same words by `inspect` and
by `run`'s rejection (warehouse/unexpected_error.py). Before 7 Dec 2026 inspect said "could not be read: TYPE: msg —
an error examready does not expect (a bug): please report it with the file" and run "could not be read (TYPE: msg)
— please report this with the file", the message's secrets unmasked."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examready.inspect import inspect_files
from sources.blueprint import load_blueprint
from tests.helpers_workspace import ingest, new_workspace

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
BUG = "an error examready does not expect (a bug): please report it with the file"


def _raise(exc):
    """A stand-in for a reader that raises `exc` whatever it is given."""
    def fails(*args, **kwargs):
        raise exc
    return fails


@pytest.mark.parametrize("fixture, kind, where, exc, said", [
    ("toggl_detailed.csv", "hours", "sources.registry.parse_file", TypeError("unsupported operand"),
     f"could not be read (TypeError: unsupported operand) — {BUG}"),
    ("kinesis-notes.md", "notes", "sources.markdown_notes.parse", AttributeError("'NoneType' has no 'lower'"),
     f"could not be read (AttributeError: 'NoneType' has no 'lower') — {BUG}"),
    ("toggl_detailed.csv", "hours", "sources.registry.parse_file", RuntimeError("key AKIAIOSFODNN7EXAMPLE"),
     f"could not be read (RuntimeError: key [masked: AWS access key id]) — {BUG}"),  # masked in run too
])
def test_inspect_and_run_name_an_unexpected_error_alike(tmp_path, monkeypatch, fixture, kind, where, exc, said):
    ws = new_workspace(tmp_path / "ws")
    path = ws.inbox / kind / fixture
    shutil.copyfile(INPUTS / fixture, path)
    monkeypatch.setattr(where, _raise(exc))
    (report,) = inspect_files([path], load_blueprint("DEA-C01"))
    assert report["problems"] == [said]
    (rejected,) = [r for r in ingest(ws) if r.path == f"{kind}/{fixture}"]
    assert (rejected.status, rejected.error) == ("rejected", f"{kind}/{fixture}: {said}")
