"""The warning on study time under an umbrella word names what the learner can change in the file's source: an Anki
note's tags (before: "name the one you mean in the description, project or tags", a tracker's words, as an Anki user
has no description or project); and a minute of review time reads as such (before: "0.0 h")."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from tests.anki_fixtures import export_apkg, one_deck_collection, retag
from tests.conftest import run_cli, run_json
from warehouse.hour_umbrellas import hour_warnings
from warehouse.hour_words import hours_said

BP = load_blueprint("DEA-C01")
KINESIS = "Amazon Kinesis Data Streams, Amazon Data Firehose, Amazon Managed Service for Apache Flink"
ANKI_FIX = "add the one you mean to the reviewed notes' tags in Anki (e.g. `aws::kinesis-data-streams`)"
TRACKER_FIX = "name the one you mean in the description, project or tags"

HOURS = {"hours": (3.0, "3.0 h"), "a tenth": (0.06, "0.1 h"), "none": (0.0, "0.0 h"),
         "a minute": (1 / 60, "1 min"), "under three minutes": (2.6 / 60, "3 min"), "seconds": (10 / 3600, "10 s"),
         "under a second": (0.2 / 3600, "1 s")}


@pytest.mark.parametrize("hours, said", HOURS.values(), ids=HOURS.keys())
def test_hours_said(hours, said):
    assert hours_said(hours) == said


FIXES = {"anki": ("anki", ANKI_FIX), "toggl": ("toggl", TRACKER_FIX), "clockify": ("clockify", TRACKER_FIX),
         "a plain log": ("plain", TRACKER_FIX)}


@pytest.mark.parametrize("tool, fix", FIXES.values(), ids=FIXES.keys())
def test_the_warning_names_what_the_source_can_change(tool, fix):
    frame = pd.DataFrame({"description": ["30 Anki reviews"], "project": ["Default"], "tags": ["kinesis"],
                          "minutes": [1.0], "tool": [tool], "line": [1]})
    assert hour_warnings(frame, BP) == [f"'Kinesis' (line 1: 1 min) counts for none of {KINESIS}: {fix}"]


def kinesis_alone(path: Path) -> Path:
    """The collection with its note tagged `D1 kinesis-data-streams` tagged `kinesis` alone."""
    return retag(path, "tag:kinesis-data-streams", ["kinesis"])


def test_run_inspect_gaps_and_pages_say_an_anki_notes_umbrella_tag_and_its_minute(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    collection = kinesis_alone(one_deck_collection(root / "inbox" / "exams", ["kinesis"] * 30, seconds=2))
    err = run_cli("run", "-w", str(root)).stderr
    said = f"'Kinesis' (line 1: 1 min) counts for none of {KINESIS}: {ANKI_FIX}"
    assert f"examready: exams/collection.anki2: {said}" in err.splitlines(), err
    apkg = export_apkg(collection, tmp_path / "deck.apkg", legacy=True)
    [report] = run_json("inspect", "-w", str(root), str(apkg))
    assert f"study_sessions: {said}" in report["problems"], report["problems"]
    assert "hours ambiguous (1): 1 min logged as 'Kinesis' (1 entry) could be any of: " in \
        run_cli("gaps", "-w", str(root)).stdout
    [hours] = run_json("gaps", "-w", str(root))["ambiguous_hours"]
    assert (hours["hours"], hours["entries"]) == (0.02, 1)
    page = (root / "site" / "coverage.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert "<b>Study time naming no single service:</b> 1 min logged as 'Kinesis' could be any of" in page
    assert "perhaps in the 1 min logged as 'Kinesis'" in page
