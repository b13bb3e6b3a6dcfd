"""The study plan as data: domains ranked by the readiness model, with concrete targets and reasons."""
from __future__ import annotations

from datetime import date

import pandas as pd

from reports.caveats import readiness_points, unmeasured_text
from reports.coverage_rule import accuracy_text
from reports.data import SiteData
from reports.hours import hours_said
from warehouse.service_labels import perhaps_phrases

TARGETS_PER_DOMAIN = 4
WIDE_BAND_POINTS = 25.0
STEP_HOURS = 5.0
SIMULATIONS = 10000  # per domain; common random numbers keep the ranking stable
SHOWN_PASS_GAIN = 0.005  # points of pass chance per hour: below it the pages show +0.00


def plans_hours(exam_date: date | None, today: date) -> bool:
    """Whether the plan advises hours of study: not on the exam day, nor after it (no date: it does)."""
    return exam_date is None or exam_date > today


def shows_pass_gain(gain_pp: float) -> bool:
    """Whether a pass-chance gain (points per hour) shows on the pages as other than +0.00."""
    return abs(gain_pp) >= SHOWN_PASS_GAIN


def moves_pass_chance(plan: list[dict]) -> bool:
    """Whether an hour in some domain moves the pass chance by what the pages show (0.01 points)."""
    return any(shows_pass_gain(p["gain_pp"]) for p in plan)


def gain_text(p: dict) -> str:
    """An action's expected gain per hour: pass-chance points, or exam-score points when the pass chance
    does not move (a learner far below the pass mark: '+0.00' for every domain says nothing)."""
    if shows_pass_gain(p["gain_pp"]):
        return f"{p['gain_pp']:+.2f} points of pass chance per hour"
    return f"{p['score_gain_pp']:+.2f} points of exam score per hour (pass chance: under 0.01 points)"


def ranked_domains(data: SiteData, blueprint) -> pd.DataFrame:
    """readiness.model.study_next over the latest readiness rows (empty without evidence)."""
    from readiness.model import study_next

    if data.current.empty:
        return pd.DataFrame()
    as_of = pd.Timestamp(data.current["as_of"].max())
    # Unmapped study time (NULL domain) still counts towards the learner's pace: domain 0 matches no domain.
    hours = data.hours.assign(domain_id=data.hours["domain_id"].fillna(0).astype(int))
    ranked = study_next(data.current, hours, blueprint, evidence=data.evidence, as_of=as_of,
                        step_hours=STEP_HOURS, n_sims=SIMULATIONS)
    keep = ["domain_id", "label", "weight", "low", "high", "questions", "measured", "change", "since", "trend_note"]
    return ranked.merge(data.current[keep], on="domain_id", how="left").sort_values("rank")


def exam_share(domains, weights: dict[int, float]) -> float:
    """The exam weight of the domains a service serves: its questions can come from any of them."""
    return sum(weights.get(int(d), 0.0) for d in domains) if domains is not None else 0.0


def weak_services(services: pd.DataFrame, domain_id: int, weights: dict[int, float]) -> pd.DataFrame:
    """Services of a domain to start with: the most-missed practised ones, then unpractised ones,
    those absent from notes and hours first and, among them, those serving more of the exam."""
    serves = services["domains"].map(lambda ds: ds is not None and int(domain_id) in [int(d) for d in ds])
    rows = services[serves & (services["status"] != "covered")]
    practised = rows[rows["questions"] > 0].sort_values(["accuracy", "questions"], ascending=[True, False])
    unseen = rows[rows["questions"] == 0]
    unseen = (unseen.assign(_share=unseen["domains"].map(lambda ds: exam_share(ds, weights)))
              .sort_values(["status", "_share", "name"], ascending=[True, False, True])  # 'gap' before 'weak'
              .drop(columns="_share"))
    first = practised.head(TARGETS_PER_DOMAIN // 2)
    return pd.concat([first, unseen.head(TARGETS_PER_DOMAIN - len(first))])


def weak_tasks(tasks: pd.DataFrame, domain_id: int) -> pd.DataFrame:
    """Task statements of a domain that are not covered, lowest accuracy first."""
    measured = tasks["measured"] if "measured" in tasks else True  # without task labels none is known weak
    rows = tasks[(tasks["domain_id"] == domain_id) & (tasks["status"] != "covered") & measured]
    return rows.assign(_acc=rows["accuracy"].fillna(-1)).sort_values("_acc")


def service_phrase(row, ambiguous=None, notes=None, hours=None) -> str:
    """'AWS Backup (29% of 7)' or 'Amazon X (not in your notes, hours or labelled questions)', with '; perhaps in
    the 6 questions labelled 'Kinesis'' when an umbrella word of the labels could be it (as the coverage page),
    and for a gap '; perhaps in the note 'Streaming', which says 'Kinesis'' when a note's could (`notes`), or
    '; perhaps in the 3.0 h logged as 'Kinesis'' when a study entry's could (`hours`)."""
    also = "".join(f"; {phrase}" for phrase in perhaps_phrases(row["name"], ambiguous))
    if row["status"] == "gap":  # exports that name no service leave every service here, practised or not
        also = "".join(f"; {phrase}" for phrase in perhaps_phrases(row["name"], ambiguous, notes, hours))
        return f"{row['name']} (not in your notes, hours or labelled questions{also})"
    if not row["questions"]:
        return f"{row['name']} (no practice questions yet{also})"
    return f"{row['name']} ({accuracy_text(row['accuracy'])} of {row['questions']})"


def reasons(row, unmeasured: str) -> list[str]:
    """Plain-language reasons behind one domain's rank; `unmeasured` marks a domain not practised yet."""
    basis = f"from {row['questions']} exam-style questions" if row["measured"] else f"— {unmeasured}, not measured"
    out = [f"It is {row['weight']:.0%} of the exam; readiness {readiness_points(row['readiness'])}% "
           f"(90%: {row['low']:.0f}–{row['high']:.0f}) {basis}."]
    if row["high"] - row["low"] >= WIDE_BAND_POINTS:
        out.append("The band is wide: more practice questions here also make the estimate firmer.")
    if row["measured"] and row["trend_note"]:
        out.append(f"Change in readiness: {row['trend_note']}.")
    if row["change"] == row["change"] and abs(points := round(row["change"])) >= 2:  # as the arrow rounds it
        out.append(f"Readiness went {'up' if points > 0 else 'down'} {abs(points)} points since {row['since']}.")
    if "hours_logged" in row:
        out.append(f"You logged {hours_said(row['hours_logged'])} of study on this domain so far.")
    pace = ("At your logged pace" if row.get("pace_measured") else
            "At an assumed pace (your logged hours and scores do not measure one yet)")
    worth = f"{100 * row['pass_gain_per_hour']:+.2f} points of pass chance" \
        if shows_pass_gain(100 * row["pass_gain_per_hour"]) else \
        f"{row['score_gain_per_hour']:.2f} points of exam score at its {row['weight']:.0%} (pass chance: under 0.01 points)"
    out.append(f"{pace} an hour of study adds about {row['readiness_gain_per_hour']:.1f} readiness "
               f"points here, worth {worth}.")
    return out


def study_plan(data: SiteData, blueprint) -> list[dict]:
    """Ranked next actions: domain, expected gain per hour, targets and reasons."""
    ranked = ranked_domains(data, blueprint)
    unmeasured = unmeasured_text(data.current["measured"].any())
    weights = dict(zip(data.domains["domain_id"].astype(int), data.domains["weight"]))
    plan = []
    for row in ranked.to_dict("records"):
        services = weak_services(data.services, row["domain_id"], weights)
        tasks = weak_tasks(data.tasks, row["domain_id"])
        targets = [service_phrase(s, data.ambiguous, data.note_umbrellas, data.hour_umbrellas)
                   for s in services.to_dict("records")]
        plan.append({**row, "gain_pp": 100 * row["pass_gain_per_hour"], "score_gain_pp": row["score_gain_per_hour"],
                     "gain_step_pp": 100 * row["pass_gain_per_hour"] * STEP_HOURS,
                     "services": targets, "tasks": [f"{t['id']} {t['name']}" for t in tasks.to_dict("records")],
                     "why": reasons(row, unmeasured)})
    return plan
