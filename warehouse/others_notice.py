"""In a learner's own workspace, what `run` says of a file whose learner column names someone else."""
from __future__ import annotations

from sources.learners import in_class_workspace


def others_notice(path: str, prepared: dict, learner_id: str) -> str | None:
    """In a learner's own workspace, the stderr line for a file whose learner column names others than its learner
    (a per-question export with a Username column): their rows count as theirs, not the workspace's learner's."""
    if in_class_workspace():
        return None
    others = sorted({str(who) for frame, *_ in prepared.values() if "learner_id" in frame.columns
                     for who in frame["learner_id"].dropna().unique() if str(who) and str(who) != learner_id})
    if not others:
        return None
    named = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return (f"examready: {path}: its learner column names {named}, not the workspace's learner {learner_id}: "
            f"{'those rows count as theirs' if len(others) > 1 else 'its rows count as theirs'} "
            f"(`examready learners` lists them); an export of your own needs no learner column, or set learner_id in "
            "examready.yaml to the name it gives (docs/cohorts.md)")
