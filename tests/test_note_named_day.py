"""A note without a date in its front matter is dated by the date its name begins with (an Obsidian daily note, a
Logseq journal), before its file's modification day. Found by an exploratory pass: journals copied or synced on
7 Dec were all dated 7 Dec, and `readiness --as-of` counts notes by that date."""
from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import duckdb
import pytest

from sources.datetimes import named_day
from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace


@pytest.mark.parametrize("stem, day", [
    ("2026-10-12", date(2026, 10, 12)), ("2026_10_05", date(2026, 10, 5)), ("2026.10.05", date(2026, 10, 5)),
    ("2026-10-12 Monday", date(2026, 10, 12)), ("2026-10-12-glue", date(2026, 10, 12)),
    ("2026-02-30", None), ("2026-10-123", None), ("glue 2026-10-12", None), ("glue", None), ("20261012", None)])
def test_named_day(stem, day):
    assert named_day(stem) == day


def test_daily_notes_and_journals_are_dated_by_their_names(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    notes = ws.inbox / "notes"
    (notes / "journals").mkdir()
    (notes / "2026-10-12.md").write_text("# Glue crawlers\n\nAWS Glue crawlers infer schemas.\n")
    (notes / "journals" / "2026_10_05.md").write_text("- Read about Amazon Kinesis Data Streams shards\n")
    (notes / "2099-01-01.md").write_text("# Plan\n\nAmazon Redshift sort keys.\n")
    (notes / "athena.md").write_text("# Athena\n\nAmazon Athena reads S3.\n")
    written = datetime(2026, 9, 1, 12).timestamp()
    for note in notes.rglob("*.md"):
        os.utime(note, (written, written))
    run_cli("run", "-w", str(ws.root))
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        got = dict(con.execute("SELECT file, note_date FROM marts.notes").fetchall())
    ahead = got.pop("notes/2099-01-01.md")  # a name dated ahead: the day it is read (learner's zone, so ±1 day)
    assert abs(ahead - date.today()) <= timedelta(days=1)
    assert got == {"notes/2026-10-12.md": date(2026, 10, 12), "notes/journals/2026_10_05.md": date(2026, 10, 5),
                   "notes/athena.md": date(2026, 9, 1)}
