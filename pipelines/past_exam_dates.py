"""Exam dates already gone by, in words: `init` and `run` warn of them once (the plan plans no hours toward them)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

SHOWN_LINES = 3  # roster lines a warning names before '…'
NO_HOURS = "readiness still shows where you stand, but the study plan plans no hours toward a day gone by"


def past_date_warning(setting: str, day: date | None, today: date, zone: str, where: str = "") -> str | None:
    """'--exam-date 2020-01-01 is before today (…)…' for a day before `today` in the learner's `zone`; else None;
    `where`: ' in FILE' after the date."""
    if day is None or day >= today:
        return None
    return (f"{setting} {day}{where} is before today ({today} in {zone}): {NO_HOURS}; give the next sitting's date "
            "to plan toward it")


def past_roster_warning(where: str | Path, roster: dict[str, tuple[date, int]], today: date) -> str | None:
    """One warning naming the roster lines whose exam date is before `today` (None when there is none)."""
    past = sorted((line, learner, day) for learner, (day, line) in roster.items() if day < today)
    if not past:
        return None
    lines = list(dict.fromkeys(f"line {line} {learner} ({day})" for line, learner, day in past))
    shown = ", ".join(lines[:SHOWN_LINES]) + (f", … ({len(lines)} in all)" if len(lines) > SHOWN_LINES else "")
    one = len(lines) == 1
    return (f"{where}: {len(lines)} exam date{'' if one else 's'} before today ({today}): {shown}; for "
            f"{'that learner' if one else 'those learners'} {NO_HOURS}; update {'its line' if one else 'their lines'} "
            "to the next sitting")


def past_dates_in(ws) -> list[str]:
    """The warnings on a workspace's exam_date and exam_dates roster lines before its today."""
    from pipelines.workspace_config import CONFIG_NAME

    today, config = ws.today(), ws.config
    day = date.fromisoformat(config.exam_date) if config.exam_date else None
    found = [past_date_warning("exam_date", day, today, config.timezone, f" in {ws.root / CONFIG_NAME}"),
             past_roster_warning(ws.roster_path, ws.roster, today) if ws.roster else None]
    return [text for text in found if text]
