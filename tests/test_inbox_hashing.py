"""Inbox fingerprints started in the background (while the CLI imports Dagster) are the same ones."""
from __future__ import annotations

import pytest

from warehouse import inbox as inbox_module
from warehouse.inbox import file_identity, file_sha256, hash_in_background, scan_inbox


@pytest.fixture
def inbox(tmp_path):
    root = tmp_path / "inbox"
    for relative, text in {"exams/a.csv": "question,correct\n1,true\n", "exams/b.csv": "question,correct\n2,false\n",
                           "hours/toggl.csv": "Description,Duration\nGlue,00:30:00\n",
                           "notes/glue.md": "# Glue\n", "notes/.obsidian/app.json": "{}"}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root


def _wait_for_background_hashes() -> None:
    for _, digest in list(inbox_module._STARTED.values()):
        digest.result()


def test_background_digests_are_used_unless_the_file_changed_since(inbox, monkeypatch):
    hash_in_background(inbox)
    _wait_for_background_hashes()
    changed = inbox / "exams" / "b.csv"
    changed.write_text("question,correct\n2,false\n3,true\n")  # another size: hashed again
    hashed_now = []
    monkeypatch.setattr(inbox_module, "file_sha256", lambda path: hashed_now.append(path.name) or file_sha256(path))
    files = scan_inbox(inbox)
    assert hashed_now == ["b.csv"]
    assert [f.relative for f in files] == ["notes/glue.md", "exams/a.csv", "exams/b.csv", "hours/toggl.csv"]
    assert all(f.sha256 == file_identity(f.path) for f in files)  # a note's with its name
    assert not inbox_module._STARTED  # each digest is used once


def test_a_file_removed_after_background_hashing_is_not_scanned(inbox):
    hash_in_background(inbox)
    (inbox / "exams" / "a.csv").unlink()
    files = scan_inbox(inbox)
    assert [f.relative for f in files] == ["notes/glue.md", "exams/b.csv", "hours/toggl.csv"]
    assert all(f.sha256 == file_identity(f.path) for f in files)  # a note's with its name
    assert not inbox_module._STARTED  # nor is the removed file's digest kept


def test_scan_without_background_hashing_hashes_every_file(inbox, monkeypatch):
    hashed_now = []
    monkeypatch.setattr(inbox_module, "file_sha256", lambda path: hashed_now.append(path.name) or file_sha256(path))
    files = scan_inbox(inbox)
    assert sorted(hashed_now) == ["a.csv", "b.csv", "glue.md", "toggl.csv"]
    assert all(f.sha256 == file_identity(f.path) for f in files)  # a note's with its name
