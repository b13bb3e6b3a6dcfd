"""Study time the pages cannot give a domain is listed so the learner can fix its labels."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import run_cli, run_json
from tests.helpers_workspace import new_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def test_unmapped_study_time_names_each_entry_without_nan(tmp_path):
    """A plain log has no project column (NULL in the warehouse); a multi-domain service is said to be one."""
    ws = new_workspace(tmp_path / "ws")
    shutil.copy(FIXTURES / "plain_hours.csv", ws.inbox / "hours" / "plain_hours.csv")
    run_cli("run", "-w", str(ws.root))
    html = (ws.site_dir / "dashboard.html").read_text(encoding="utf-8")
    paragraph = re.search(r"Not mapped to a domain: .*?</p>", html, re.S).group(0)
    assert "nan" not in paragraph.lower().replace("-", " ").split() and "[nan" not in paragraph
    assert "Redshift sort and dist keys [no project, Amazon Redshift: in several domains]" in paragraph


TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,"
         "Tags,Amount ()\n")


def test_an_entry_counts_toward_the_domain_its_project_numbers_whatever_its_words(tmp_path):
    """Before: 'security' in a description under the project 'DEA-C01 Domain 2' named domain 4 too, and the hour
    counted toward no domain, said to be for 'a service of several domains'."""
    ws = new_workspace(tmp_path / "ws")
    entries = [("DEA-C01 Domain 2", "DynamoDB security best practices", ""),
               ("DEA-C01 Domain 2", "Lake Formation governance", ""),
               ("DEA-C01 Domain 1", "Glue ETL jobs", "security"),
               ("DEA-C01 Domain 2", "S3 lifecycle rules", "")]
    (ws.inbox / "hours" / "toggl.csv").write_text(TOGGL + "".join(
        f"Me,me@example.com,,{project},,{description},No,2026-11-2{day},07:00:00,2026-11-2{day},08:00:00,01:00:00,"
        f"{tags},\n" for day, (project, description, tags) in enumerate(entries, start=3)), encoding="utf-8")
    run_cli("run", "-w", str(ws.root))
    summary = run_json("readiness", "-w", str(ws.root), "--as-of", "2026-11-30")
    assert {d["id"]: d["hours"] for d in summary["domains"]} == {1: 1.0, 2: 3.0, 3: 0.0, 4: 0.0}
    assert summary["hours_without_domain"]["hours"] == 0
