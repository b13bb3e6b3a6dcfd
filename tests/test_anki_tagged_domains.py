"""Anki collections whose notes name their domain in tags, not in decks: reviews of one deck count
toward each note's own domain."""
from __future__ import annotations

from pipelines.workspace_config import Config
from pipelines.workspace_create import create_workspace
from tests.anki_fixtures import one_deck_collection
from tests.conftest import run_json


def test_reviews_of_one_deck_count_for_each_notes_domain(tmp_path):
    """Before: the 30 reviews were one session tagged 'D1 D4 …', 0.0 h for every domain."""
    ws = create_workspace(tmp_path / "ws", Config(exam="DEA-C01", learner_id="me", timezone="UTC"))
    one_deck_collection(ws.inbox / "exams", ["kinesis", "macie"] * 15)
    run_json("run", "-w", str(ws.root))
    readiness = run_json("readiness", "-w", str(ws.root))
    hours = {d["id"]: d["hours"] for d in readiness["domains"]}
    assert hours == {1: 0.25, 2: 0.0, 3: 0.0, 4: 0.25}
    assert readiness["hours_without_domain"]["hours"] == 0
