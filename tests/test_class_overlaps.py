"""In a class workspace, study time a later file's entries make count less is reported for every learner,
each entry naming its learner; a learner taken out of the class is left out (review s15)."""
from __future__ import annotations

import json

from tests.conftest import run_cli

HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,"
          "Duration,Tags,Amount ()\n")
ANA, BEN = ("Ana Diaz", "ana@class.example"), ("Ben Ode", "ben@class.example")


def team(rows: list[tuple[tuple[str, str], str, str, str]]) -> str:
    """A Toggl team export: (person, description, start, duration) per entry on 2026-11-02."""
    return HEADER + "".join(f"{name},{email},,DEA-C01,Domain 1,{what},No,2026-11-02,{start},,,{dur},aws,\n"
                            for (name, email), what, start, dur in rows)


def test_a_class_workspace_reports_every_learners_overlaps_naming_each(tmp_path):
    """team.csv: Ana and Ben Glue ETL 07:00-07:45; team-fix.csv, loaded later: Ana's Glue ETL 07:00-07:20 (her
    first entry, edited: it counts 0) and Ben's Redshift 07:30-08:00 (his Glue ETL counts 30 of 45 min)."""
    root = tmp_path / "class"
    run_cli("init", str(root), "--learner", "instructor", "--timezone", "UTC")
    with (root / "examready.yaml").open("a") as config:
        config.write("cohort: true\n")
    hours = root / "inbox" / "hours"
    (hours / "team.csv").write_text(team([(ANA, "Glue ETL", "07:00:00", "00:45:00"),
                                              (BEN, "Glue ETL", "07:00:00", "00:45:00")]))
    run_cli("run", "-w", str(root))
    (hours / "team-fix.csv").write_text(team([(ANA, "Glue ETL", "07:00:00", "00:20:00"),
                                                  (BEN, "Redshift", "07:30:00", "00:30:00")]))
    notices = ["hours/team.csv (ana@class.example): 1 study entry not counted: the same time is in "
               "hours/team-fix.csv, loaded later (see `examready quarantine`)",
               "hours/team.csv (ben@class.example): 1 study entry counted in part: the same time is in "
               "hours/team-fix.csv, loaded later (see `examready quarantine`)"]
    for _ in ("the run loading it", "a run with nothing new"):
        said = run_cli("run", "-w", str(root)).stderr.splitlines()
        assert [line for line in said if line.startswith("hours/team.csv")] == notices
    data = json.loads(run_cli("quarantine", "-w", str(root), "--json").stdout)
    assert data["overlapping"] == [
        {"path": "hours/team.csv", "line": 2, "started_at": "2026-11-02 07:00", "minutes": 45.0,
         "counted_minutes": 0.0, "overlaps_path": "hours/team-fix.csv", "overlaps_line": 2,
         "learner": "ana@class.example"},
        {"path": "hours/team.csv", "line": 3, "started_at": "2026-11-02 07:00", "minutes": 45.0,
         "counted_minutes": 30.0, "overlaps_path": "hours/team-fix.csv", "overlaps_line": 3,
         "learner": "ben@class.example"}]
    text = run_cli("quarantine", "-w", str(root)).stdout.splitlines()
    assert text[0].endswith(", 1 study entry not counted, 1 study entry counted in part")
    assert ("  not counted hours/team.csv:2 (ana@class.example): 45 min from 2026-11-02 07:00 overlap "
            "hours/team-fix.csv:2, loaded later (the same time logged twice?)") in text
    assert ("  counted in part hours/team.csv:3 (ben@class.example): counted 30 of 45 min from 2026-11-02 07:00; "
            "the rest overlaps hours/team-fix.csv:3, loaded later (the same time logged twice?)") in text

    run_cli("forget", "-w", str(root), "--learner", BEN[1])  # taken out: his entries no longer count
    said = run_cli("run", "-w", str(root)).stderr.splitlines()
    assert [line for line in said if line.startswith("hours/team.csv")] == notices[:1]
    data = json.loads(run_cli("quarantine", "-w", str(root), "--json", "--withdrawn").stdout)
    assert [e["learner"] for e in data["overlapping"]] == ["ana@class.example"]
