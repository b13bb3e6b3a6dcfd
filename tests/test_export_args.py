"""`examready export` refuses a --out folder it cannot create, and a width or scale that is not positive."""
from __future__ import annotations

import pytest

from tests.conftest import run_cli


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
