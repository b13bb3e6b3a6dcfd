"""`examready export` refuses a --out folder it cannot create, and a width or scale that is not positive."""
from __future__ import annotations

from pathlib import Path

import pytest

from reports.export import find_chromium
from tests.conftest import chromium_or_fail, run_cli


@pytest.mark.parametrize("under", ["/proc", "a regular file"])
def test_an_out_folder_that_cannot_be_created_is_one_line_naming_it(demo_workspace_readonly, tmp_path, under):
    """A folder under /proc, or under a regular file: exit code 2 and one line with the path, no traceback."""
    if under == "/proc":
        out = "/proc/nope"
    else:
        (tmp_path / "file").write_text("not a folder\n")
        out = str(tmp_path / "file" / "png")
    proc = run_cli("export", "-w", str(demo_workspace_readonly), "--out", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Usage:" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines() == [f"Error: cannot write the images to {out} "
                                                f"({'No such file or directory' if under == '/proc' else 'Not a directory'})"
                                                ": give --out a folder you can create and write"]
    assert proc.stdout == ""


@pytest.mark.parametrize("option, value, least", [("--width", "0", "100"), ("--width", "9", "100"), ("--width", "-5", "100"),
                                                  ("--scale", "0", "0.1"), ("--scale", "0.001", "0.1"),
                                                  ("--scale", "-1", "0.1")])
def test_a_width_or_scale_too_small_for_an_image_is_a_usage_error(demo_workspace_readonly, tmp_path, option, value, least):
    """No image is written at a default size (Plotly ignores widths under 10) or as no PNG at all (scale 0.001):
    exit code 2 naming the option."""
    proc = run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(tmp_path), option, value, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"Invalid value for '{option}'" in proc.stderr and f"is not in the range x>={least}" in proc.stderr, proc.stderr
    assert not list(tmp_path.glob("*.png"))


def test_an_out_path_that_is_a_file_is_one_line_naming_it(demo_workspace_readonly, tmp_path):
    """Before: Click's usage banner and "Directory 'outfile' is a file" (found by a probe of the CLI); the file
    is left as it was."""
    out = tmp_path / "outfile"
    out.write_text("mine\n")
    proc = run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), check=False)
    assert proc.returncode == 2 and "Usage:" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines() == [f"Error: cannot write the images to {out}: it is a file; give --out "
                                                "a folder you can create and write"]
    assert out.read_text() == "mine\n"


@pytest.mark.parametrize("given", ["a file", "examready.yaml"])
def test_a_workspace_option_naming_a_file_says_which_folder_to_pass(demo_workspace_readonly, tmp_path, given):
    path = demo_workspace_readonly / "examready.yaml" if given == "examready.yaml" else tmp_path / "notes.txt"
    if given == "a file":
        path.write_text("not a workspace\n")
    proc = run_cli("readiness", "-w", str(path), check=False)
    folder = f"its folder, {demo_workspace_readonly}" if given == "examready.yaml" else "the folder holding examready.yaml"
    assert proc.returncode == 2 and "Usage:" not in proc.stderr, proc.stderr
    assert proc.stderr.strip() == f"Error: {path} is a file, not a workspace folder: pass --workspace {folder}"


@pytest.mark.parametrize("case", ["a browser that exits", "a long temp dir"])
def test_a_browser_that_does_not_start_is_one_line_saying_what_to_do(demo_workspace_readonly, tmp_path, case):
    """Before: choreographer's BrowserFailedError as a traceback. Chromium puts its socket under TMPDIR: from a
    path of 63 characters on, it closes at once."""
    chromium_or_fail()
    env = {"BROWSER_PATH": "/bin/false"} if case == "a browser that exits" else {"TMPDIR": str(tmp_path / ("x" * 70))}
    Path(env.get("TMPDIR", tmp_path)).mkdir(exist_ok=True)
    proc = run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(tmp_path / "png"), env=env, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    browser = env.get("BROWSER_PATH") or find_chromium()
    why = "to see why, or set BROWSER_PATH" if case == "a browser that exits" else \
        f"whose path is long ({len(env['TMPDIR'])} characters, {env['TMPDIR']}; Chromium failed here from 63): set TMPDIR"
    assert proc.stderr.strip().splitlines()[-1].startswith(f"Error: the browser {browser} closed right after it started")
    assert why in proc.stderr
    assert not list((tmp_path / "png").glob("*.png"))
