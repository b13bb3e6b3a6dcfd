"""Other learners' pages under site/learners/: their folder names, removing those of learners who no
longer count (forgotten, or gone from the warehouse), and rebuilding those that are there."""
from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
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


def learners_with_pages(site_dir: Path, learners: list[str]) -> list[str]:
    """The learners among `learners` whose folder exists under site/learners/ (built by `open --learner`)."""
    root = Path(site_dir) / FOLDER
    if not root.is_dir():
        return []
    present = {p.name for p in root.iterdir() if p.is_dir()}
    return [learner for learner in learners if learner_folder(learner) in present]


def rebuild_learner_pages(con, site_dir: Path, learners: list[str], build_args: dict,
                          progress: Callable[[int, int, str], None] | None = None) -> list[str]:
    """Rebuild the pages of every learner whose folder exists (only those: a big class is not built whole);
    returns the rebuilt folders' paths relative to site_dir. `build_args`: build_site's pass_mark,
    exam_date_of, blueprint and today, as `examready open --learner` passes them."""
    from reports.site import build_site

    rebuilt = []
    todo = learners_with_pages(site_dir, learners)
    for done, learner in enumerate(todo, 1):
        folder = f"{FOLDER}/{learner_folder(learner)}"
        if progress:
            progress(done, len(todo), folder)
        build_site(con, Path(site_dir) / folder, learner, class_dir=site_dir, **build_args)
        rebuilt.append(folder)
    return rebuilt
