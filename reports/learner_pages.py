"""Other learners' pages under site/learners/: their folder names, and removing those of learners who no
longer count (forgotten, or gone from the warehouse)."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

FOLDER = "learners"


def learner_folder(learner: str) -> str:
    """A folder name for a learner's pages: readable, and distinct for ids that read alike (ana.b, ana-b)."""
    slug = re.sub(r"[^a-z0-9]+", "-", learner.lower()).strip("-")[:40] or "learner"
    return f"{slug}-{hashlib.sha256(learner.encode()).hexdigest()[:6]}"


def remove_stale_learner_pages(site_dir: Path, learners: list[str]) -> list[str]:
    """Delete site/learners/<folder> of every learner not in `learners`; returns the removed folders'
    paths relative to site_dir (sorted)."""
    root = Path(site_dir) / FOLDER
    if not root.is_dir():
        return []
    keep = {learner_folder(learner) for learner in learners}
    removed = sorted(p for p in root.iterdir() if p.is_dir() and p.name not in keep)
    for folder in removed:
        shutil.rmtree(folder)
    return [f"{FOLDER}/{p.name}" for p in removed]
