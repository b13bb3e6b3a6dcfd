"""A review of a card deleted in Anki since (Anki keeps the review history): held back on purpose, with
nothing in the file to fix."""
from __future__ import annotations

from pathlib import Path

from anki.collection import Collection

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.anki_fixtures import one_deck_collection
from tests.conftest import run_cli, run_json


def delete_note(collection: Path, front: str) -> None:
    """Delete the note whose front is `front`, through the anki API (its cards go; revlog keeps their reviews)."""
    col = Collection(str(collection))
    try:
        col.remove_notes(col.find_notes(f"front:{front}"))
    finally:
        col.close()


def test_a_review_of_a_deleted_card_is_kept_on_purpose(tmp_path):
    """Before: `domain_mapped`, "label '(blank)' matches no exam domain", advice `fix` (edit an SQLite file?)."""
    ws = create_workspace(tmp_path / "ws", Config(exam="DEA-C01", learner_id="me", timezone="UTC"))
    collection = one_deck_collection(ws.inbox / "exams", ["kinesis", "macie", "kinesis"])
    delete_note(collection, "macie")
    run = run_json("run", "-w", str(ws.root))
    assert [(f["rows_loaded"], f["rows_quarantined"]) for f in run["files"]] == [(2 + 3, 1)]
    held = run_json("quarantine", "-w", str(ws.root))["quarantined"]
    assert [(r["line"], r["check"], r["advice"], r["kept_on_purpose"]) for r in held] == \
        [(2, "card_deleted_in_anki", "kept_on_purpose", True)]
    assert "deleted in Anki" in held[0]["reason"]
    said = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert "1 review of a card deleted in Anki kept on purpose (nothing to fix)" in said
    assert "fix the lines" not in said
