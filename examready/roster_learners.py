"""Roster lines of the exam_dates roster (pipelines/exam_dates.py reads it) naming no learner of the
warehouse, or one taken out: `examready run` and `examready learners` warn about them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from examready.suggested import command


def unknown_learners(con, roster: dict[str, tuple[date, int]], path: Path) -> list[str]:
    """A warning per roster learner with no row that counts in the warehouse: a typo, not loaded yet,
    or taken out with `forget --learner` (said so: their date comes back with --undo)."""
    from difflib import get_close_matches

    from warehouse.learner_events import withdrawn_learners
    from warehouse.learners import learner_ids

    known = learner_ids(con)
    taken_out = set(withdrawn_learners(con))  # `forget --learner`: known, their rows do not count
    warnings = []
    # a line the workspace's learner shares with the class learner it names (pipelines/workspace.py): said once,
    # and not at all when either is known
    said = {line for learner, (_day, line) in roster.items() if learner in known}
    for learner, (_day, line) in sorted(roster.items(), key=lambda item: item[1][1]):
        if line in said:
            continue
        said.add(line)
        if learner in taken_out:
            warnings.append(f"{path} line {line}: {learner} was taken out of the class (`examready forget --learner`); "
                            f"its date is unused until `{command('forget', '--learner', learner, '--undo')}`")
        elif learner not in known:
            close = get_close_matches(learner, known + sorted(taken_out), n=2, cutoff=0.6)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            warnings.append(f"{path} line {line}: no learner {learner} in the warehouse{hint}; its date is unused")
    return warnings
