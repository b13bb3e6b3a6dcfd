"""Attempt pages on thin exports: no provider column, no task column, a domain scored 0%."""
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
    # no row names a task: not "No misses here." (domains 1 and 3 were all missed)
    assert "No question of this export names a task." in attempt and "No misses here." not in attempt


def test_attempts_of_no_known_provider_are_not_joined_by_a_line():
    import pandas as pd

    from reports.attempt_data import attempt_history
    from reports.attempts import score_history

    attempts = pd.DataFrame({"attempt_id": ["a", "b", "c"], "taken_at": pd.to_datetime(["2026-02-01", "2026-02-05",
                                                                                          "2026-02-09"]),
                             "provider": [None, "Tutorials Dojo", None], "correct": [30, 40, 50],
                             "total": [65, 65, 65], "seconds": [0, 0, 0], "detail": [None] * 3})
    modes = {t["name"]: t["mode"] for t in score_history(attempt_history(attempts))["data"]}
    assert modes == {"Tutorials Dojo": "markers+lines", "unknown provider": "markers",
                     "≈ pass level (72%)": "lines"}  # the pass level's legend entry (no data of its own)


def test_a_domain_scored_zero_still_shows_its_count():
    """A 0% bar has no length to hold its label: it goes beside the bar, and nothing clips it."""
    import pandas as pd

    from reports.attempt_page import domain_chart

    rows = pd.DataFrame({"label": ["Domain 1", "Domain 2"], "domain_id": [1, 2], "score": [0.0, 1.0],
                         "correct": [0, 3], "total": [2, 3]})
    (bar,) = domain_chart(rows)["data"]
    assert bar["text"] == ["0/2", "3/3"] and bar["textposition"] == "auto" and bar["cliponaxis"] is False
