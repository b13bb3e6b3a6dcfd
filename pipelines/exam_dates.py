"""Exam dates per learner: the roster CSV `exam_dates:` names in examready.yaml (docs/cohorts.md).

A class sits on many days. The instructor keeps one line per student in a spreadsheet and saves
it as CSV (in any encoding the inbox's CSV files may have: Excel's Windows-1252 or UTF-16 too): a
learner column (`learner`, `learner_id`, `email`, …) and an `exam_date` column (YYYY-MM-DD);
other columns (names, groups) are ignored. A learner without a line, or with the
date left blank, has the workspace's `exam_date`.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from pipelines.workspace_config import ISO_DAY
from sources.learners import learner_key
from sources.text_decode import decode

LEARNER_COLUMNS = ("learner", "learner_id", "learner id", "email", "email address", "e-mail", "student", "user")
DATE_COLUMNS = ("exam_date", "exam date", "date")


class RosterError(ValueError):
    """A roster that cannot be read: the message names the file and the line."""


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    found = [h.strip().lower() for h in header]
    return next((found.index(n) for n in names if n in found), None)


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _day(cell: str, where: str) -> date:
    """The cell's date; RosterError (starting with `where`) for one not written YYYY-MM-DD, or not on the calendar."""
    if not ISO_DAY.fullmatch(cell):
        raise RosterError(f"{where} is not YYYY-MM-DD")
    try:
        return date.fromisoformat(cell)
    except ValueError as exc:  # 2026-02-30, 2026-13-01
        raise RosterError(f"{where} is not a real date ({exc})") from None


def read_exam_dates(path: Path) -> dict[str, tuple[date, int]]:
    """{learner id as rows store it: (exam date, line)}; RosterError naming the file and line."""
    try:
        text = decode(path.read_bytes()).lstrip("\ufeff")  # as inbox files: UTF-8, UTF-16, Windows-1252
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc})") from exc
    rows = list(csv.reader(text.splitlines(), _dialect(text)))
    if not rows:
        raise RosterError(f"{path}: empty; give a header line `learner,exam_date` and one line per learner")
    who, when = _column(rows[0], LEARNER_COLUMNS), _column(rows[0], DATE_COLUMNS)
    if who is None or when is None:
        raise RosterError(f"{path} line 1: needs a learner column (one of: {', '.join(LEARNER_COLUMNS)}) and an "
                          f"exam date column (one of: {', '.join(DATE_COLUMNS)}), any case; "
                          f"found: {', '.join(rows[0]) or 'nothing'}")
    dates: dict[str, tuple[date, int]] = {}
    for line, row in enumerate(rows[1:], start=2):
        learner = learner_key(row[who]) if who < len(row) else None
        cell = row[when].strip() if when < len(row) else ""
        if not learner and not cell:
            continue  # a blank line, or one naming nobody and no date
        if not learner:
            raise RosterError(f"{path} line {line}: exam_date {cell} for no learner (the {rows[0][who]} cell is blank)")
        if not cell:
            continue  # no date yet: the workspace's exam_date
        day = _day(cell, f"{path} line {line}: exam_date {cell!r} for {learner}")
        if learner in dates and dates[learner][0] != day:
            raise RosterError(f"{path} line {line}: {learner} has {day} here and {dates[learner][0]} on line "
                              f"{dates[learner][1]}; keep one")
        dates.setdefault(learner, (day, line))
    return dates
