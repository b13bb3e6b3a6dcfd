"""A workspace copied with its files' times kept (`cp -a`, a backup restored, the tests' own copies) and
run in its new place reports its own pages: the no-op fast path keeps them relative to the workspace.
Before: the copy's run printed the original folder's page paths."""
from __future__ import annotations

import json
import shutil

from tests.conftest import run_json


def test_a_copy_reports_its_own_pages_without_a_job_run(demo_workspace_readonly, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(demo_workspace_readonly, copy)  # copy2: modification times kept, as cp -a keeps them

    report = run_json("run", "-w", str(copy))
    assert report["pages"]["dashboard"] == str(copy.resolve() / "site" / "dashboard.html"), report["pages"]
    assert all(page.startswith(str(copy.resolve())) for page in report["pages"].values())
    assert report["files"] and {f["status"] for f in report["files"]} == {"unchanged"}
    assert json.loads((copy / ".dagster" / "last-run.json").read_text())["pages"]["dashboard"] == \
        "site/dashboard.html"


def test_a_copy_without_its_pages_builds_them(demo_workspace_readonly, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(demo_workspace_readonly, copy)
    shutil.rmtree(copy / "site")
    report = run_json("run", "-w", str(copy))
    assert (copy / "site" / "dashboard.html").is_file()
    assert report["pages"]["dashboard"] == str(copy.resolve() / "site" / "dashboard.html")
