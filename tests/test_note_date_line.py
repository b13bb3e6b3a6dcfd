"""A note held back for a front matter date in the future is pointed at the date's line, the line to fix.
Before (found by an exploratory probe of the notes): `quarantine` gave its sections' heading lines ('notes/
glue.md lines 6, 10 (2 lines) … a typo in the date? Fix it'), where there is no date to fix."""
from __future__ import annotations

from tests.conftest import run_cli

NOTE = "---\ntitle: Glue\ndate: 2027-06-01\n---\n\n# Crawlers\n\nInfer schemas.\n\n# Jobs\n\nSpark ETL.\n"


def test_the_date_line_is_the_line_to_fix(tmp_path):
    root = tmp_path / "ws"
    run_cli("init", str(root), "--exam", "DEA-C01")
    note = root / "inbox" / "notes" / "glue.md"
    note.write_text(NOTE)
    (root / "inbox" / "notes" / "one.md").write_text("---\ncreated: 2027-06-01\n---\nInfer schemas.\n")
    run_cli("run", "-w", str(root))
    text = run_cli("quarantine", "-w", str(root)).stdout
    assert ("notes/glue.md:3 (front matter; holds back 2 sections: lines 6, 10) [note_date] note date "
            "2027-06-01 is in the future") in text
    assert "notes/one.md:2 (front matter; holds back 1 section: line 4) [note_date]" in text
    assert "lines 6, 10 (2 lines)" not in text

    note.unlink()  # no file to read the date's line from: the sections' lines, as kept in raw
    assert "notes/glue.md lines 6, 10 (2 lines) [note_date]" in run_cli("quarantine", "-w", str(root)).stdout
