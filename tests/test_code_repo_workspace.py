"""The code repo is never the workspace (design: The workspace): `init` and `demo` refuse a checkout's
folders, and no command takes an examready.yaml there for its workspace; `make demo`'s gitignored
demo-workspace/ inside the checkout stays a workspace."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run_cli

REPO = Path(__file__).resolve().parent.parent


def checkout(tmp_path: Path) -> Path:
    """A copy of the checkout's pyproject.toml, .gitignore and one code folder."""
    repo = tmp_path / "examready"
    (repo / "sources").mkdir(parents=True)
    for name in ("pyproject.toml", ".gitignore"):
        shutil.copy(REPO / name, repo / name)
    return repo


def test_init_refuses_the_code_repo_and_its_code_folders_writing_nothing(tmp_path):
    repo = checkout(tmp_path)
    for folder in (repo, repo / "sources", repo / "sources" / "new"):
        refused = run_cli("init", str(folder), check=False)
        assert refused.returncode == 2, refused.stdout
        assert f"Error: {folder} is " in refused.stderr and "code repo" in refused.stderr
        assert "never the workspace" in refused.stderr
    assert sorted(p.name for p in repo.rglob("*")) == [".gitignore", "pyproject.toml", "sources"]
    refused = run_cli("init", cwd=repo, check=False)  # `examready init .` in the checkout
    assert refused.returncode == 2 and f"{repo} is the examready code repo" in refused.stderr
    assert not (repo / "examready.yaml").exists()


def test_a_gitignored_folder_of_the_checkout_is_a_workspace_as_make_demo_makes_it(tmp_path):
    from pipelines.code_repo import code_repo_of

    repo = checkout(tmp_path)
    assert "workspace ready" in run_cli("init", str(repo / "demo-workspace")).stdout
    assert run_cli("quarantine", cwd=repo / "demo-workspace" / "inbox").returncode == 0  # found from inside it
    assert code_repo_of(REPO / "demo-workspace") is None and code_repo_of(REPO / "sources") == REPO


def test_an_examready_yaml_in_the_code_repo_is_no_workspace_for_a_command_run_there(tmp_path):
    repo = checkout(tmp_path)
    (repo / "examready.yaml").write_text('exam: "DEA-C01"\nlearner_id: "me"\ntimezone: "UTC"\n')  # an older init
    for cwd in (repo, repo / "sources"):
        proc = run_cli("run", cwd=cwd, check=False)
        assert proc.returncode == 2 and f"no examready workspace at {cwd}: " in proc.stderr
        assert "code repo" in proc.stderr and not (repo / "inbox").exists()
    named = run_cli("run", "-w", str(repo), check=False)
    assert named.returncode == 2 and f"{repo} is the examready code repo" in named.stderr
