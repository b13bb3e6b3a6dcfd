"""An export without a provider column beside one with it: the pages say 'unknown provider', never 'nan'."""
from __future__ import annotations

import re

from tests.conftest import run_cli
from tests.helpers_workspace import new_workspace


def test_pages_name_a_missing_provider_the_same_way_everywhere(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    rows = [f"set-1,2026-02-20 10:00,{q},Domain {1 + q % 4},{'true' if q % 2 else 'false'}" for q in range(1, 21)]
    (ws.inbox / "exams" / "results.csv").write_text("attempt_id,taken_at,question_id,domain,correct\n"
                                                    + "\n".join(rows) + "\n")
    (ws.inbox / "exams" / "td.csv").write_text("attempt_id,taken_at,provider,question_id,domain,correct\n" + "\n".join(
        f"td-1,2026-02-21 10:00,Tutorials Dojo,{q},Domain 1,true" for q in range(1, 11)) + "\n")
    run_cli("run", "-w", str(ws.root))
    pages = {p.name: p.read_text(encoding="utf-8") for p in ws.site_dir.glob("*.html")}
    attempt = next(text for name, text in pages.items() if name.startswith("attempt-set-1"))
    for name in ("index.html", "attempts.html", "dashboard.html"):
        assert not re.search(r"\bnan\b", pages[name], re.I), name
    assert not re.search(r"\bnan\b", attempt, re.I)
    assert "set-1</a> · 2026-02-20 · unknown provider · 50%" in pages["index.html"]
    assert "<b>2026-02-20</b>unknown provider" in attempt


def test_attempts_of_no_known_provider_are_not_joined_by_a_line():
    import pandas as pd

    from reports.attempt_data import attempt_history
    from reports.attempts import score_history

    attempts = pd.DataFrame({"attempt_id": ["a", "b", "c"], "taken_at": pd.to_datetime(["2026-02-01", "2026-02-05",
                                                                                          "2026-02-09"]),
                             "provider": [None, "Tutorials Dojo", None], "correct": [30, 40, 50],
                             "total": [65, 65, 65], "seconds": [0, 0, 0], "detail": [None] * 3})
    modes = {t["name"]: t["mode"] for t in score_history(attempt_history(attempts))["data"]}
    assert modes == {"Tutorials Dojo": "markers+lines", "unknown provider": "markers"}
