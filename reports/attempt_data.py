"""Per-attempt summaries from marts.attempts and marts.answer_detail, and safe page file names."""
from __future__ import annotations

import hashlib
import re

import pandas as pd

UNKNOWN_PROVIDER = "unknown provider"


def attempt_file(attempt_id: str) -> str:
    """A file name for an attempt's page: safe characters plus a hash, so ids never collide."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(attempt_id)).strip("-")[:40] or "attempt"
    digest = hashlib.sha1(str(attempt_id).encode("utf-8")).hexdigest()[:6]
    return f"attempt-{slug}-{digest}.html"


def retake_notes(evidence: pd.DataFrame | None) -> dict[str, str]:
    """attempt id -> 'retake of <set> from <date>, counts little: docs/model.md' for every attempt the readiness
    model counts as a retake (marts.domain_evidence: a later sitting of a set sat before, docs/model.md step 1)."""
    if evidence is None or evidence.empty or "retake_of" not in evidence:  # marts built before retakes were named
        return {}
    started = evidence.groupby("attempt_id")["taken_at"].min()
    notes = {}
    for row in evidence[evidence["source"] == "retake"].drop_duplicates("attempt_id").itertuples(index=False):
        first = started.get(row.retake_of)
        when = f" from {first:%Y-%m-%d}" if first is not None and not pd.isna(first) else ""
        notes[row.attempt_id] = f"retake of {row.retake_set}{when}, counts little: docs/model.md"
    return notes


def attempt_history(attempts: pd.DataFrame, evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per attempt: date, provider, correct/total, score, seconds, detail, page file, and `retake`: what
    a sitting the readiness model counts as a retake repeats (`retake_notes` of `evidence`), else None."""
    if attempts.empty:
        return pd.DataFrame(columns=["attempt_id", "taken_at", "provider", "correct", "total", "score",
                                     "seconds", "detail", "file", "retake"])
    out = (attempts.groupby("attempt_id", sort=False)
           .agg(taken_at=("taken_at", "min"), provider=("provider", "first"), correct=("correct", "sum"),
                total=("total", "sum"), seconds=("seconds", "sum"), detail=("detail", "first"))
           .reset_index().sort_values(["taken_at", "attempt_id"]))
    out["provider"] = out["provider"].fillna(UNKNOWN_PROVIDER)  # an export without a provider column
    out["score"] = out["correct"] / out["total"]
    out["seconds"] = out["seconds"].where(out["seconds"] > 0)
    out["per_question"] = out["seconds"] / out["total"]
    out["file"] = out["attempt_id"].map(attempt_file)
    out["retake"] = out["attempt_id"].map(retake_notes(evidence)).astype(object)
    out["retake"] = out["retake"].where(out["retake"].notna(), None)
    return out.reset_index(drop=True)


def domain_breakdowns(attempts: pd.DataFrame, domains: pd.DataFrame) -> pd.DataFrame:
    """Every attempt's correct/total, % and seconds per question per exam domain."""
    rows = attempts.merge(domains[["domain_id", "label"]], on="domain_id", how="left")
    rows["label"] = rows["label"].fillna("Unmapped")
    rows["score"] = rows["correct"] / rows["total"]
    rows["pct"] = 100 * rows["score"]
    rows["per_question"] = rows["seconds"] / rows["total"]
    return rows.sort_values(["attempt_id", "domain_id"])


def misses_by(answers: pd.DataFrame, key: str) -> pd.DataFrame:
    """Questions asked and missed per attempt × service (or task), most misses first."""
    known = answers[answers[key].notna()]
    out = known.groupby(["attempt_id", key]).agg(asked=("correct", "size"), right=("correct", "sum")).reset_index()
    out["missed"] = out["asked"] - out["right"]
    out["accuracy"] = out["right"] / out["asked"]
    return out.sort_values(["attempt_id", "missed", "asked"], ascending=[True, False, False])


def without_service(answers: pd.DataFrame) -> list[str]:
    """What the misses-by-service chart leaves out: '8 labelled 'Kinesis' (could be any of: A, B, C; 2 missed)'
    (an umbrella word, alone or beside services the chart counts), '3 with no service label', '2 labelled 'Misc'
    (no exam service)'."""
    if "service_label" not in answers:
        return []
    out = []
    parts = answers[["correct", "ambiguous"]].explode("ambiguous").dropna(subset=["ambiguous"])
    for (part, options), group in parts.groupby(parts["ambiguous"].map(tuple), sort=True):
        missed = int((~group["correct"].astype(bool)).sum())
        out.append(f"{counted(len(group))} labelled '{part}' (could be any of: {options}; {missed} missed)")
    none = answers[~answers["services"].map(bool) & ~answers["ambiguous"].map(bool)]
    for label, group in none.groupby(none["service_label"].fillna(""), sort=True):
        what = f"labelled '{label}' (no service of the exam)" if label else "with no service label"
        out.append(f"{counted(len(group))} {what}")
    return out


def counted(n: int) -> str:
    """'1 question', '8 questions'."""
    return f"{n} question{'s' if n != 1 else ''}"


def numbered(answers: pd.DataFrame) -> pd.DataFrame:
    """Per-question rows numbered 1.. within each attempt, in the order they were answered."""
    rows = answers.sort_values(["attempt_id", "line"]).copy()
    rows["n"] = rows.groupby("attempt_id").cumcount() + 1
    rows["right"] = rows["correct"].map({True: "yes", False: "no"})
    if "services" in rows:
        rows["service"] = [", ".join(s) or None for s in rows["services"]]
    return rows


def by_attempt(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Split a frame into one frame per attempt id."""
    return {key: rows.reset_index(drop=True) for key, rows in frame.groupby("attempt_id", sort=False)}


def attempt_parts(attempts: pd.DataFrame, answers: pd.DataFrame, domains: pd.DataFrame,
                  tasks: pd.DataFrame) -> dict[str, dict]:
    """attempt id -> {breakdown, answers, service, task_id}: everything one attempt's page shows."""
    task_names = dict(zip(tasks["id"], tasks["name"]))
    services = misses_by(answers.explode("services").rename(columns={"services": "service"}), "service").assign(
        name=lambda f: f["service"])  # a question naming several services is a miss (or not) of each
    task_misses = misses_by(answers, "task_id")
    task_misses["name"] = [f"{t} {task_names.get(t, '')}".strip() for t in task_misses["task_id"]]
    parts = {"breakdown": by_attempt(domain_breakdowns(attempts, domains)), "answers": by_attempt(numbered(answers)),
             "service": by_attempt(services), "task_id": by_attempt(task_misses)}
    empty = {"breakdown": attempts.iloc[:0], "answers": answers.iloc[:0], "service": pd.DataFrame(),
             "task_id": pd.DataFrame()}
    return {a: {k: parts[k].get(a, empty[k]) for k in parts} for a in attempts["attempt_id"].unique()}


def per_domain_scores(attempts: pd.DataFrame, domains: pd.DataFrame) -> pd.DataFrame:
    """attempt × domain label → % correct, for the history table."""
    if attempts.empty:
        return pd.DataFrame()
    labels = dict(zip(domains["domain_id"], "D" + domains["domain_id"].astype(str)))
    frame = attempts.assign(short=attempts["domain_id"].map(labels).fillna("?"),
                            pct=100 * attempts["correct"] / attempts["total"])
    return frame.pivot_table(index="attempt_id", columns="short", values="pct", aggfunc="mean")
