"""Step 5 of `make bench`: a learner's Markdown vault, first run on a new workspace vs its floor.

The floor is a bare Python process importing the libraries the run imported plus DuckDB reading every
note's text into a table (`floors.FLOOR_NOTES`). A vault is read once, then only what changed: the no-op run
after it is measured too, and the daily case, a run after one note was edited, against the same floor over that
one note."""
from __future__ import annotations

import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.floors import FLOOR_NOTES
from bench.measure import bench_env, check, examready, measure

SERVICES = ["AWS Glue", "Amazon Athena", "Amazon Redshift", "Amazon EMR", "Kinesis Data Streams", "Amazon S3",
            "Lake Formation", "Step Functions", "Amazon DynamoDB", "AWS Lambda", "Amazon MSK", "EventBridge"]
WORDS = "partition schema crawler job bookmark shard consumer table query cost encryption role policy".split()
SECTIONS = 4


def write_vault(folder: Path, notes: int, today: date | None = None) -> list[Path]:
    """An Obsidian-like vault, the same for the same arguments: `notes` notes in 20 folders, each with front
    matter (title, a date in the 25 days before `today`, tags) and SECTIONS sections naming services."""
    rng, today = random.Random(0), today or date.today()
    written = []
    for i in range(notes):
        path = folder / f"topic {i % 20}" / f"note {i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = [f"---\ntitle: Note {i}\ndate: {today - timedelta(days=1 + i % 25):%Y-%m-%d}\ntags: [aws, dea]\n---\n"]
        for _ in range(SECTIONS):
            body.append(f"## {rng.choice(SERVICES)} {rng.choice(WORDS)}\n\n"
                        + " ".join(rng.choice(WORDS) for _ in range(60))
                        + f" with {rng.choice(SERVICES)}.\n\n- point one\n- point two [[link]]\n")
        path.write_text("\n".join(body), encoding="utf-8")
        written.append(path)
    return written


def run_with_floor(ws: Path, notes_folder: Path, tmp: Path, name: str):
    """`examready run` of the workspace, then its floor: the libraries that run imported plus DuckDB reading the
    notes of `notes_folder`; (run, its report, floor)."""
    modules = tmp / f"{name}-modules.json"
    run = check(examready("run", "-w", str(ws), "--json", modules_out=modules), f"{name}, run")
    report = json.loads(run.stdout[max(run.stdout.find("{\n"), 0):])  # after any progress bar
    modules.write_text(json.dumps([m for m in json.loads(modules.read_text()) if m != "__main__"]))
    floor = check(measure([sys.executable, "-c", FLOOR_NOTES, str(modules), str(tmp / f"{name}-floor.duckdb"),
                           str(notes_folder)], env=bench_env()), f"floor of {name}")
    return run, report, floor


def edit_one_note(ws: Path, tmp: Path) -> Path:
    """A section added to one note of the vault (the day's edit); a folder holding a copy of it alone."""
    notes = sorted((ws / "inbox" / "notes").rglob("*.md"))
    note = notes[len(notes) // 2]
    note.write_text(note.read_text(encoding="utf-8") + "\n## AWS Glue job bookmark\n\nAdded the next day.\n",
                    encoding="utf-8")
    alone = tmp / "vault-one-note"
    alone.mkdir()
    shutil.copy(note, alone / note.name)
    return alone


def vault(tmp: Path, notes: int, rows: list, lines: list) -> None:
    """The first run over a vault of `notes` notes, its floor, the no-op run after it, and a run after one note
    was edited, with its floor."""
    ws = tmp / "vault"
    check(examready("init", str(ws)), "examready init")
    write_vault(ws / "inbox" / "notes", notes)
    first, report, floor = run_with_floor(ws, ws / "inbox" / "notes", tmp, "vault")
    sections = sum(f["rows_loaded"] for f in report["files"])
    again = check(examready("run", "-w", str(ws), "--json"), "vault, no-op run")
    statuses = sorted({f["status"] for f in json.loads(again.stdout)["files"]})
    per_note = (first.seconds - floor.seconds) / notes * 1000
    rows.append([f"5. Markdown vault, {notes:,} notes ({notes * SECTIONS:,} sections): first run",
                 f"{first.seconds:.1f} s",
                 f"floor {floor.seconds:.1f} s → ratio {first.seconds / floor.seconds:.1f}; {per_note:.0f} ms a note "
                 "above it", "no target", f"{first.max_rss_mb:.0f} MB"])
    rows.append(["   the run after it (nothing new)", f"{again.seconds:.2f} s", "", "", f"{again.max_rss_mb:.0f} MB"])
    daily, daily_report, daily_floor = run_with_floor(ws, edit_one_note(ws, tmp), tmp, "vault-one-note")
    rows.append(["   then one note edited: the run", f"{daily.seconds:.2f} s",
                 f"floor {daily_floor.seconds:.2f} s (that note alone) → ratio {daily.seconds / daily_floor.seconds:.2f}",
                 "no target", f"{daily.max_rss_mb:.0f} MB"])
    counted = {status: sum(f["status"] == status for f in daily_report["files"])
               for status in sorted({f["status"] for f in daily_report["files"]})}
    lines.append(f"vault: {sections:,} note sections loaded from {len(report['files'])} files; the floor read "
                 f"{floor.stdout.strip()} notes; the next run: {statuses}; after one note edited: {counted}, "
                 f"its floor read {daily_floor.stdout.strip()} note")
    shutil.rmtree(ws, ignore_errors=True)
