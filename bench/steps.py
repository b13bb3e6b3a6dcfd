"""Seconds per Dagster step of a workspace's latest run: `python -m bench.steps WORKSPACE` prints JSON."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def step_seconds(workspace: Path) -> dict[str, float]:
    """{step key: seconds} of the latest run recorded in the workspace's Dagster instance."""
    os.environ["DAGSTER_HOME"] = str(workspace / ".dagster")
    import dagster as dg

    instance = dg.DagsterInstance.get()
    runs = instance.get_runs(limit=1)
    if not runs:
        return {}
    stats = instance.get_run_step_stats(runs[0].run_id)
    return {s.step_key: round(s.end_time - s.start_time, 2) for s in sorted(stats, key=lambda s: s.start_time or 0)
            if s.start_time and s.end_time}


if __name__ == "__main__":
    print(json.dumps(step_seconds(Path(sys.argv[1]))))
