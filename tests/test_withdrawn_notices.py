"""A file loaded after `forget --learner` took a learner out is said on `examready run`'s stderr on every run
while it holds, also when the CLI did not load it (a run of the inbox sensor, the schedule, the UI)."""
from __future__ import annotations

import json

from pipelines.workspace import find_workspace
from tests.conftest import run_cli, run_json
from tests.helpers_workspace import run_refresh
from tests.test_learners import class_export

BEN, ANA = "ben@class.example", "ana@class.example"
SAID = (f"exams/week2.csv: 130 of its 260 loaded rows are of learners `examready forget --learner` took out: "
        f"{BEN} (130); raw keeps them, they do not count")


def test_a_file_loaded_by_a_background_run_is_said_by_the_next_cli_run(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    (root / "inbox" / "exams" / "class.csv").write_text(class_export({ANA: 0.9, BEN: 0.3}))
    run_cli("run", "-w", str(root))
    run_json("forget", "-w", str(root), "--learner", BEN)
    first = run_cli("run", "-w", str(root))
    assert "loaded rows are of learners" not in first.stderr  # class.csv was loaded before Ben was taken out

    (root / "inbox" / "exams" / "week2.csv").write_text(class_export({ANA: 0.8, BEN: 0.5}).replace("mock-0", "wk2-0"))
    background = run_refresh(find_workspace(root))  # the job as the sensor launches it: nothing printed
    assert [f["status"] for f in background.files if f["path"] == "exams/week2.csv"] == ["loaded"]

    for _ in range(2):  # nothing new: said on each run while it holds, the --json one too
        quiet = run_cli("run", "-w", str(root), "--json")
        assert [f["status"] for f in json.loads(quiet.stdout)["files"]] == ["unchanged", "unchanged"]
        assert SAID in quiet.stderr and "class.csv:" not in quiet.stderr

    run_json("forget", "-w", str(root), "--learner", BEN, "--undo")
    assert "loaded rows are of learners" not in run_cli("run", "-w", str(root)).stderr
