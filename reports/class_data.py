"""The class: every learner of the warehouse at their latest forecast, read from the marts.

Shared by `examready learners` and the class page (`reports/class_page.py`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from reports.hours import hours_value

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
mocks AS (SELECT learner_id, count(DISTINCT attempt_id) AS mocks FROM marts.attempts GROUP BY ALL)
SELECT l.learner_id, strftime(latest.as_of, '%Y-%m-%d') AS as_of, f.pass_probability, f.scaled_mean, f.scaled_low, f.scaled_high,
       coalesce(d.measured_domains, 0) AS measured_domains, coalesce(d.questions, 0) AS questions,
       d.weakest_domain, d.weakest_readiness, strftime(p.last_practice, '%Y-%m-%d') AS last_practice, coalesce(m.mocks, 0) AS mocks,
       l.hours
FROM marts.learners l
LEFT JOIN latest USING (learner_id) LEFT JOIN marts.forecast f USING (learner_id, as_of)
LEFT JOIN domains d USING (learner_id) LEFT JOIN practice p USING (learner_id)
LEFT JOIN mocks m USING (learner_id)
"""

# Readiness per learner × domain at the learner's latest point, where measured (exam-style questions).
READINESS_SQL = """
WITH latest AS (SELECT learner_id, max(as_of) AS as_of FROM marts.forecast GROUP BY ALL)
SELECT learner_id, domain_id, readiness
FROM marts.readiness JOIN latest USING (learner_id, as_of) WHERE questions > 0
"""

# Whether a learner has any row that counts (marts.learners also lists the workspace's own learner
# without any).
HAS_ROWS_SQL = "SELECT EXISTS (SELECT 1 FROM marts.learners WHERE learner_id = $l AND has_rows)"


def probability_value(probability: float) -> float:
    """A probability for JSON: 4 decimals, in full where that would read as a certainty (0 or 1)."""
    rounded = round(probability, 4)
    return probability if rounded in (0.0, 1.0) else rounded


def learner_count(con) -> int:
    """How many learners the warehouse holds (marts.learners)."""
    return con.execute("SELECT count(*) FROM marts.learners").fetchone()[0]


def learner_row(row: dict, bp, exact: bool = False) -> dict:
    """One learner (a LEARNERS_SQL row) as JSON: no pass probability before any exam-style question (it
    would be the prior's). `exact`: the weakest domain's readiness and the hours unrounded, for text and pages
    that round them once (a whole number; `hours_said`) (docs/cli.md)."""
    practised = row["measured_domains"] > 0
    weakest = bp.domain(int(row["weakest_domain"])) if practised else None
    return {
        "learner": row["learner_id"], "as_of": row["as_of"] if practised else None,
        "practised": bool(practised),
        "pass_probability": probability_value(float(row["pass_probability"])) if practised else None,
        "predicted_scaled_score": {"mean": round(row["scaled_mean"]), "low": round(row["scaled_low"]),
                                   "high": round(row["scaled_high"])} if practised else None,
        "measured_domains": int(row["measured_domains"]), "questions": int(row["questions"]),
        "mocks": int(row["mocks"]), "hours": hours_value(row["hours"], exact),
        "last_practice": row["last_practice"],
        "weakest_domain": {"id": weakest.id, "name": weakest.name,
                           "readiness": one_decimal(float(row["weakest_readiness"]), exact)} if weakest else None,
    }


def class_learners(rows: list[dict], con, workspace_learner: str | None) -> list[dict]:
    """The class: without the workspace's own learner (e.g. the instructor) when nothing counts under them
    and the warehouse holds other learners; kept when they have rows (a study group's owner who practises)."""
    if workspace_learner is None or len(rows) < 2 or not any(r["learner"] == workspace_learner for r in rows):
        return rows
    if con.execute(HAS_ROWS_SQL, {"l": workspace_learner}).fetchone()[0]:
        return rows
    return [r for r in rows if r["learner"] != workspace_learner]


def learner_rows(con, bp, workspace_learner: str | None = None, exact: bool = False) -> list[dict]:
    """Every learner of the class (class_learners), lowest pass chance first; those without exam-style
    questions last, by id."""
    result = con.execute(LEARNERS_SQL)
    names = [column[0] for column in result.description]
    rows = [learner_row(dict(zip(names, r)), bp, exact) for r in result.fetchall()]  # Python values: fast at 10k rows
    rows = class_learners(rows, con, workspace_learner)
    return sorted(rows, key=lambda r: (not r["practised"], r["pass_probability"] or 0.0, r["learner"]))


def domain_readiness(con) -> pd.DataFrame:
    """learner_id, domain_id, readiness: each learner's latest readiness in the domains they are measured in."""
    return con.execute(READINESS_SQL).df()


def class_domains(readiness: pd.DataFrame, bp, exact: bool = False) -> list[dict]:
    """Per blueprint domain: how many learners are measured there and their median readiness."""
    by_domain = readiness.groupby("domain_id")["readiness"]
    counts, medians = by_domain.size(), by_domain.median()
    return [{"id": d.id, "name": d.name, "weight": d.weight, "learners_measured": int(counts.get(d.id, 0)),
             "median_readiness": one_decimal(float(medians[d.id]), exact) if d.id in medians else None}
            for d in bp.domains]


def one_decimal(value: float, exact: bool = False) -> float:
    """A readiness for JSON, one decimal; `exact`: unrounded (the text and pages round it once)."""
    return value if exact else round(value, 1)


def class_summary(con, bp, workspace_learner: str, exact: bool = False) -> dict:
    """Every learner, lowest pass chance first (those without practice last), and the class per domain."""
    return {"exam": bp.code, "workspace_learner": workspace_learner,
            "learners": learner_rows(con, bp, workspace_learner, exact),
            "domains": class_domains(domain_readiness(con), bp, exact)}


@dataclass
class ClassView:
    """What the class page shows: every learner (as `examready learners --json`) and their readiness."""

    exam: str
    workspace_learner: str
    learners: list[dict]      # learner_rows: lowest pass chance first, unpractised last
    readiness: pd.DataFrame   # domain_readiness: learner_id, domain_id, readiness (measured only)
    domains: list[dict]       # class_domains
    exam_dates: dict[str, date]  # learner -> their exam day, where they have one
    today: date

    @property
    def practised(self) -> list[dict]:
        return [r for r in self.learners if r["practised"]]


def collect_class(con, bp, workspace_learner: str, exam_date_of: Callable[[str], date | None] | None = None,
                  today: date | None = None) -> ClassView | None:
    """The class, read once; None when it has fewer than two learners (learner_rows: the workspace's own
    learner counts only with rows), e.g. an instructor's workspace with one student: no class to compare.
    `exam_date_of`: a learner's exam day (the workspace's roster, else its exam_date), or None."""
    if learner_count(con) < 2:
        return None
    rows = learner_rows(con, bp, workspace_learner, exact=True)  # shown rounded once, as the text shows them
    if len(rows) < 2:
        return None
    readiness = domain_readiness(con)
    dates = {r["learner"]: day for r in rows if exam_date_of and (day := exam_date_of(r["learner"]))}
    return ClassView(bp.code, workspace_learner, rows, readiness, class_domains(readiness, bp, exact=True), dates,
                     today or date.today())
