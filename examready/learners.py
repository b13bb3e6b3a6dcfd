"""The class view: every learner of the warehouse with their latest forecast, read from the marts."""
from __future__ import annotations

import pandas as pd

from examready.summaries import probability_value
from examready.workspace import Workspace
from sources.blueprint import load_blueprint

# Per learner, at their latest trajectory point (the last run's day): forecast, measured domains,
# weakest measured domain; mock exams, questions, last practice and hours over everything loaded.
LEARNERS_SQL = """
WITH latest AS (SELECT learner_id, max(as_of) AS as_of FROM marts.forecast GROUP BY ALL),
domains AS (
    SELECT r.learner_id, count(*) FILTER (r.questions > 0) AS measured_domains, sum(r.questions) AS questions,
           arg_min(r.domain_id, r.readiness) FILTER (r.questions > 0) AS weakest_domain,
           min(r.readiness) FILTER (r.questions > 0) AS weakest_readiness
    FROM marts.readiness r JOIN latest USING (learner_id, as_of) GROUP BY ALL),
practice AS (SELECT learner_id, max(taken_at)::DATE AS last_practice FROM marts.domain_evidence GROUP BY ALL),
mocks AS (SELECT learner_id, count(DISTINCT attempt_id) AS mocks FROM marts.attempts GROUP BY ALL),
hours AS (SELECT learner_id, sum(minutes) / 60 AS hours FROM staging.study_sessions GROUP BY ALL)
SELECT l.learner_id, latest.as_of, f.pass_probability, f.scaled_mean, f.scaled_low, f.scaled_high,
       coalesce(d.measured_domains, 0) AS measured_domains, coalesce(d.questions, 0) AS questions,
       d.weakest_domain, d.weakest_readiness, p.last_practice, coalesce(m.mocks, 0) AS mocks,
       coalesce(h.hours, 0) AS hours
FROM staging.learners l
LEFT JOIN latest USING (learner_id) LEFT JOIN marts.forecast f USING (learner_id, as_of)
LEFT JOIN domains d USING (learner_id) LEFT JOIN practice p USING (learner_id)
LEFT JOIN mocks m USING (learner_id) LEFT JOIN hours h USING (learner_id)
"""

CLASS_DOMAINS_SQL = """
WITH latest AS (SELECT learner_id, max(as_of) AS as_of FROM marts.forecast GROUP BY ALL)
SELECT domain_id, count(*) AS learners_measured, median(readiness) AS median_readiness
FROM marts.readiness JOIN latest USING (learner_id, as_of) WHERE questions > 0 GROUP BY ALL ORDER BY domain_id
"""


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def learner_row(row: dict, bp) -> dict:
    """One learner as JSON: no pass probability before any exam-style question (it would be the prior's)."""
    practised = row["measured_domains"] > 0
    weakest = bp.domain(int(row["weakest_domain"])) if practised else None
    return {
        "learner": row["learner_id"], "as_of": _day(row["as_of"]) if practised else None,
        "practised": bool(practised),
        "pass_probability": probability_value(float(row["pass_probability"])) if practised else None,
        "predicted_scaled_score": {"mean": round(row["scaled_mean"]), "low": round(row["scaled_low"]),
                                   "high": round(row["scaled_high"])} if practised else None,
        "measured_domains": int(row["measured_domains"]), "questions": int(row["questions"]),
        "mocks": int(row["mocks"]), "hours": round(float(row["hours"]), 2),
        "last_practice": _day(row["last_practice"]),
        "weakest_domain": {"id": weakest.id, "name": weakest.name,
                           "readiness": round(float(row["weakest_readiness"]), 1)} if weakest else None,
    }


def class_summary(con, ws: Workspace) -> dict:
    """Every learner, lowest pass chance first (those without practice last), and the class per domain."""
    bp = load_blueprint(ws.config.exam)
    rows = [learner_row(r, bp) for r in con.execute(LEARNERS_SQL).df().to_dict("records")]
    rows.sort(key=lambda r: (not r["practised"], r["pass_probability"] or 0.0, r["learner"]))
    measured = {int(d): (int(n), float(m)) for d, n, m in con.execute(CLASS_DOMAINS_SQL).fetchall()}
    domains = [{"id": d.id, "name": d.name, "weight": d.weight, "learners_measured": measured.get(d.id, (0, 0))[0],
                "median_readiness": round(measured[d.id][1], 1) if d.id in measured else None} for d in bp.domains]
    return {"exam": bp.code, "workspace_learner": ws.config.learner_id, "learners": rows, "domains": domains}
