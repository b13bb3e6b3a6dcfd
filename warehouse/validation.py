"""Row checks on each new file's batch; failing rows go to quarantine with a plain reason."""
from __future__ import annotations

from datetime import datetime

import pandas as pd

FAILURE_COLUMNS = ["line", "column_name", "check_name", "reason"]


def _fail(frame: pd.DataFrame, mask, column: str, check: str, reason) -> pd.DataFrame:
    bad = frame.loc[mask.fillna(True) if hasattr(mask, "fillna") else mask]
    reasons = [reason(r) if callable(reason) else reason for r in bad.itertuples(index=False)]
    return pd.DataFrame({"line": bad["line"].to_numpy(), "column_name": column,
                         "check_name": check, "reason": reasons})


def _duplicates(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    dup = frame.duplicated(subset=keys, keep="first")
    first_line = frame.groupby(keys, dropna=False)["line"].transform("min")
    bad = frame.loc[dup]
    return pd.DataFrame({"line": bad["line"].to_numpy(), "column_name": ",".join(keys),
                         "check_name": "unique_within_file",
                         "reason": [f"duplicate of line {n}" for n in first_line[dup]]})


def _not_future(frame, column, now):
    return _fail(frame, frame[column] > now, column, "not_in_future",
                 lambda r: f"{column} {getattr(r, column)} is in the future")


def check_answers(frame: pd.DataFrame, now: datetime) -> list[pd.DataFrame]:
    return [
        _fail(frame, frame["taken_at"].isna(), "taken_at", "not_null", "date taken is missing or unreadable"),
        _not_future(frame, "taken_at", now),
        _fail(frame, frame["correct"].isna(), "correct", "not_null", "correct/incorrect is missing or unreadable"),
        _fail(frame, frame["domain_id"].isna(), "domain_label", "maps_to_blueprint",
              lambda r: f"label '{r.domain_label}' matches no exam domain, task or service"),
        _duplicates(frame, ["attempt_id", "question_id"]),
    ]


def check_domain_scores(frame: pd.DataFrame, now: datetime) -> list[pd.DataFrame]:
    return [
        _fail(frame, frame["taken_at"].isna(), "taken_at", "not_null", "date taken is missing or unreadable"),
        _not_future(frame, "taken_at", now),
        _fail(frame, ~(frame["total"] > 0), "total", "positive", "total questions must be more than 0"),
        _fail(frame, ~((frame["correct"] >= 0) & (frame["correct"] <= frame["total"])), "correct",
              "between_0_and_total", lambda r: f"correct {r.correct} is not between 0 and total {r.total}"),
        _fail(frame, frame["domain_id"].isna(), "domain_label", "maps_to_blueprint",
              lambda r: f"label '{r.domain_label}' matches no exam domain"),
        _duplicates(frame, ["attempt_id", "domain_id"]),
    ]


def check_study_sessions(frame: pd.DataFrame, now: datetime) -> list[pd.DataFrame]:
    return [
        _fail(frame, frame["started_at"].isna(), "started_at", "not_null", "start time is missing or unreadable"),
        _not_future(frame, "started_at", now),
        _fail(frame, ~((frame["minutes"] > 0) & (frame["minutes"] <= 24 * 60)), "minutes",
              "between_0_and_1440", lambda r: f"duration {r.minutes} min is not between 0 and 24 h"),
        _duplicates(frame, ["started_at", "minutes", "description"]),
    ]


def check_note_sections(frame: pd.DataFrame, now: datetime) -> list[pd.DataFrame]:
    return [_fail(frame, frame["words"] < 0, "words", "non_negative", "negative word count")]


CHECKS = {"answers": check_answers, "domain_scores": check_domain_scores,
          "study_sessions": check_study_sessions, "note_sections": check_note_sections}


def validate_batch(table: str, frame: pd.DataFrame, now: datetime | None = None) -> pd.DataFrame:
    """All failures of one table's batch: one row per (line, check); a line may fail several."""
    if frame.empty:
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    now = now or datetime.now()
    parts = [p for p in CHECKS[table](frame, now) if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FAILURE_COLUMNS)
