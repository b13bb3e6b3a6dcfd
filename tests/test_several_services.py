"""A question whose service label names several services ('Athena; S3') counts for each in coverage, an umbrella
word beside a service ('Kinesis, Glue') is listed apart as 'Kinesis' alone is, and the question counts once in
its domain's readiness; through real `examready` processes (docs/formats.md, docs/cli.md)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from tests.conftest import run_cli, run_json

KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]
# No domain column: each question's domain is the one its services all serve (D1 for every label here)
MOCK = ("attempt_id,taken_at,question_id,service,correct\n"
        'm1,2026-11-20 10:00,1,"Kinesis, Glue",true\n'
        "m1,2026-11-20 10:01,2,Athena; S3,false\n"
        "m1,2026-11-20 10:02,3,Kinesis,true\n"
        "m1,2026-11-20 10:03,4,Amazon Kinesis Data Streams,false\n")


def _text(path: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_a_question_naming_several_services_counts_for_each_and_once_in_its_domain(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01", "--exam-date", "2027-02-01")
    (root / "inbox" / "exams" / "m1.csv").write_text(MOCK)
    run = run_cli("run", "-w", str(root))
    assert "0 quarantined" in run.stdout
    assert (f"the service 'Kinesis' (in 'Kinesis, Glue') could be any of 3 services ({', '.join(KINESIS)})"
            in run.stderr)
    assert "Athena; S3" not in run.stderr  # it names its services: nothing to say

    gaps = run_json("gaps", "-w", str(root))
    practised = {s["name"]: (s["questions"], s["accuracy"]) for s in gaps["services"] if s["questions"]}
    assert practised == {"AWS Glue": (1, 1.0), "Amazon Athena": (1, 0.0), "Amazon S3": (1, 0.0),
                         "Amazon Kinesis Data Streams": (1, 0.0)}
    assert gaps["ambiguous_services"] == [{"label": "Kinesis", "services": KINESIS, "questions": 2,
                                           "anki_reviews": 0, "accuracy": 1.0, "domains": [1]}]
    readiness = run_json("readiness", "-w", str(root))
    assert [(d["id"], d["questions"]) for d in readiness["domains"]] == [(1, 4), (2, 0), (3, 0), (4, 0)]

    site = root / "site"
    coverage = _text(site / "coverage.html")
    assert ("Questions naming no single service: 2 questions labelled 'Kinesis' could be any of: "
            f"{', '.join(KINESIS)} (100% correct); counted in the readiness of D1, for none of these services."
            ) in coverage
    assert "Amazon Data Firehose (perhaps in the 2 questions labelled 'Kinesis')" in coverage
    assert "(2 of them perhaps in the 2 questions labelled 'Kinesis')" in _text(site / "index.html")
    attempt = _text(next(site.glob("attempt-m1-*.html")))
    assert f"Not in this chart: 2 questions labelled 'Kinesis' (could be any of: {', '.join(KINESIS)}; 0 missed)." \
        in attempt

    again = run_cli("run", "-w", str(root))
    assert re.search(r"^unchanged\s+exams/m1\.csv", again.stdout, flags=re.M)
    assert run_json("gaps", "-w", str(root)) == gaps
    assert run_json("readiness", "-w", str(root))["domains"] == readiness["domains"]
