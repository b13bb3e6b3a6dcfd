"""An .apkg exported without scheduling information holds no review history: `run` and `inspect` say so,
and how to export it again, instead of loading 0 rows in silence."""
from __future__ import annotations

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.anki_fixtures import export_apkg, one_deck_collection
from tests.conftest import run_cli

SAID = "no review history (0 reviews)"
HOW = "\"Include scheduling information\" ticked"


def test_a_package_without_review_history_is_said(tmp_path):
    """Before: `loaded … 0 loaded, 0 quarantined`, and `inspect` 0 answers, with no word of why."""
    collection = one_deck_collection(tmp_path, ["kinesis", "macie"])
    ws = create_workspace(tmp_path / "ws", Config(exam="DEA-C01", learner_id="me", timezone="UTC"))
    package = export_apkg(collection, ws.inbox / "exams" / "deck.apkg", legacy=True, with_scheduling=False)
    inspected = run_cli("inspect", str(package)).stdout
    assert SAID in inspected and HOW in inspected
    assert SAID not in run_cli("inspect", str(collection)).stdout  # its reviews are there
    run = run_cli("run", "-w", str(ws.root), "--json")
    assert "examready: exams/deck.apkg: " + SAID in run.stderr and HOW in run.stderr
