"""Building every page of the site from the marts (never from raw files or Dagster)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from reports.dashboard import dashboard_body
from reports.html import page, write_plotly_js

NAV = {"Dashboard": "index.html"}


def _labels(con, learner: str) -> dict[int, str]:
    return {i: f"D{i} {n}" for i, n in con.execute("SELECT id, name FROM staging.exam_domains").fetchall()}


def load_dashboard_data(con, learner: str, pass_mark: int, exam_date: date | None) -> dict:
    """Frames the dashboard needs, for one learner."""
    labels = _labels(con, learner)
    q = lambda sql: con.execute(sql, [learner]).df()  # noqa: E731
    history = q("SELECT * FROM marts.readiness WHERE learner_id = ? ORDER BY as_of, domain_id")
    history["label"] = history["domain_id"].map(labels)
    latest = history["as_of"].max()
    weights = con.execute("SELECT id AS domain_id, weight FROM staging.exam_domains").df()
    current = history[history["as_of"] == latest].merge(weights, on="domain_id")
    forecast = q("SELECT * FROM marts.forecast WHERE learner_id = ? ORDER BY as_of DESC LIMIT 1")
    hours = q("SELECT week, domain_id, minutes FROM marts.hours_weekly WHERE learner_id = ?")
    hours["label"] = hours["domain_id"].map(labels).fillna("Unmapped")
    days_left = (exam_date - date.today()).days if exam_date else None
    return {"history": history, "current": current, "forecast": forecast.iloc[0].to_dict(),
            "attempts": q("SELECT DISTINCT attempt_id, taken_at FROM marts.attempts WHERE learner_id = ?"),
            "hours": hours, "pass_mark": pass_mark,
            "countdown": f"{days_left} days" if days_left is not None else "not set"}


def build_site(con, out_dir: Path, learner: str, pass_mark: int, exam_date: date | None) -> dict[str, str]:
    """Write every page into out_dir; returns page name -> absolute path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_plotly_js(out_dir)
    data = load_dashboard_data(con, learner, pass_mark, exam_date)
    index = out_dir / "index.html"
    index.write_text(page("Readiness dashboard", dashboard_body(data), NAV), encoding="utf-8")
    return {"dashboard": str(index.resolve())}
