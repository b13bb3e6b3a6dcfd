"""Study time logged under an umbrella word ('Kinesis shards') counts for none of the services it could be, and
`run`, `inspect`, `gaps` and the coverage page say so, as they do of notes and service labels. Before (session 34's
bug hunt) nothing said it: Kinesis Data Streams was 'never studied' beside 3 h logged as 'Kinesis'."""
from __future__ import annotations

import pandas as pd
import pytest

from sources.blueprint import load_blueprint
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace
from tests.test_bulk_sessions import TOGGL, _load, messy_export
from warehouse import validation
from warehouse.hour_umbrellas import hour_umbrellas, hour_warnings

BP = load_blueprint("DEA-C01")
KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]


def entries(*rows) -> pd.DataFrame:
    """Distinct entries (description, project, tags, minutes, entries, lines)."""
    return pd.DataFrame(rows, columns=["description", "project", "tags", "minutes", "entries", "lines"])


CASES = {
    "a word in two entries": (entries(("Kinesis shards and consumers", None, None, 120.0, 1, [2]),
                                      ("Kinesis", None, None, 60.0, 2, [3, 5])),
                              [("Kinesis", KINESIS, 3.0, 3, [2, 3, 5])]),
    "in the tags or project": (entries(("Stream processing", "DEA-C01", "kinesis", 30.0, 1, [4])),
                               [("Kinesis", KINESIS, 0.5, 1, [4])]),
    "a service's full name is no umbrella word": (entries(("Kinesis Data Streams shards", None, None, 60.0, 1, [2])),
                                                  []),
    "an entry naming one of the word's services counts for it": (
        entries(("Kinesis shards", "Kinesis Data Streams", None, 180.0, 1, [3]),
                ("Kinesis", None, None, 60.0, 1, [4])), [("Kinesis", KINESIS, 1.0, 1, [4])]),
    "no umbrella word": (entries(("Glue ETL jobs", "Domain 1", None, 60.0, 1, [2])), []),
    "an unreadable duration counts no hours": (entries(("Kinesis", None, None, float("nan"), 1, [7])),
                                               [("Kinesis", KINESIS, 0.0, 1, [7])]),
}


@pytest.mark.parametrize("rows, expected", CASES.values(), ids=CASES.keys())
def test_hours_per_umbrella_word(rows, expected):
    found = hour_umbrellas(rows, BP)
    assert [tuple(r) for r in found[["word", "services", "hours", "entries", "lines"]].to_numpy().tolist()] == expected


def test_a_files_warning_names_its_lines_and_hours():
    frame = pd.DataFrame({"description": ["Kinesis shards", "Glue", "Kinesis shards", "Kinesis"],
                          "project": [None, None, None, "DEA"], "tags": [None] * 4,
                          "minutes": [60.0, 30.0, 30.0, 15.0], "line": [2, 3, 4, 9]})
    assert hour_warnings(frame, BP) == [
        f"'Kinesis' (lines 2, 4, 9: 1.8 h) counts for none of {', '.join(KINESIS)}: name the one you mean in the "
        "description, project or tags"]


def test_run_gaps_and_the_coverage_page_say_it(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "log.csv").write_text(
        "date,minutes,topic\n2026-11-20,120,Kinesis shards and consumers\n2026-11-21,60,Kinesis\n", encoding="utf-8")
    run = run_cli("run", "-w", str(ws.root))
    assert "hours/log.csv: 'Kinesis' (lines 2, 3: 3.0 h) counts for none of Amazon Kinesis Data Streams" in run.stderr
    gaps = run_json("gaps", "-w", str(ws.root))
    assert gaps["ambiguous_hours"] == [{"word": "Kinesis", "services": KINESIS, "hours": 3.0, "entries": 2}]
    assert {s["name"]: s["status"] for s in gaps["services"]}["Amazon Kinesis Data Streams"] == "gap"
    text = run_cli("gaps", "-w", str(ws.root)).stdout
    assert "hours ambiguous (1): 3.0 h logged as 'Kinesis' (2 entries) could be any of: " in text
    page = (ws.site_dir / "coverage.html").read_text(encoding="utf-8").replace("&#x27;", "'")
    assert "Amazon Kinesis Data Streams (perhaps in the 3.0 h logged as 'Kinesis')" in page
    assert "<b>Study time naming no single service:</b> 3.0 h logged as 'Kinesis' could be any of" in page


def test_both_ingestion_paths_say_the_same(tmp_path, monkeypatch, capsys):
    """A large team export (the bulk path, never a pandas frame) is told as the row-by-row path tells it."""
    monkeypatch.setattr(validation, "SQL_MIN_ROWS", 0)
    csv = messy_export(tmp_path / "team.csv", TOGGL, ["ana", "ben"])  # 'Kinesis vs MSK', the tag 'kinesis'
    said = {}
    for bulk in (True, False):
        capsys.readouterr()
        _load(tmp_path, csv, bulk, monkeypatch, f"bulk-{bulk}", [])
        said[bulk] = [line for line in capsys.readouterr().err.splitlines() if "'Kinesis' (lines" in line]
    assert len(said[True]) == 1 and said[True] == said[False]


def test_entries_held_back_are_not_counted_in_the_runs_line(tmp_path):
    """The review's case: a team export whose overlapping entries were held back said 5000 h for ~65 h that count."""
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "hours" / "log.csv").write_text(
        "date,minutes,topic\n2026-11-20,60,Kinesis\n2026-11-21,abc,Kinesis shards\n2026-11-22,-30,Kinesis\n",
        encoding="utf-8")
    err = run_cli("run", "-w", str(ws.root)).stderr
    assert "hours/log.csv: 'Kinesis' (line 2: 1.0 h) counts for none of" in err
