"""Static PNG images of every chart, rendered by kaleido through a headless Chrome/Chromium."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from reports.browser_env import browser_env
from reports.child_sessions import own_session_children, stop_groups
from reports.figures import Fig

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = ("install Debian's chromium (`sudo apt-get install chromium`) or set BROWSER_PATH "
                "to a Chrome/Chromium executable")


class MissingRenderer(RuntimeError):
    """kaleido or a Chrome/Chromium is missing, or the browser does not start; the message says what to do."""


def find_chromium() -> str | None:
    """BROWSER_PATH if it points at an executable, else the first Chrome/Chromium on PATH."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    return next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def check_renderer() -> str:
    """The browser kaleido will drive; raises MissingRenderer with what to install."""
    try:
        import kaleido  # noqa: F401
    except ImportError as exc:
        raise MissingRenderer("PNG export needs kaleido: run `make setup` "
                              "(or `uv sync --extra export`)") from exc
    browser = find_chromium()
    if browser is None and os.environ.get("BROWSER_PATH"):
        raise MissingRenderer(f"BROWSER_PATH={os.environ['BROWSER_PATH']} is not an executable: {INSTALL_HINT}")
    if browser is None:
        raise MissingRenderer(f"PNG export renders through a headless Chromium and none was found: {INSTALL_HINT}")
    return browser


STAGING_PREFIX = ".export-"  # then the exporting process's id: .export-<pid>-<random>


def remove_abandoned_staging(out_dir: Path) -> list[Path]:
    """Remove the hidden folders of exports whose process is gone (killed: Ctrl-C removes its own); a live
    process's folder (another export into the same place) is left. Returns the folders removed."""
    removed = []
    for folder in out_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def png_name(page_file: str, div_id: str) -> str:
    """'dashboard.html' + 'fig-trend' -> 'dashboard-trend.png'."""
    return f"{Path(page_file).stem}-{div_id.removeprefix('fig-')}.png"


def export_pngs(figures: dict[str, dict[str, Fig]], out_dir: Path, width: int = 1000, scale: float = 1.0) -> list[Path]:
    """Write one PNG per chart (page file -> div id -> figure) into out_dir; returns the paths."""
    import plotly.io as pio

    browser = check_renderer()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figs, paths = [], []
    for page_file, page_figures in figures.items():
        for div_id, fig in page_figures.items():
            if any(fig is seen for seen in figs):
                continue  # the index shows charts of other pages: one image each
            figs.append(fig)
            paths.append(out_dir / png_name(page_file, div_id))
    remove_abandoned_staging(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    with browser_env(browser):  # left after the except below has stopped the browser
        threads_before, sessions_before = set(threading.enumerate()), own_session_children()
        try:
            if figs:  # rendered aside and moved in once all are done: a stopped export leaves the last one whole
                pio.write_images(figs, [staging / path.name for path in paths], format="png", width=width, scale=scale)
            for path in paths:
                os.replace(staging / path.name, path)
        except BaseException:  # Ctrl-C: kaleido's own thread goes on writing (and unlinking) images; let it end first
            # Its browser runs in a session of its own (Ctrl-C does not reach it) and would render every image left:
            # killed, the thread ends within ~2 s, not after all of them (15 s for the demo's 44 at width 700).
            stop_groups(own_session_children() - sessions_before)
            for thread in set(threading.enumerate()) - threads_before:
                if not thread.daemon:
                    thread.join(timeout=30)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return paths
