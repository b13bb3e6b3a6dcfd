"""A question labelled only by a service that serves several domains is held back (a domain is never guessed)
with a reason saying so, in `quarantine` on both ingestion paths and in `inspect`; a label matching nothing
keeps its reason. So is a study entry naming only such services, in `inspect` (its time counts toward no
domain's hours), which also says whom a learner's own time export names."""
from __future__ import annotations

import pytest

from sources.blueprint import load_blueprint
from tests.conftest import run_cli
from tests.test_bulk_ingest import _both_paths, _quarantine
from tests.test_bulk_sessions import TOGGL
from warehouse.mapping import hours_no_domain_reason

CSV = ("Test,Date,Question,Domain,Service,Correct\n"
       "K Set,2026-11-20 10:00,1,,Kinesis,yes\n"
       "K Set,2026-11-20 10:00,2,,Amazon Redshift,yes\n"
       "K Set,2026-11-20 10:00,3,Cooking,,yes\n")
REDSHIFT = "no domain: 'Amazon Redshift' is in domains 1, 2 and 3; add a domain label"


def test_a_service_of_several_domains_is_named_as_the_reason(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    export = ws / "inbox" / "exams" / "k.csv"
    export.write_text(CSV)
    out = run_cli("inspect", "-w", str(ws), str(export)).stdout
    redshift = next(line for line in out.splitlines() if line.strip().startswith("Amazon Redshift"))
    assert redshift.endswith(f"→ service=Amazon Redshift (1 rows) — {REDSHIFT}"), out
    run_cli("run", "-w", str(ws))
    held = run_cli("quarantine", "-w", str(ws)).stdout
    assert f"exams/k.csv:3 [domain_label] {REDSHIFT} (domain_mapped)" in held, held
    assert "exams/k.csv:4 [domain_label] label 'Cooking' matches no exam domain, task or service" in held, held


def test_both_paths_give_the_reason(tmp_path, monkeypatch):
    csv = tmp_path / "k.csv"
    csv.write_text(CSV)
    db_bulk, _ = _both_paths(tmp_path, csv, monkeypatch)  # the same quarantine reasons on both
    assert (3, "domain_label", "domain_mapped", REDSHIFT) in _quarantine(db_bulk)


GLUE = ("no domain: 'AWS Glue' is in domains 1, 2 and 3: its time counts for the service in coverage but toward no "
        "domain's hours; name one domain in the description, project or tags")


@pytest.mark.parametrize("services, reason", [
    (["AWS Glue"], GLUE),
    (["Amazon Athena", "AWS Glue"], "no domain: 'Amazon Athena', 'AWS Glue' are in domains 1, 2 and 3: its time "
     "counts for the services in coverage but toward no domain's hours; name one domain in the description, "
     "project or tags"),
    (["Amazon Kinesis Data Streams"], None),  # of one domain: its entries count there
    (None, None), ([], None),  # naming nothing of the exam: no reason to give
])
def test_hours_no_domain_reason(services, reason):
    assert hours_no_domain_reason(services, load_blueprint("DEA-C01")) == reason


def test_inspect_says_why_study_time_counts_toward_no_domain_and_whom_an_own_export_names(tmp_path):
    ws = tmp_path / "ws"
    run_cli("init", str(ws))
    toggl = ws / "inbox" / "hours" / "toggl.csv"
    toggl.write_text(",".join(TOGGL) + "\n" + "".join(
        f"Alex,A@x.org,,DEA-C01,,{what},No,2026-11-0{day},08:00:00,2026-11-0{day},09:00:00,01:00:00,,\n"
        for day, what in enumerate(["Glue crawlers", "Domain 1 Glue jobs", "lunch"], 1)))
    out = run_cli("inspect", "-w", str(ws), str(toggl)).stdout.splitlines()
    assert "  learners: one person named (a@x.org): a learner's own export, every row is the workspace's " \
           "learner's" in out  # lower-cased, as a team export would key them
    [crawlers] = [line for line in out if line.strip().startswith("Glue crawlers")]
    assert crawlers.endswith(f"→ service=AWS Glue (1 rows) — {GLUE}"), out
    [jobs] = [line for line in out if line.strip().startswith("Domain 1 Glue jobs")]
    assert jobs.endswith("→ domain_id=1, service=AWS Glue (1 rows)"), out
    assert any(line.strip().startswith("lunch") and line.endswith("→ UNMAPPED (1 rows)") for line in out), out
