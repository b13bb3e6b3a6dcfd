"""Labels that say less than the coverage marts need, through real `examready` processes: a service label
naming several services ('Kinesis') is named by run and inspect and counted apart (never dropped, never
guessed); exports without task labels leave every task 'not measured', not a gap; `readiness` says how
many logged hours count toward no single domain (docs/formats.md, docs/cli.md, docs/pages.md)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_json

KINESIS = "Amazon Kinesis Data Streams, Amazon Data Firehose, Amazon Managed Service for Apache Flink"
# 6 questions labelled 'Kinesis' without a domain (4 right, 2 missed), 4 of one service each; no task column
MOCK = "attempt_id,taken_at,question_id,domain,service,correct\n" + "".join(
    f"m1,2026-11-20 10:{i:02d},{i},{domain},{service},{right}\n" for i, (domain, service, right) in enumerate(
        [("", "Kinesis", "true")] * 4 + [("", "Kinesis", "false")] * 2 + [("D1", "AWS Glue", "true")] * 2
        + [("D2", "Amazon Redshift", "false"), ("D4", "AWS Key Management Service", "true")], 1))
NOTE = "# Streaming\n\nAmazon Kinesis Data Streams shards and Amazon Data Firehose buffering.\n"
TOGGL = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"
         "Me,me@example.com,,DEA-C01,,Glue ETL jobs,No,2026-11-02,07:00:00,2026-11-02,08:00:00,01:00:00,\n"
         "Me,me@example.com,,DEA-C01,,Athena partitions,No,2026-11-03,07:00:00,2026-11-03,07:30:00,00:30:00,\n"
         "Me,me@example.com,,DEA-C01,,Lunch,No,2026-11-04,12:00:00,2026-11-04,12:15:00,00:15:00,\n"
         "Me,me@example.com,,DEA-C01,Domain 4,KMS keys,No,2026-11-05,07:00:00,2026-11-05,08:00:00,01:00:00,\n")


@pytest.fixture(scope="module")
def kinesis_ws(tmp_path_factory) -> tuple[Path, object]:
    """A workspace whose mock labels 6 questions 'Kinesis' and carries no task column: (root, the run)."""
    root = tmp_path_factory.mktemp("labels") / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01", "--exam-date", "2027-02-01")
    (root / "inbox" / "exams" / "m1.csv").write_text(MOCK)
    (root / "inbox" / "notes" / "streaming.md").write_text(NOTE)
    (root / "inbox" / "hours" / "toggl.csv").write_text(TOGGL)
    return root, run_cli("run", "-w", str(root))


def test_run_and_inspect_name_a_label_of_several_services(kinesis_ws):
    root, run = kinesis_ws
    said = f"the service 'Kinesis' could be any of 3 services ({KINESIS})"
    assert f"examready: exams/m1.csv: {said}" in run.stderr
    inspected = run_cli("inspect", "-w", str(root), str(root / "inbox" / "exams" / "m1.csv"))
    assert said in inspected.stdout


def test_gaps_count_a_label_of_several_services_apart(kinesis_ws):
    root, _ = kinesis_ws
    data = run_json("gaps", "-w", str(root))
    assert data["ambiguous_services"] == [{"label": "Kinesis", "services": KINESIS.split(", "), "questions": 6,
                                           "anki_reviews": 0, "accuracy": 0.667, "domains": [1]}]
    by_name = {s["name"]: s for s in data["services"]}
    assert by_name["Amazon Kinesis Data Streams"]["questions"] == 0  # never guessed: still no question of its own
    assert by_name["AWS Glue"]["questions"] == 2
    text = run_cli("gaps", "-w", str(root)).stdout
    assert (f"services ambiguous (1): 6 questions labelled 'Kinesis' could be any of: {KINESIS} (67% correct): "
            "counted in the readiness of D1, for none of these services") in text
    readiness = run_json("readiness", "-w", str(root))
    assert readiness["domains"][0]["questions"] == 8  # the domain's practice keeps them (Kinesis: D1 only)


def test_tasks_without_task_labels_are_not_measured(kinesis_ws):
    root, _ = kinesis_ws
    data = run_json("gaps", "-w", str(root))
    assert len(data["tasks"]) == 17 and not any(t["measured"] for t in data["tasks"])
    assert {t["status"] for t in data["tasks"]} == {"gap"}  # the contract's value, read with measured
    text = run_cli("gaps", "-w", str(root)).stdout
    assert "tasks not measured (17): your exports carry no task labels" in text
    assert not re.search(r"^tasks (gap|weak) ", text, flags=re.M)


def test_tasks_with_task_labels_are_measured(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    (root / "inbox" / "exams" / "m1.csv").write_text(
        "attempt_id,taken_at,question_id,task,correct\nm1,2026-11-20 10:00,1,1.1,true\nm1,2026-11-20 10:01,2,2.1,false\n")
    run_cli("run", "-w", str(root))
    data = run_json("gaps", "-w", str(root))
    assert all(t["measured"] for t in data["tasks"]) and data["ambiguous_services"] == []
    assert {t["id"]: t["status"] for t in data["tasks"]}["1.1"] == "weak"
    text = run_cli("gaps", "-w", str(root)).stdout
    assert re.search(r"^tasks gap \(15\): ", text, flags=re.M) and "not measured" not in text


def test_readiness_says_which_hours_count_toward_no_domain(kinesis_ws):
    root, _ = kinesis_ws
    data = run_json("readiness", "-w", str(root))
    without = data["hours_without_domain"]
    assert without == {"hours": 1.75, "entries": 3, "entries_naming_a_service": 2,
                       "services": ["AWS Glue", "Amazon Athena"]}
    assert round(sum(d["hours"] for d in data["domains"]), 2) == 1.0
    text = run_cli("readiness", "-w", str(root)).stdout
    assert ("1.8 h of the 2.8 h logged count toward no single domain (3 entries): 2 name a service of several "
            "domains (AWS Glue, Amazon Athena) and 1 name no domain or service of the exam") in text


def _text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


@pytest.mark.browser
def test_pages_say_what_the_labels_leave_out(kinesis_ws, browser):
    """Coverage page: the 'Kinesis' questions named with their services, tasks 'not measured'; the attempt page
    says which questions its misses-by-service chart leaves out. Checked as Chromium renders them."""
    root, _ = kinesis_ws
    site = root / "site"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((site / "coverage.html").as_uri(), wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot svg').length > 0", timeout=20_000)
    shown = page.inner_text("body")
    assert (f"Questions naming no single service: 6 questions labelled 'Kinesis' could be any of: {KINESIS} "
            "(67% correct); counted in the readiness of D1, for none of these services.") in shown
    assert "Amazon Kinesis Data Streams (perhaps in the 6 questions labelled 'Kinesis')" in shown
    assert "Task statements: 17 not measured: your exports carry no task labels" in shown
    tasks = page.locator("table").filter(has_text="Perform data ingestion").inner_text()
    assert "not measured" in tasks and "gap" not in tasks
    heat = page.locator("#fig-tasks").inner_text()
    assert "? 1.1" in heat and "✖" not in heat
    attempt = next(site.glob("attempt-m1-*.html"))
    page.goto(attempt.as_uri(), wait_until="load")
    assert (f"Not in this chart: 6 questions labelled 'Kinesis' (could be any of: {KINESIS}; 2 missed)."
            in page.inner_text("body"))
    context.close()
    assert "not measured" in (site / "coverage-tasks.csv").read_text()
    assert "✖ gap · ▲ weak" not in _text(site / "coverage.html").split("Task statements (")[-1][:40]
