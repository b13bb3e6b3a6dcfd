"""A command typed right that the workspace cannot serve: one `Error: …` line, exit 2, no usage banner;
a mistyped command (an unknown option, options that do not go together) keeps Click's banner."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli

BANNER = ("Usage:", "Try '")


def refused(*args: str) -> str:
    """stderr of a command that must exit 2 with one Error line and no usage banner."""
    proc = run_cli(*args, check=False)
    assert proc.returncode == 2, proc.stderr
    assert not any(b in proc.stderr for b in BANNER) and proc.stderr.startswith("Error: "), proc.stderr
    return proc.stderr


def test_an_unknown_exam_or_time_zone_at_init_has_no_banner(tmp_path):
    assert "unknown exam 'DEA-C02'" in refused("init", str(tmp_path / "a"), "--exam", "DEA-C02")
    assert "unknown time zone 'Mars/Base'" in refused("init", str(tmp_path / "b"), "--timezone", "Mars/Base")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


@pytest.mark.parametrize("command", ["init", "demo"])
def test_a_file_where_a_workspace_would_go_has_no_banner(tmp_path, command):
    """Before: Click's banner and "Directory 'afile' is a file" (init), or a traceback for a folder that cannot
    be made (`init /proc/foo`); the file is left as it was and nothing is created."""
    afile = tmp_path / "afile"
    afile.write_text("mine\n")
    assert refused(command, str(afile)).strip() == (f"Error: {afile} is a file, not a folder: give the workspace "
                                                    "a folder (a new one is created)")
    inside = refused(command, str(afile / "ws")).strip()
    assert inside == f"Error: cannot create the workspace folder {afile / 'ws'}: {afile} is a file, not a folder"
    assert afile.read_text() == "mine\n" and sorted(tmp_path.iterdir()) == [afile]


def test_a_workspace_folder_that_cannot_be_made_has_no_banner():
    assert refused("init", "/proc/examready-ws").strip() == ("Error: cannot create the workspace folder "
                                                             "/proc/examready-ws: No such file or directory")


def test_open_before_any_run_has_no_banner(tmp_path):
    run_cli("init", str(tmp_path))
    assert "no pages yet at" in refused("open", "-w", str(tmp_path))


def test_an_unknown_learner_or_attempt_has_no_banner(demo_workspace_readonly):
    ws = str(demo_workspace_readonly)
    assert "unknown learner 'nobody'" in refused("readiness", "-w", ws, "--learner", "nobody")
    assert "no page for attempt 'Practice Test 1'" in refused("open", "-w", ws, "--attempt", "Practice Test 1")


def test_forget_refusals_have_no_banner(demo_workspace):
    ws = str(demo_workspace)
    assert "is still in the inbox" in refused("forget", "-w", ws, "exams/mock-01.csv")
    assert "no loaded version to forget" in refused("forget", "-w", ws, "exams/never-there.csv")
    (demo_workspace / "inbox" / "exams" / "mock-01.csv").unlink()
    run_cli("forget", "-w", ws, "exams/mock-01.csv")
    assert "exams/mock-01.csv is already forgotten" in refused("forget", "-w", ws, "exams/mock-01.csv")
    assert "is the workspace's own learner" in refused("forget", "-w", ws, "--learner", "sam")


@pytest.mark.parametrize("args", [("forget", "--bogus"), ("forget", "--undo"), ("open", "--page", "nope")])
def test_a_mistyped_command_keeps_the_usage_banner(tmp_path, args):
    run_cli("init", str(tmp_path))
    proc = run_cli(*args, "-w", str(tmp_path), check=False)
    assert proc.returncode == 2 and all(b in proc.stderr for b in BANNER), proc.stderr
