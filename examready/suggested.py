"""Commands a message suggests, written so that pasting them works: each word quoted for the shell
where it needs it (a learner id `Stu21 Learner21`, a path with spaces)."""
from __future__ import annotations

import shlex


def command(*words: str) -> str:
    """'examready forget --learner 'Stu21 Learner21' --undo': `examready` and the words, shell-quoted."""
    return " ".join(["examready", *(shlex.quote(str(w)) for w in words)])
