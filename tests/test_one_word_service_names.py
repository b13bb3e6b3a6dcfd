"""A service name of several words written as one ('LakeFormation', 'stepfunctions': Anki tags, hashtags) names
that service in a question's service label, a study entry and a note, as written with spaces would
(docs/formats.md; READING_RULES 17)."""
from __future__ import annotations

from tests.conftest import run_cli, run_json

MOCK = ("attempt_id,taken_at,question_id,domain,service,correct\n"
        "m1,2026-11-20 10:00,1,D4,LakeFormation,true\n"
        "m1,2026-11-20 10:01,2,D4,AWSLakeFormation,true\n"
        "m1,2026-11-20 10:02,3,D3,stepfunctions,false\n")
TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"
         "Me,me@example.com,,DEA-C01,,Permissions,No,2026-11-02,07:00:00,2026-11-02,08:00:00,01:00:00,lakeformation\n")
NOTE = "# Orchestration\n\n#stepfunctions retries and catchers.\n"


def test_service_names_written_as_one_word_count_for_their_service(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "m1.csv").write_text(MOCK)
    (root / "inbox" / "hours" / "toggl.csv").write_text(TOGGL)
    (root / "inbox" / "notes" / "orchestration.md").write_text(NOTE)
    run = run_cli("run", "-w", str(root))
    assert "no service of the exam" not in run.stderr
    gaps = {s["name"]: s for s in run_json("gaps", "-w", str(root))["services"]}
    assert (gaps["AWS Lake Formation"]["questions"], gaps["AWS Lake Formation"]["hours"]) == (2, 1.0)
    assert (gaps["AWS Step Functions"]["questions"], gaps["AWS Step Functions"]["note_sections"]) == (1, 1)
