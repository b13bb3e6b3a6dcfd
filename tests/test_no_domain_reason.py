"""A question labelled only by a service that serves several domains is held back (a domain is never guessed)
with a reason saying so, in `quarantine` on both ingestion paths and in `inspect`; a label matching nothing
keeps its reason."""
from __future__ import annotations

from tests.conftest import run_cli
from tests.test_bulk_ingest import _both_paths, _quarantine

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
