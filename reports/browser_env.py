"""What kaleido's browser runs with: the Chromium we found, and a profile folder of the export's own."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

# Chromium's socket is TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket, in 107 bytes: it closed here from 63.
LONGEST_SOCKET_TMPDIR = 60


@contextmanager
def browser_env(browser: str):
    """BROWSER_PATH (kaleido's choreographer looks there first) and the profile's folder set, both put back after;
    a browser that does not start raises export.MissingRenderer, saying what to do.
    A browser killed on Ctrl-C (export.export_pngs) cleans up nothing and left two folders in the temp dir each
    time: its profile (choreographer's) and Chromium's socket folder (TMPDIR's). Both go into the export's folder,
    removed after. Where that folder's path is too long for a socket, TMPDIR stays and the socket folder is found
    through the profile's SingletonSocket link, which a Ctrl-C in the browser's first moments comes before."""
    from choreographer.errors import BrowserFailedError

    from reports.export import MissingRenderer

    temp = tempfile.gettempdir()
    folder = Path(tempfile.mkdtemp(prefix="examready-browser-"))
    saved_path, os.environ["BROWSER_PATH"] = os.environ.get("BROWSER_PATH"), browser
    saved_tempdir, tempfile.tempdir = tempfile.tempdir, str(folder)  # choreographer's TemporaryDirectory reads it
    saved_tmpdir = os.environ.get("TMPDIR")
    if len(str(folder)) <= LONGEST_SOCKET_TMPDIR:
        os.environ["TMPDIR"] = str(folder)  # the browser's environment is a copy of ours, taken when it starts
    try:
        yield
    except BrowserFailedError as exc:
        why = (f": its socket goes into the temp dir, whose path is long ({len(temp)} characters, {temp}; Chromium "
               "failed here from 63): set TMPDIR to a shorter folder" if len(temp) > LONGEST_SOCKET_TMPDIR else
               f": start it by hand (`{browser} --headless --dump-dom about:blank`) to see why, or set BROWSER_PATH to "
               "another Chrome/Chromium")
        raise MissingRenderer(f"the browser {browser} closed right after it started{why}") from exc
    finally:
        tempfile.tempdir = saved_tempdir
        _put_back("BROWSER_PATH", saved_path)
        _put_back("TMPDIR", saved_tmpdir)
        for link in folder.glob("*/SingletonSocket"):
            _remove_socket_folder(link)
        shutil.rmtree(folder, ignore_errors=True)


def _put_back(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _remove_socket_folder(link: Path) -> None:
    """The folder a profile's SingletonSocket links to, if it holds Chromium's two Singleton files and nothing else."""
    try:
        socket_folder = Path(os.readlink(link)).parent
        entries = list(socket_folder.iterdir())
        if {entry.name for entry in entries} <= {"SingletonSocket", "SingletonCookie"}:
            for entry in entries:
                entry.unlink()
            socket_folder.rmdir()
    except OSError:
        pass
