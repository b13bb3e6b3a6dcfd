"""Ctrl-C during `export --png` leaves the images of the last whole export as they were, and no half of
the new one: the images are rendered in a hidden folder beside them and moved in once all are done.
Before (measured on the demo): Ctrl-C at the first new image left none of the 44 earlier images. Nor does it
leave the browser's folders in the temp dir (two each time before 7 Dec 2026, noon)."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import chromium_or_fail, run_cli


def _first_png(out, start: float, timeout: float = 120) -> None:
    """Wait until the export writes its first image anywhere under `out`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.stat().st_mtime > start for p in out.rglob("*.png")):
            return
        time.sleep(0.05)
    pytest.fail(f"no image written under {out} in {timeout} s")


@pytest.fixture
def short_temp():
    """A temp dir of this test's own, its path short: Chromium's socket path under TMPDIR must fit 107 bytes."""
    folder = Path(tempfile.mkdtemp())
    yield folder
    shutil.rmtree(folder)


def test_ctrl_c_keeps_the_last_whole_export(demo_workspace_readonly, tmp_path, short_temp):
    chromium_or_fail()
    out = tmp_path / "png"
    run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), "--width", "400")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    start = time.time()
    export = subprocess.Popen([sys.executable, "-m", "examready", "export", "-w", str(demo_workspace_readonly),
                               "--out", str(out), "--width", "700"], start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TMPDIR": str(short_temp)})
    try:
        _first_png(out, start)
        os.killpg(export.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole group
        _, stderr = export.communicate(timeout=120)
    finally:
        export.kill()
    assert export.returncode == 130, stderr
    assert "interrupted (Ctrl-C)" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing new, nothing gone, no hidden folder
    assert list(short_temp.iterdir()) == []  # the killed browser's profile and Chromium's own folder were left here

    run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), "--width", "700",
            env={"TMPDIR": str(short_temp)})
    assert list(short_temp.iterdir()) == []
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.keys() == before.keys() and all(after[name] != before[name] for name in before)


def test_a_killed_exports_hidden_folder_is_removed_by_the_next_export(demo_workspace_readonly, tmp_path):
    """A killed export (no Ctrl-C handler runs) leaves its hidden folder of half-rendered images; the next
    export into the same place removes it. Before: it stayed, one more after each kill."""
    chromium_or_fail()
    out = tmp_path / "png"
    out.mkdir()
    start = time.time()
    export = subprocess.Popen([sys.executable, "-m", "examready", "export", "-w", str(demo_workspace_readonly),
                               "--out", str(out), "--width", "400"], start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _first_png(out, start)
        os.killpg(export.pid, signal.SIGKILL)
    finally:
        export.kill()
        export.wait(timeout=60)
    left = [p for p in out.iterdir() if p.name.startswith(".export-")]
    assert [p.name.split("-")[1] for p in left] == [str(export.pid)] and any(left[0].iterdir())

    run_cli("export", "-w", str(demo_workspace_readonly), "--out", str(out), "--width", "400")
    assert not any(p.name.startswith(".export-") for p in out.iterdir())
    assert len(list(out.glob("*.png"))) > 10


@pytest.mark.parametrize("fails", [False, True])
def test_the_browsers_folders_are_removed_after(tmp_path, monkeypatch, fails):
    from reports.browser_env import browser_env

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", None)
    ours, other = tmp_path / "org.chromium.Chromium.AbhqRI", tmp_path / "org.chromium.Chromium.other"
    with pytest.raises(KeyboardInterrupt) if fails else contextlib.nullcontext():
        with browser_env("/usr/bin/chromium"):
            assert os.environ["BROWSER_PATH"] == "/usr/bin/chromium"
            for socket_folder in (ours, other):  # a profile as choreographer makes it, its socket folder in TMPDIR
                profile = Path(tempfile.mkdtemp())
                assert profile.parent.parent == tmp_path
                socket_folder.mkdir()
                (socket_folder / "SingletonSocket").touch()
                (socket_folder / "SingletonCookie").symlink_to("1105147")
                (profile / "SingletonSocket").symlink_to(socket_folder / "SingletonSocket")
            (other / "data").touch()  # more than Chromium's two files: not removed
            if fails:
                raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == [other] and len(list(other.iterdir())) == 3
    assert tempfile.gettempdir() == str(tmp_path) and "BROWSER_PATH" not in os.environ


def test_a_browser_killed_before_its_profile_links_its_socket_leaves_nothing_in_the_temp_dir(short_temp, monkeypatch):
    """Chromium makes its socket folder under TMPDIR first and links it from the profile after; a Ctrl-C between
    the two, or choreographer removing the profile first, left the folder (CI, 7 Dec 2026). The browser's TMPDIR is
    now the export's own folder. Here: a real Chromium, killed, its profile removed before browser_env ends."""
    from reports.browser_env import browser_env

    monkeypatch.setenv("TMPDIR", str(short_temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with browser_env(chromium_or_fail()):
        profile = Path(tempfile.mkdtemp())
        chromium = subprocess.Popen([os.environ["BROWSER_PATH"], "--headless", "--no-sandbox", "--remote-debugging-port=0",
                                     f"--user-data-dir={profile}", "about:blank"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not list(profile.parent.glob("org.chromium.Chromium.*")) and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            chromium.kill()
            chromium.wait(timeout=30)
        assert list(profile.parent.glob("org.chromium.Chromium.*")), "the socket folder is beside the profile"
        shutil.rmtree(profile)
    assert list(short_temp.iterdir()) == []
    assert os.environ["TMPDIR"] == str(short_temp)


def test_a_temp_dir_too_long_for_the_socket_in_a_folder_below_it_is_kept_for_the_browser(tmp_path, monkeypatch):
    from reports.browser_env import LONGEST_SOCKET_TMPDIR, browser_env

    long_temp = tmp_path / ("t" * LONGEST_SOCKET_TMPDIR)
    long_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(long_temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    with browser_env("/usr/bin/chromium"):
        assert os.environ["TMPDIR"] == str(long_temp)  # the export's folder below it would be too long
    assert list(long_temp.iterdir()) == []


def test_only_the_folders_of_processes_gone_are_removed(tmp_path):
    from reports.export import remove_abandoned_staging

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    ours = tmp_path / f".export-{os.getpid()}-abc"           # an export still running (this process)
    dead = tmp_path / f".export-{gone.pid}-def"              # a process that ended
    a_file = tmp_path / f".export-{gone.pid}-notes.txt"      # not a folder: not ours
    unnamed = tmp_path / ".export-by-hand"                   # no process id in its name
    for folder in (ours, dead, unnamed):
        folder.mkdir()
        (folder / "x.png").write_bytes(b"png")
    a_file.write_text("kept")
    assert remove_abandoned_staging(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ours.name, a_file.name, unnamed.name])


def test_the_groups_an_export_started_in_sessions_of_their_own_are_found_and_stopped():
    """kaleido's browser runs in a session of its own, which Ctrl-C does not reach: the export finds such children
    (and no other) and kills each group, the browser a wrapper started included."""
    from reports.child_sessions import own_session_children, stop_groups

    before = own_session_children()
    wrapper = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                                "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"],
                               start_new_session=True)
    plain = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        time.sleep(1)  # the wrapper's own child started
        started = own_session_children() - before
        assert started == {wrapper.pid}
        stop_groups(started)
        assert wrapper.wait(timeout=10) == -signal.SIGKILL
        time.sleep(0.5)
        assert _running_in_group(wrapper.pid) == []  # the wrapper's child too (dead, if not yet reaped)
        assert plain.poll() is None
    finally:
        plain.kill()
        wrapper.kill()


def _running_in_group(group: int) -> list[int]:
    """Processes of the group that are not dead (a killed process may stay a zombie until reaped)."""
    from reports.child_sessions import processes

    return [pid for pid, state, _, pgrp in processes() if pgrp == group and state not in ("Z", "X")]
