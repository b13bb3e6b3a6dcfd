"""Readiness marts: the model's estimates per learner × domain over time, stored as tables."""
from __future__ import annotations

from datetime import date

import pandas as pd

from sources.blueprint import Blueprint


def evidence_frame(con) -> pd.DataFrame:
    """marts.domain_evidence as the model's input frame."""
    frame = con.execute("SELECT learner_id, domain_id, task_id, taken_at, correct, total, source "
                        "FROM marts.domain_evidence").df()
    frame["domain_id"] = frame["domain_id"].astype(int)
    return frame


def as_of_dates(evidence: pd.DataFrame, today: date) -> list[date]:
    """Every day with practice evidence, plus today: the points of the readiness trajectory."""
    days = {ts.date() for ts in pd.to_datetime(evidence["taken_at"]).dropna()}
    return sorted(d for d in days | {today} if d <= today)


def readiness_history(evidence: pd.DataFrame, bp: Blueprint, today: date, learners=()):
    """(readiness per learner × domain × as_of, forecast per learner × as_of) frames.

    `learners` always get rows (the prior) even before they have any practice evidence."""
    from readiness.model import estimate_domains, simulate_exam

    domain_rows, forecast_rows = [], []
    for as_of in as_of_dates(evidence, today):
        estimates = estimate_domains(evidence, bp, as_of, learners=learners).assign(as_of=as_of)
        domain_rows.append(estimates)
        for learner_id, rows in estimates.groupby("learner_id"):
            forecast_rows.append({"learner_id": learner_id, "as_of": as_of, **simulate_exam(rows, bp)})
    return pd.concat(domain_rows, ignore_index=True), pd.DataFrame(forecast_rows)


def write_frame(con, table: str, frame: pd.DataFrame) -> int:
    """Replace a marts table with a frame's rows."""
    con.register("frame", frame)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM frame")
    con.unregister("frame")
    return len(frame)
