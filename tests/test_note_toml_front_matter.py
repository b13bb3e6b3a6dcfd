"""Hugo's TOML front matter (between `+++` lines) is read as YAML front matter is: title, date, tags; broken TOML
keeps the note with a warning naming the file and line (READING_RULES 33). Before, the block was read as the
note's first section's text, the title was the file name and the date the file's modification day."""
from __future__ import annotations

import json
import os
from datetime import date, datetime

import duckdb
import pytest

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace

MODIFIED = date(2026, 2, 10)
SIMPLE = "only simple 'key = value' lines were read"
# name -> (note, title, note date, [(heading, line, words)], warnings without the file name)
CASES = {
    "toml": ('+++\ntitle = "Glue"\ndate = 2026-11-20\ntags = ["glue", "athena"]\n+++\n\n# Crawlers\n\nInfer schemas.\n',
             "Glue", date(2026, 11, 20), [("Crawlers", 7, 2)], []),
    "text above the first heading": ('+++\ntitle = "Glue jobs"\ndate = "2026-11-21"\n+++\nBookmarks.\n# Jobs\nSpark.\n',
                                     "Glue jobs", date(2026, 11, 21), [("Glue jobs", 5, 1), ("Jobs", 6, 1)], []),
    "a date and time": ("+++\ndate = 2026-11-22T10:30:00\n[params]\ntitle = 'not the title'\n+++\n# Athena\nSQL.\n",
                        "a-date-and-time", date(2026, 11, 22), [("Athena", 6, 1)], []),
    "an array left open": ('+++\ntitle = "Glue"\ndate = 2026-11-20\ntags = ["glue",\n  "athena"\n+++\n# Jobs\nSpark.\n',
                           "Glue", date(2026, 11, 20), [("Jobs", 7, 1)],
                           [f"front matter is not valid TOML at line 4 (Unclosed array); {SIMPLE}"]),
    "an array left open, a key after it": ('+++\ntitle = "Glue"\ntags = ["glue",\n  "athena"\ndate = 2026-11-20\n+++\n'
                                           '# Jobs\nSpark.\n', "Glue", date(2026, 11, 20), [("Jobs", 7, 1)],
                                           [f"front matter is not valid TOML at line 3 (Unclosed array); {SIMPLE}"]),
    "a title without quotes": ("+++\ntitle = Glue: ETL\ndate = 2026-11-20\n+++\n# Jobs\nSpark.\n",
                               "Glue: ETL", date(2026, 11, 20), [("Jobs", 5, 1)],
                               [f"front matter is not valid TOML at line 2 (Invalid value); {SIMPLE}"]),
    "no such day": ("+++\ntitle = 'Glue'\ndate = 2026-02-30\n+++\n# Jobs\nSpark.\n", "Glue", MODIFIED,
                    [("Jobs", 5, 1)],
                    [f"front matter is not valid TOML at line 3 (Invalid date or datetime); {SIMPLE}",
                     "front matter date '2026-02-30' at line 3 is not a date (day is out of range for month); "
                     "the note is kept without a date"]),
    "not closed": ('+++\ntitle = "Glue"\n# Jobs\nSpark.\n', "not-closed", MODIFIED,
                   [("not-closed", 1, 4), ("Jobs", 3, 1)],
                   ["front matter is not closed with +++ (opened at line 1); its lines are read as note text, "
                    "title and date are not read"]),
}


def _file(name: str) -> str:
    return name.replace(" ", "-") + ".md"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """Every case a note of one workspace, one real `examready run`: (its --json report, stderr, raw rows)."""
    ws = new_workspace(tmp_path_factory.mktemp("toml") / "ws")
    modified = datetime(2026, 2, 10, 12, 0).timestamp()
    for name, (text, *_) in CASES.items():
        path = ws.inbox / "notes" / _file(name)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (modified, modified))
    proc = run_cli("run", "-w", str(ws.root), "--json")
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        rows = con.execute("SELECT regexp_extract(note_path, '[^/]+$'), title, note_date, heading, line, words, "
                           "warning FROM raw.note_sections ORDER BY note_path, line").fetchall()
    return json.loads(proc.stdout), proc.stderr, rows


@pytest.mark.parametrize("name", CASES)
def test_toml_front_matter_is_read_as_yaml_front_matter_is(loaded, name):
    report, stderr, rows = loaded
    _, title, when, sections, warnings = CASES[name]
    file = _file(name)
    assert [(f["status"], f["rows_loaded"], f["rows_quarantined"]) for f in report["files"]
            if f["path"] == f"notes/{file}"] == [("loaded", len(sections), 0)]
    warning = "; ".join(f"{file}: {w}" for w in warnings) or None
    assert [r[1:] for r in rows if r[0] == file] == [(title, when, h, line, words, warning)
                                                     for h, line, words in sections]
    said = [line for line in stderr.splitlines() if line.startswith(f"examready: notes/{file}:")]
    assert said == [f"examready: notes/{file}: {w}" for w in warnings]


def test_a_toml_date_in_the_future_points_quarantine_at_its_line(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    (ws.inbox / "notes" / "glue.md").write_text('+++\ntitle = "Glue"\n\ndate = 2099-06-01\n+++\n# Jobs\nSpark.\n')
    run_cli("run", "-w", str(ws.root))
    text = run_cli("quarantine", "-w", str(ws.root)).stdout
    assert "notes/glue.md:4 (front matter; holds back 1 section: line 6) [note_date] note date 2099-06-01" in text
