"""`examready forget --learner ID [--undo]`: take a learner out of a class, or count them again."""
from __future__ import annotations

import uuid
from difflib import get_close_matches

from examready.options import Refused, bad_value
from examready.suggested import command
from examready.summaries import UnknownLearner, learner_spellings, resolve_learner


def _to_forget(con, ws, learner: str, withdrawn: list[str]) -> str:
    """The learner of the warehouse `learner` names; refused (bad_value) if it cannot be forgotten."""
    import duckdb

    if gone := next((s for s in learner_spellings(learner) if s in withdrawn), None):
        raise bad_value("--learner", f"{gone} is already forgotten: their rows no longer count "
                                     f"(`{command('forget', '--learner', gone, '--undo')}` counts them again)")
    try:
        found = _resolve(con, ws, learner)
    except duckdb.CatalogException as exc:
        raise Refused(f"{ws.db_path}: no learners yet (staging not built); "
                      f"run `{command('run', '-w', ws.root)}` first") from exc
    if found == ws.config.learner_id:
        raise bad_value(
            "--learner", f"{found} is the workspace's own learner (learner_id in examready.yaml): files naming no one "
            "are stored under it, so it cannot be taken out; forget those files instead (`examready forget PATH`)")
    return found


def _resolve(con, ws, learner: str) -> str:
    """resolve_learner, its error a bad --learner."""
    try:
        return resolve_learner(con, ws, learner)
    except UnknownLearner as exc:
        raise bad_value("--learner", str(exc)) from exc


def _to_restore(learner: str, withdrawn: list[str]) -> str:
    """The forgotten learner `learner` names; refused (bad_value) listing the forgotten ones otherwise."""
    if found := next((s for s in learner_spellings(learner) if s in withdrawn), None):
        return found
    close = get_close_matches(learner, withdrawn, n=3, cutoff=0.6)
    listed = [*close, *[w for w in withdrawn if w not in close]][:10]
    raise bad_value("--learner", f"{learner!r} is not forgotten, so there is nothing to undo; forgotten learners: "
                                 f"{', '.join(listed) or 'none'}{', …' if len(withdrawn) > len(listed) else ''}")


def change_learners(con, ws, learners: list[str], undo: bool) -> list[dict]:
    """Record each learner 'withdrawn' (or 'restored' with `undo`) in raw.learner_events, in one transaction."""
    from warehouse import learner_events
    from warehouse.connection import transaction

    withdrawn = learner_events.withdrawn_learners(con)
    found = [_to_restore(lr, withdrawn) if undo else _to_forget(con, ws, lr, withdrawn) for lr in learners]
    status, run_id = "restored" if undo else "withdrawn", f"forget-{uuid.uuid4().hex[:12]}"
    with transaction(con):
        for learner in dict.fromkeys(found):
            learner_events.record_learner(con, learner, status, run_id)
    return [{"learner": learner, "status": status} for learner in dict.fromkeys(found)]
