"""An umbrella word written in two cases ('Kinesis' in one export, 'kinesis' in another) is one word: `gaps`
and the coverage page list its questions once, under the spelling most of them use (docs/cli.md, gaps)."""
from __future__ import annotations

import html

from tests.conftest import run_cli, run_json

KINESIS = ["Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Managed Service for Apache Flink"]
HEADER = "attempt_id,taken_at,question_id,domain,service,correct\n"


def test_an_umbrella_word_in_two_cases_is_listed_once(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    exams = root / "inbox" / "exams"
    (exams / "td.csv").write_text(HEADER + "td,2026-11-20 10:00,1,D1,Kinesis,true\n"
                                  "td,2026-11-20 10:00,2,D1,Kinesis,false\n")
    (exams / "udemy.csv").write_text(HEADER + "ud,2026-11-21 10:00,1,D1,kinesis,true\n")
    run_cli("run", "-w", str(root))
    data = run_json("gaps", "-w", str(root))
    assert data["ambiguous_services"] == [{"label": "Kinesis", "services": KINESIS, "questions": 3,
                                           "anki_reviews": 0, "accuracy": 0.667, "domains": [1]}]
    assert "services ambiguous (1): 3 questions labelled 'Kinesis'" in run_cli("gaps", "-w", str(root)).stdout
    page = html.unescape((root / "site" / "coverage.html").read_text())
    assert "Amazon Kinesis Data Streams (perhaps in the 3 questions labelled 'Kinesis')," in page
    assert "labelled 'kinesis'" not in page
