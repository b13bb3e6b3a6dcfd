"""Step 5 of `make bench`: a learner's Markdown vault, first run on a new workspace vs its floor.

The floor is a bare Python process importing the libraries the run imported plus DuckDB reading every
note's text into a table (`floors.FLOOR_NOTES`). A vault is read once, then only what changed: the no-op run
after it is measured too."""
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


def vault(tmp: Path, notes: int, rows: list, lines: list) -> None:
    """The first run over a vault of `notes` notes, its floor, and the no-op run after it."""
    ws = tmp / "vault"
    check(examready("init", str(ws)), "examready init")
    write_vault(ws / "inbox" / "notes", notes)
    modules = tmp / "vault-modules.json"
    first = check(examready("run", "-w", str(ws), "--json", modules_out=modules), "vault, first run")
    report = json.loads(first.stdout[max(first.stdout.find("{\n"), 0):])  # after any progress bar
    sections = sum(f["rows_loaded"] for f in report["files"])
    libraries = [m for m in json.loads(modules.read_text()) if m != "__main__"]
    modules.write_text(json.dumps(libraries))
    floor = check(measure([sys.executable, "-c", FLOOR_NOTES, str(modules), str(tmp / "vault-floor.duckdb"),
                           str(ws / "inbox" / "notes")], env=bench_env()), "floor of the vault")
    again = check(examready("run", "-w", str(ws), "--json"), "vault, no-op run")
    statuses = sorted({f["status"] for f in json.loads(again.stdout)["files"]})
    per_note = (first.seconds - floor.seconds) / notes * 1000
    rows.append([f"5. Markdown vault, {notes:,} notes ({notes * SECTIONS:,} sections): first run",
                 f"{first.seconds:.1f} s",
                 f"floor {floor.seconds:.1f} s → ratio {first.seconds / floor.seconds:.1f}; {per_note:.0f} ms a note "
                 "above it", "no target", f"{first.max_rss_mb:.0f} MB"])
    rows.append(["   the run after it (nothing new)", f"{again.seconds:.2f} s", "", "", f"{again.max_rss_mb:.0f} MB"])
    lines.append(f"vault: {sections:,} note sections loaded from {len(report['files'])} files; the floor read "
                 f"{floor.stdout.strip()} notes; the next run: {statuses}")
    shutil.rmtree(ws, ignore_errors=True)
