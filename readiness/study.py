"""What to study next: expected gain in pass probability per study hour, per domain."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from readiness.estimate import end_of_day, row_weights, usable_evidence
from readiness.exam import ability_draws, correct_in_domain, exam_outcome
from readiness.params import EXAM_STYLE_SOURCES, ModelParams

PRIOR_LOGIT_GAIN_PER_HOUR = 0.04  # ~1 percentage point per hour around 60% readiness
PRIOR_HOURS = 20.0                # how many logged hours it takes to trust one's own rate


def window_hours_by_domain(hours: pd.DataFrame, learner_id: str, start, end) -> pd.Series:
    """Study hours a learner logged with a date in [start, end), per domain_id (-1: no domain)."""
    if hours is None or hours.empty:
        return pd.Series(dtype=float)
    rows = hours[hours["learner_id"].astype(str) == str(learner_id)]
    when = pd.to_datetime(rows["date"] if "date" in rows else rows["week"])
    rows = rows[((when >= pd.Timestamp(start)) & (when < pd.Timestamp(end))).to_numpy()]
    domain = rows["domain_id"].fillna(-1).astype(int) if "domain_id" in rows else pd.Series(-1, index=rows.index)
    return rows["minutes"].astype(float).groupby(domain.to_numpy()).sum() / 60.0


def hours_by_domain(hours: pd.DataFrame | None, learner_id: str, as_of) -> dict[int, float]:
    """Hours a learner logged per domain up to the end of the as-of day."""
    if hours is None or hours.empty:
        return {}
    rows = hours[hours["learner_id"].astype(str) == str(learner_id)]
    when = pd.to_datetime(rows["date"] if "date" in rows else rows["week"])
    rows = rows[(when < pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)).to_numpy()]
    rows = rows[rows["domain_id"].notna()]  # study time no domain could be read from
    return (rows.groupby(rows["domain_id"].astype(int))["minutes"].sum() / 60.0).to_dict()


def window_gains(mine: pd.DataFrame, then, as_of, params) -> pd.DataFrame:
    """Per domain: exam-style questions before the window and in it, and the log-odds of the window's
    accuracy minus that of the answers before it (each weighted as the model weighs them, both shrunk alike
    towards their pooled accuracy).

    Two sittings at the same level measure no gain, and a few questions' noise little; the model's estimates
    would measure one, as more answers pull a domain away from its prior (docs/model.md).
    """
    exam_style = mine[mine["source"].astype(str).isin(EXAM_STYLE_SOURCES)]
    before = usable_evidence(exam_style, end_of_day(then))
    until_now = usable_evidence(exam_style, end_of_day(as_of))
    window = until_now.loc[~until_now.index.isin(before.index)]
    sides = []
    for rows, cutoff in ((before, end_of_day(then)), (window, end_of_day(as_of))):
        weight = row_weights(rows, cutoff, params)[0] if len(rows) else np.zeros(0)
        sides.append(pd.DataFrame({"domain_id": rows["domain_id"].astype(int).to_numpy(),
                                   "questions": rows["total"].to_numpy(dtype=float),
                                   "wins": weight * rows["correct"].to_numpy(dtype=float),
                                   "answers": weight * rows["total"].to_numpy(dtype=float)})
                     .groupby("domain_id").sum())
    both = sides[0].add_suffix("_before").join(sides[1], how="inner")
    # Each side's weighted accuracy, shrunk by the model's prior strength towards the two sides' pooled accuracy (kept
    # off 0 and 1 by half a question): the same pull on both, so noise in a few questions is not read as a change.
    pooled = (both["wins_before"] + both["wins"] + 0.5) / (both["answers_before"] + both["answers"] + 1.0)
    k = params.prior_strength
    accuracy = {side: (both[f"wins{side}"] / both[f"answers{side}"] * both[f"questions{side}"] + pooled * k)
                / (both[f"questions{side}"] + k) for side in ("_before", "")}
    return pd.DataFrame({"questions_before": both["questions_before"], "questions_in_window": both["questions"],
                         "gain": special.logit(accuracy[""]) - special.logit(accuracy["_before"])})


def own_pace(learner_id: str, evidence, hours, blueprint, as_of, params,
             lookback_days: int = 28) -> tuple[float, bool]:
    """(log-odds gain per study hour, whether the learner's own history informed it).

    Only a measured change counts: the blueprint domains that had fresh exam-style answers before the
    window and got new ones in it (`window_gains`). Their gains are summed (each hour studies one domain,
    so r hours' worth of gain, summed over domains, is r × the hours) and divided by the hours logged in
    the window on them, plus the hours logged on no blueprint domain (they may have gone to any). Without
    such a domain, or without hours logged on them, the learner's history says nothing about their pace:
    the rate is the prior. A domain's first practice is not learning (its start is an assumption), and
    neither are hours never logged.
    """
    if evidence is None or evidence.empty:
        return PRIOR_LOGIT_GAIN_PER_HOUR, False
    mine = evidence[evidence["learner_id"].astype(str) == str(learner_id)]
    then = pd.Timestamp(as_of) - pd.Timedelta(days=lookback_days)
    gains = window_gains(mine, then, as_of, params)
    gains = gains[gains.index.isin([d.id for d in blueprint.domains])]
    logged = window_hours_by_domain(hours, learner_id, then + pd.Timedelta(days=1),
                                    pd.Timestamp(as_of) + pd.Timedelta(days=1))
    unassigned = ~logged.index.isin([d.id for d in blueprint.domains])
    studied = float(logged[logged.index.isin(gains.index) | unassigned].sum())
    if gains.empty or studied <= 0:
        return PRIOR_LOGIT_GAIN_PER_HOUR, False
    observed = float(np.clip(gains["gain"].sum(), 0.0, None))
    return (PRIOR_LOGIT_GAIN_PER_HOUR * PRIOR_HOURS + observed) / (PRIOR_HOURS + studied), True


def rank_one_learner(rows: pd.DataFrame, rate: float, blueprint, step_hours: float,
                     n_sims: int, seed: int) -> pd.DataFrame:
    """Rank one learner's domains by pass-probability gain per hour (common random numbers).

    The same draws serve every shifted exam: each differs from the base only in one domain's count
    (the values are those of `simulate_exam` with `shift_logit`, computed once per domain).
    """
    draws = {domain_id: (p, u_answers) for domain_id, p, u_answers in ability_draws(rows, blueprint, n_sims, seed)}
    counts = {domain_id: correct_in_domain(p, u_answers) for domain_id, (p, u_answers) in draws.items()}
    total = np.zeros(n_sims)
    for count in counts.values():
        total += count
    base = exam_outcome(total, blueprint)["pass_probability"]
    out = rows[["learner_id", "domain_id", "readiness"]].copy()
    gains, readiness_gains = [], []
    for domain_id, readiness in zip(rows["domain_id"], rows["readiness"]):
        shifted_total = total
        if int(domain_id) in draws:
            shifted_total = total - counts[int(domain_id)] + correct_in_domain(*draws[int(domain_id)],
                                                                                rate * step_hours)
        gains.append((exam_outcome(shifted_total, blueprint)["pass_probability"] - base) / step_hours)
        p = np.clip(readiness / 100, 1e-6, 1 - 1e-6)
        after = special.expit(special.logit(p) + rate * step_hours)
        readiness_gains.append(100 * (after - p) / step_hours)
    out["pass_probability"] = base
    out["logit_gain_per_hour"] = rate
    out["readiness_gain_per_hour"] = readiness_gains
    out["pass_gain_per_hour"] = gains
    weights = {d.id: d.weight for d in blueprint.domains}
    out["score_gain_per_hour"] = out["domain_id"].astype(int).map(weights).fillna(0.0) * out["readiness_gain_per_hour"]
    # Pass gains alike to 0.01 points (all zero when the pass mark is out of reach) rank by the exam score an
    # hour adds there, then weakest first
    out["_pass_shown"] = np.round(100 * out["pass_gain_per_hour"], 2)
    out = out.sort_values(["_pass_shown", "score_gain_per_hour", "readiness"],
                          ascending=[False, False, True]).drop(columns="_pass_shown")
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def study_next(domains: pd.DataFrame, hours: pd.DataFrame | None, blueprint, evidence=None,
               as_of=None, params: ModelParams = ModelParams(), step_hours: float = 5.0,
               n_sims: int = 20000, seed: int = 0) -> pd.DataFrame:
    """Domains ranked by expected gain in pass probability per study hour (hours never add readiness).

    `pace_measured`: whether `logit_gain_per_hour` comes partly from the learner's own logged hours
    and measured gains (`own_pace`), or is the prior alone.
    """
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.today().normalize()
    ranked = []
    for learner_id, rows in domains.groupby("learner_id", sort=True):
        rate, measured = own_pace(learner_id, evidence, hours, blueprint, as_of, params)
        one = rank_one_learner(rows, rate, blueprint, step_hours, n_sims, seed)
        logged = hours_by_domain(hours, learner_id, as_of)
        ranked.append(one.assign(hours_logged=one["domain_id"].map(logged).fillna(0.0), pace_measured=measured))
    if not ranked:
        return pd.DataFrame(columns=["learner_id", "domain_id", "readiness", "pass_probability",
                                     "logit_gain_per_hour", "readiness_gain_per_hour",
                                     "pass_gain_per_hour", "score_gain_per_hour", "rank", "hours_logged",
                                     "pace_measured"])
    return pd.concat(ranked, ignore_index=True)
