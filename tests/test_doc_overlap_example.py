"""docs/formats.md's Toggl and Clockify examples, copied as they stand, give what its "The same time in two
files counts once" paragraph says they give."""
from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli

FORMATS = Path(__file__).resolve().parents[1] / "docs" / "formats.md"


def example(heading: str) -> str:
    """The CSV block under a formats.md heading."""
    found = re.search(rf"### {re.escape(heading)}.*?```csv\n(.*?)```", FORMATS.read_text(encoding="utf-8"), re.S)
    assert found, heading
    return found.group(1)


def test_the_docs_toggl_and_clockify_examples_overlap_as_the_doc_says(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    hours = ws / "inbox" / "hours"
    (hours / "toggl.csv").write_text(example("Toggl Track detailed CSV (`toggl`)"))
    run_cli("run", "-w", str(ws))
    (hours / "clockify.csv").write_text(example("Clockify detailed CSV (`clockify`)"))
    run_cli("run", "-w", str(ws))
    held = run_cli("quarantine", "-w", str(ws)).stdout
    doc = " ".join(FORMATS.read_text(encoding="utf-8").split())
    for said in ("counted in part hours/toggl.csv:2: counted 15 of 30 min from 2026-02-03 07:00; the rest overlaps "
                 "hours/clockify.csv:2, loaded later",
                 "not counted hours/toggl.csv:3: 20 min from 2026-02-03 07:35 overlap hours/clockify.csv:2, loaded later"):
        assert said in doc and said in held, (said, held)
    assert "1.0 h" in next(line for line in run_cli("readiness", "-w", str(ws)).stdout.splitlines() if "D1 " in line)
