"""A deterministic sample learner: ~3 months of notes, mock exams and Toggl logs."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from examready.demo_notes import write_notes
from pipelines.workspace import Workspace
from pipelines.workspace_config import CONFIG_NAME, Config, WorkspaceError
from pipelines.workspace_create import create_workspace, make_folder
from sources.blueprint import load_blueprint
from sources.zones import local_zone_name

DAYS = 90
DEMO_MARKER = ".examready-demo"  # in the root of a folder `examready demo` wrote
# Starting accuracy and gain per study hour by domain: D4 (security) stays clearly weak.
START = {1: 0.55, 2: 0.52, 3: 0.56, 4: 0.45}
GAIN_PER_HOUR = {1: 0.012, 2: 0.014, 3: 0.011, 4: 0.004}
# Mock exams mostly ask about the core services; the long tail stays unpractised (coverage gaps).
CORE_SERVICES = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "AWS Glue", "Amazon EMR",
                 "Amazon Redshift", "Amazon S3", "AWS Lambda", "Amazon Athena", "Amazon DynamoDB",
                 "AWS Step Functions", "Amazon Managed Workflows for Apache Airflow",
                 "AWS Identity and Access Management", "AWS Key Management Service",
                 "Amazon CloudWatch", "AWS Lake Formation", "AWS Database Migration Service",
                 "Amazon Macie", "AWS CloudTrail", "AWS Glue DataBrew", "Amazon EventBridge"]
PROVIDERS = ["Tutorials Dojo", "Udemy", "AWS Skill Builder"]
TOPICS = {1: ["Kinesis Data Streams shards", "Glue ETL jobs", "Firehose buffering", "MWAA DAGs", "DMS CDC"],
          2: ["Redshift distribution styles", "DynamoDB partition keys", "S3 lifecycle rules", "Glue Data Catalog"],
          3: ["Athena partition projection", "Step Functions retries", "CloudWatch alarms", "Glue DataBrew"],
          4: ["IAM policies", "KMS envelope encryption", "Lake Formation permissions"]}


def ability(domain: int, hours: float) -> float:
    """True chance of a correct answer after some hours of study on a domain (capped)."""
    return min(0.93, START[domain] + GAIN_PER_HOUR[domain] * hours)


def study_log(rng, start: date) -> list[tuple[datetime, int, int, str]]:
    """(start, minutes, domain, description) entries, 4–6 days a week, uneven by domain.

    At most a morning and an evening session a day (each under 80 min), so entries never overlap."""
    entries = []
    for day in range(DAYS):
        if rng.random() < 0.35:
            continue
        for slot in [(7, 11), (18, 21)][: int(rng.integers(1, 3))]:
            domain = int(rng.choice([1, 2, 3, 4], p=[0.36, 0.28, 0.24, 0.12]))
            at = datetime.combine(start + timedelta(days=day), datetime.min.time()) + timedelta(
                hours=int(rng.integers(*slot)), minutes=int(rng.integers(0, 4)) * 15)
            entries.append((at, int(rng.integers(2, 8)) * 10, domain, str(rng.choice(TOPICS[domain]))))
    return sorted(entries)


def write_toggl(path: Path, entries) -> None:
    """Toggl Track 'Detailed report' CSV export (UTF-8 with BOM, HH:MM:SS durations)."""
    lines = ["User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
             "End time,Duration,Tags,Amount ()"]
    for at, minutes, domain, text in entries:
        end = at + timedelta(minutes=minutes)
        lines.append(f"Sam Learner,sam@example.com,,DEA-C01 Domain {domain},,{text},No,"
                     f"{at:%Y-%m-%d},{at:%H:%M:%S},{end:%Y-%m-%d},{end:%H:%M:%S},"
                     f"{minutes // 60:02d}:{minutes % 60:02d}:00,dea-c01,")
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def hours_by(entries, until: datetime) -> dict[int, float]:
    """Study hours per domain before a moment."""
    totals = {d: 0.0 for d in START}
    for at, minutes, domain, _ in entries:
        if at < until:
            totals[domain] += minutes / 60
    return totals


def write_mock_per_question(path, rng, bp, attempt, at, hours, provider):
    """A 65-question mock as a per-question CSV, questions drawn by domain weight."""
    weights = [d.weight for d in bp.domains]
    rows = ["attempt_id,taken_at,provider,question_id,domain,task,service,correct,seconds,confidence"]
    for q in range(1, 66):
        domain = bp.domains[int(rng.choice(len(weights), p=weights))]
        tasks = [t for t in bp.tasks if t.domain_id == domain.id]
        task = tasks[int(rng.integers(len(tasks)))]
        services = [s for s in bp.services if domain.id in s.domains and s.name in CORE_SERVICES] or [None]
        service = services[int(rng.integers(len(services)))]
        correct = rng.random() < ability(domain.id, hours[domain.id]) - rng.normal(0, 0.05)
        rows.append(f"{attempt},{at:%Y-%m-%d %H:%M},{provider},Q{q},Domain {domain.id}: {domain.name},"
                    f"{task.id},{service.name if service else ''},{'TRUE' if correct else 'FALSE'},"
                    f"{int(rng.integers(30, 150))},{int(rng.integers(1, 6))}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_mock_summary(path, rng, bp, attempt, at, hours, provider):
    """Per-domain results as a learner copies them from a result page."""
    rows = ["Attempt,Date,Platform,Knowledge Area,Correct,Total,Score %"]
    for domain in bp.domains:
        total = max(3, round(65 * domain.weight))
        correct = int(rng.binomial(total, ability(domain.id, hours[domain.id])))
        rows.append(f"{attempt},{at:%Y-%m-%d},{provider},{domain.name},{correct},{total},"
                    f"{100 * correct / total:.0f}%")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_demo_workspace(root: Path, seed: int = 7, today: date | None = None) -> Workspace:
    """Create (or refill) a demo workspace; the same seed and day give the same files.

    Refuses (WorkspaceError) a workspace that is not an earlier demo: the sample learner's
    files would be loaded into the user's own, for good.
    """
    root, today = Path(root), today or date.today()
    if (root / CONFIG_NAME).exists() and not (root / DEMO_MARKER).exists():
        raise WorkspaceError(f"{root.resolve()} is a workspace of your own, not a demo: the demo would mix a sample "
                             "learner's exports into it; pick a new folder, e.g. `examready demo demo-workspace`")
    start = today - timedelta(days=DAYS)
    ws = _create_marked(root, Config(exam="DEA-C01", learner_id="sam", timezone=local_zone_name(),
                                     exam_date=(today + timedelta(days=24)).isoformat()))
    bp = load_blueprint("DEA-C01")
    rng = np.random.default_rng(seed)
    entries = study_log(rng, start)
    for month in sorted({at.strftime("%Y-%m") for at, *_ in entries}):
        write_toggl(ws.inbox / "hours" / f"toggl-detailed-{month}.csv",
                    [e for e in entries if e[0].strftime("%Y-%m") == month])
    for n, day in enumerate(range(8, DAYS, 8), start=1):  # 11 mocks, one every 8 days
        at = datetime.combine(start + timedelta(days=day), datetime.min.time()) + timedelta(hours=19)
        hours, provider = hours_by(entries, at), PROVIDERS[n % len(PROVIDERS)]
        if n % 3 == 0:
            write_mock_summary(ws.inbox / "exams" / f"results-page-{n:02d}.csv", rng, bp,
                               f"{provider.split()[0].lower()}-{n:02d}", at, hours, provider)
        else:
            write_mock_per_question(ws.inbox / "exams" / f"mock-{n:02d}.csv", rng, bp,
                                    f"mock-{n:02d}", at, hours, provider)
    write_notes(ws.inbox / "notes", start, rng)
    return ws


def _create_marked(root: Path, config: Config) -> Workspace:
    """create_workspace, with the demo marker written first: a demo stopped part-way (Ctrl-C) leaves a
    folder the next `examready demo` refills, not one it takes for the user's own workspace."""
    marker = root / DEMO_MARKER
    new_folder, new_marker = not root.exists(), not marker.exists()
    make_folder(root)
    marker.write_text("written by `examready demo`: it may refill this folder\n", encoding="utf-8")
    try:
        return create_workspace(root, config)
    except WorkspaceError:  # e.g. inside another workspace: leave nothing behind
        if new_marker:
            marker.unlink(missing_ok=True)
        if new_folder and not any(root.iterdir()):
            root.rmdir()
        raise
