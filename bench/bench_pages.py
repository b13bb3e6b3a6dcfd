"""Page generation time for the demo workspace: `uv run python -m bench.bench_pages [WORKSPACE]`.

Builds the demo workspace (or uses the one given), then times `reports.site.build_site` on its
warehouse: the imports once, a first build (writes plotly.min.js), then repeated builds as the
pipeline's reports asset runs them. Prints wall and CPU seconds, figures and size per page.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 2.0
REPEATS = 5


def demo_workspace(folder: Path) -> Path:
    """`examready demo` into folder/ws (the same sample every learner sees)."""
    root = folder / "ws"
    subprocess.run([sys.executable, "-m", "examready", "demo", str(root)], check=True, capture_output=True)
    return root


def timed(build) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    build()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(argv[0]).resolve() if argv else demo_workspace(Path(tmp))
        started = time.perf_counter()
        import duckdb

        from pipelines.workspace import find_workspace
        from readiness import model  # noqa: F401  (the pipeline has it loaded before the reports asset)
        from reports.site import build_site, collect_site, expected_figures
        from sources.blueprint import load_blueprint
        imports = time.perf_counter() - started

        ws = find_workspace(root)
        bp = load_blueprint(ws.config.exam)
        out = Path(tmp) / "site"
        con = duckdb.connect(str(ws.db_path), read_only=True)
        args = (con, out, ws.config.learner_id, bp.scoring.pass_mark, ws.exam_date, bp)
        first = timed(lambda: build_site(*args))
        runs = [timed(lambda: build_site(*args)) for _ in range(REPEATS)]
        figures = expected_figures(collect_site(con, *args[2:]))
        con.close()
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"workspace {root}")
        print(f"imports (once per process, already paid inside a pipeline run): {imports:.2f} s")
        print(f"first build (writes plotly.min.js): {first[0]:.2f} s wall, {first[1]:.2f} s CPU")
        print(f"page generation, median of {REPEATS}: {wall:.2f} s wall, {cpu:.2f} s CPU "
              f"(range {min(r[0] for r in runs):.2f}–{max(r[0] for r in runs):.2f} s wall; target < {TARGET_S:.0f} s)")
        pages = sorted(out.glob("*.html"))
        print(f"{len(pages)} pages, {sum(figures.values())} figures, "
              f"{sum(p.stat().st_size for p in pages) / 1024:.0f} KiB HTML + "
              f"{(out / 'plotly.min.js').stat().st_size / 1024:.0f} KiB plotly.min.js (shared)")
        for page in pages:
            print(f"  {page.name:48} {figures.get(page.name, 0):2d} figures {page.stat().st_size / 1024:6.1f} KiB")
        return 0 if wall < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
