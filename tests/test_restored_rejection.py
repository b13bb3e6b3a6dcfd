"""A file changed, rejected, then put back to the bytes that count: its old rejection is not shown as
current (`quarantine`, its --json, and the inbox sensor), while a rejection of the bytes in the file is."""
from __future__ import annotations

import json

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

EXPORT = "attempt_id,taken_at,question_id,domain,correct\nm1,2026-11-20 10:00,1,D1,true\nm1,2026-11-20 10:01,2,D2,false\n"


def _quarantine(root: str) -> tuple[dict, str]:
    return json.loads(run_cli("quarantine", "--json", "-w", root).stdout), run_cli("quarantine", "-w", root).stdout


def test_a_rejection_of_bytes_no_longer_in_the_file_is_not_shown(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    root, path = str(ws.root), ws.inbox / "exams" / "m1.csv"
    path.write_text(EXPORT)
    run_cli("run", "-w", root)
    path.write_bytes(b"")  # changed and rejected
    assert run_cli("run", "-w", root, check=False).returncode == 1
    data, text = _quarantine(root)
    assert [r["path"] for r in data["rejected"]] == ["exams/m1.csv"] and "rejected exams/m1.csv" in text
    path.write_text(EXPORT)  # put back: the version that counts, no new ledger row
    statuses = {f["path"]: f["status"] for f in json.loads(run_cli("run", "--json", "-w", root).stdout)["files"]}
    assert statuses == {"exams/m1.csv": "unchanged"}
    data, text = _quarantine(root)
    assert data["rejected"] == [] and "rejected" not in text.replace("0 rejected files", "")
    path.write_bytes(b"")  # the rejected bytes again: the run rejects them again (no new ledger row), shown again
    assert run_cli("run", "-w", root, check=False).returncode == 1
    data, text = _quarantine(root)
    assert [(r["path"], r["still_counts"]) for r in data["rejected"]] == [("exams/m1.csv", True)]
    assert "rejected exams/m1.csv (its version loaded before still counts until this one can be read):" in text


def test_the_inbox_sensor_asks_no_run_for_a_file_put_back_to_the_version_that_counts(tmp_path):
    """Loaded, changed and rejected, put back (`examready run` reports it `unchanged`): the sensor's
    ledger holds its bytes, on a running cursor and on the first evaluation alike."""
    import os
    import time

    from tests.helpers_workspace import ingest
    from tests.test_sensors import EXPORT as SENSED, drop, evaluate

    ws = new_workspace(tmp_path / "ws", learner="sam")
    _, _, cursor = evaluate(ws)
    path = drop(ws, text=SENSED)
    assert {r.status for r in ingest(ws)} == {"loaded"}
    for text, status in ((b"", "rejected"), (SENSED.encode(), "unchanged")):
        path.write_bytes(text)
        stamp = time.time_ns() + (2_000_000_000 if status == "unchanged" else 1_000_000_000)
        os.utime(path, ns=(stamp, stamp))
        assert [r.status for r in ingest(ws)] == [status]
    runs, skip, cursor = evaluate(ws, cursor)
    assert runs == [] and skip.startswith("waiting for 1 file(s) to stop changing")
    for _ in range(2):
        runs, skip, cursor = evaluate(ws, cursor)
        assert runs == [] and skip == "no new or changed inbox files"
    runs, skip, first = evaluate(ws)
    assert runs == [] and skip == "no new or changed inbox files" and "exams/mock-01.csv" in json.loads(first)["seen"]
