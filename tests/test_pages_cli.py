"""`examready open` and `examready export` on the session's demo workspace."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_pages_workspace import build_demo_site

from examready.cli import cli


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    return build_demo_site(tmp_path_factory)


def test_open_starts_the_browser_on_the_index(demo_root, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(cli, ["open", "-w", str(demo_root)])
    assert result.exit_code == 0, result.output
    assert opened == [(demo_root / "site" / "index.html").as_uri()]
    assert result.output.strip().endswith("index.html")


def test_open_a_named_page(demo_root, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    assert CliRunner().invoke(cli, ["open", "-w", str(demo_root), "--page", "plan"]).exit_code == 0
    assert opened[0].endswith("/site/plan.html")


def test_open_one_mock_exams_page(demo_root, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    assert CliRunner().invoke(cli, ["open", "-w", str(demo_root), "--attempt", "mock-01"]).exit_code == 0
    assert len(opened) == 1 and "/site/attempt-mock-01-" in opened[0] and opened[0].endswith(".html")
    result = CliRunner().invoke(cli, ["open", "-w", str(demo_root), "--attempt", "mock-99"])
    assert result.exit_code == 2 and "no page for attempt 'mock-99'" in result.output and len(opened) == 1
    both = CliRunner().invoke(cli, ["open", "-w", str(demo_root), "--attempt", "mock-01", "--page", "plan"])
    assert both.exit_code == 2 and "give one" in both.output and len(opened) == 1


def test_open_before_any_run_says_what_to_do(tmp_path):
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "ws")]).exit_code == 0
    result = CliRunner().invoke(cli, ["open", "-w", str(tmp_path / "ws")])
    assert result.exit_code == 2
    assert "examready run" in result.output


@pytest.mark.parametrize("png", [["--png"], []])  # PNG is the default format
def test_export_without_chromium_says_what_to_install(demo_root, tmp_path, png):
    result = CliRunner().invoke(cli, ["export", *png, "-w", str(demo_root), "--out", str(tmp_path)],
                                env={"BROWSER_PATH": str(tmp_path / "no-such-chromium")})
    assert result.exit_code == 2
    assert "apt-get install chromium" in result.output
    assert not list(tmp_path.glob("*.png"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (the browser test fails without it in CI)")
def test_export_png_renders_every_chart(demo_root, tmp_path):
    result = CliRunner().invoke(cli, ["export", "-w", str(demo_root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    images = sorted(tmp_path.glob("*.png"))
    assert len(images) >= 5 + 2 + 1 + 1 + 10
    assert {"dashboard-pass.png", "dashboard-trend.png", "coverage-services.png", "plan-gain.png"} <= {
        p.name for p in images}
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in images)


def test_open_an_attempt_by_part_of_its_id_lists_the_ids_like_it(tmp_path):
    """`open --attempt "TD Practice Test 1"` where the ids carry a date: exit code 2 naming both matching ids
    (newest first) and the command with the whole id, not an unrelated attempt."""
    from tests.conftest import run_cli

    root = tmp_path / "ws"
    run_cli("init", str(root), "--timezone", "UTC")
    rows = [f'"{attempt}",{when},{q},D{q},{"true" if q % 2 else "false"}'
            for attempt, when in (("TD Practice Test 1 2026-11-09 20:07", "2026-11-09 20:07"),
                                  ("TD Practice Test 1 2026-11-23 19:31", "2026-11-23 19:31"),
                                  ("udemy-mock2", "2026-11-25 18:00"))
            for q in range(1, 5)]
    (root / "inbox" / "exams" / "mocks.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                                        + "\n".join(rows) + "\n")
    run_cli("run", "-w", str(root))
    proc = run_cli("open", "-w", str(root), "--attempt", "TD Practice Test 1", check=False, env={"BROWSER": "true"})
    assert proc.returncode == 2 and proc.stdout == ""
    assert ("attempts with an id like it: 'TD Practice Test 1 2026-11-23 19:31', 'TD Practice Test 1 2026-11-09 "
            "20:07' (give the whole id: `examready open --attempt 'TD Practice Test 1 2026-11-23 19:31'`)") \
        in " ".join(proc.stderr.split()) and "udemy-mock2" not in proc.stderr
    whole = run_cli("open", "-w", str(root), "--attempt", "TD Practice Test 1 2026-11-23 19:31", env={"BROWSER": "true"})
    assert whole.stdout.strip().endswith(".html")


def test_the_attempts_a_mistyped_id_may_mean_include_ids_the_csv_keeps_spreadsheet_safe(tmp_path):
    """attempts.csv writes '-2+3' as "'-2+3" (no spreadsheet runs it): read back as written, it is suggested."""
    from examready.cmd_pages import attempt_ids
    from reports.attempt_data import attempt_file
    from reports.tables import spreadsheet_safe

    ids = ["-2+3", "=HYPERLINK(1)", "'quoted", "td-1"]
    (tmp_path / "attempts.csv").write_text("attempt_id\n" + "".join(f'"{spreadsheet_safe(i)}"\n' for i in ids))
    for attempt in ids:
        (tmp_path / attempt_file(attempt)).write_text("<html></html>")
    assert attempt_ids(tmp_path) == ids
