"""Moodle attempt ids name a person by a pseudonym of the email, not the email (sources/moodle.py).

Through the real pipeline (Dagster job, warehouse file, pages): no page name or page shows the
email; a warehouse built when ids carried the email's slug ends up with each attempt once.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from sources.moodle import pseudonym

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
EXPORT, MAP = "moodle_grades.csv", "moodle_grades_map.csv"


def run(ws):
    """One run of the refresh job on the workspace; its file reports by path."""
    from tests.helpers_workspace import run_refresh

    return {f["path"]: f["status"] for f in run_refresh(ws).files}


def workspace(root: Path, export_text: str):
    from tests.helpers_workspace import new_workspace

    ws = new_workspace(root)
    (ws.inbox / "exams" / EXPORT).write_text(export_text, encoding="utf-8")
    shutil.copy(INPUTS / MAP, ws.inbox / "exams" / MAP)
    return ws


@pytest.mark.parametrize("one, other, same", [
    ("alex@example.com", " Alex@Example.COM ", True), ("alex@example.com", "sam@example.com", False),
    ("alex@example.com", "alex@example.org", False)])
def test_a_pseudonym_is_short_stable_and_tells_people_apart(one, other, same):
    assert re.fullmatch(r"p[0-9a-f]{8}", pseudonym(one))
    assert (pseudonym(one) == pseudonym(other)) is same
    assert pseudonym("  ") == ""


def test_own_export_pages_show_no_email(tmp_path):
    """A learner's own export (one person): the attempt pages are named and titled by the pseudonym."""
    lines = (INPUTS / EXPORT).read_text(encoding="utf-8").splitlines()
    ws = workspace(tmp_path / "ws", "\n".join([lines[0]] + [x for x in lines if x.startswith("Doe,")]) + "\n")
    assert run(ws)[f"exams/{EXPORT}"] == "loaded"
    pages = sorted(p.name for p in ws.site_dir.glob("attempt-*.html"))
    assert pages and all(pseudonym("alex@example.com") in name for name in pages), pages
    for page in ws.site_dir.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alex@example.com" not in text and "alex-example-com" not in text, page.name
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT DISTINCT attempt_id FROM marts.attempts ORDER BY 1").fetchall()]
    assert ids == ["moodle-p6db61e6d-20260209T2105", "moodle-p6db61e6d-20260216T2000"]


def _as_built_before(ws) -> None:
    """Turn the warehouse into one the previous version wrote: ids with the email's slug, and loads
    without reading rules (the ledger's `rules` column came after; `ledger.READING_RULES`)."""
    with duckdb.connect(str(ws.db_path)) as con:
        for email in ("alex@example.com", "sam@example.com"):
            con.execute("UPDATE raw.answers SET attempt_id = replace(attempt_id, ?, ?) WHERE source = 'moodle'",
                        [pseudonym(email), re.sub(r"[^a-z0-9]+", "-", email)])
        con.execute("UPDATE raw.file_events SET rules = NULL")


STAGED = [("alex@example.com", "moodle-p6db61e6d-20260209T2105", 6),
          ("alex@example.com", "moodle-p6db61e6d-20260216T2000", 6),
          ("sam@example.com", "moodle-pcd25a617-20260210T0712", 5)]  # Sam's Q6 awaits grading


@pytest.mark.parametrize("reexport", [None, "moodle_grades_again.csv"], ids=["same file", "re-export beside it"])
def test_a_warehouse_built_with_email_ids_is_read_again_with_no_attempt_twice(tmp_path, reexport):
    ws = workspace(tmp_path / "ws", (INPUTS / EXPORT).read_text(encoding="utf-8"))
    assert run(ws)[f"exams/{EXPORT}"] == "loaded"
    _as_built_before(ws)
    if reexport:  # the teacher downloads the same report again under another name
        shutil.copy(INPUTS / EXPORT, ws.inbox / "exams" / reexport)
    statuses = run(ws)
    assert statuses[f"exams/{EXPORT}"] == "replaced"  # read again: its new load replaces the old one
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        staged = con.execute("SELECT learner_id, attempt_id, count(*) FROM staging.answers "
                             "GROUP BY ALL ORDER BY ALL").fetchall()
        evidence = con.execute("SELECT count(DISTINCT (learner_id, attempt_id)), sum(total) "
                               "FROM marts.domain_evidence").fetchone()
    assert staged == STAGED
    assert evidence == (3, 17)
