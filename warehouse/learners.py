"""The warehouse's learners: the one query that lists staging.learners."""
from __future__ import annotations

LEARNER_IDS = "SELECT learner_id FROM staging.learners ORDER BY learner_id"


def learner_ids(con) -> list[str]:
    """The learners whose rows count now, by id (staging.learners: learners taken out by `forget --learner`
    are not there; the workspace's own learner is, even without rows)."""
    return [row[0] for row in con.execute(LEARNER_IDS).fetchall()]
