"""Learner ids that look like a typo of another's: `studnet07@bootcamp.io`, one mock, beside
`student07@bootcamp.io`. A mistyped email in an export makes a new learner without a word; `examready
run` and `examready learners` say so on stderr, naming the file(s) its rows came from.

Two ids are alike when they share the email domain and the digits, and their local parts (5 letters
or more) are one edit apart (a letter added, left out, changed, or two neighbours swapped). Cheap at
a cohort's 10,000 ids: only ids sharing a key (the local part with one letter left out, or whole)
are compared, and the warehouse is asked about those pairs alone. The one with few rows (FEW_ROWS
at most) is named, once, beside the alike id with the most rows, when that one has more: two
learners with the same evidence cannot be told apart that way.
"""
from __future__ import annotations

from collections import defaultdict

from warehouse.learners import learner_ids

FEW_ROWS = 3  # mocks + hour entries + note sections of a suspected typo
MIN_LENGTH = 5  # shorter local parts (ann, anne; bob, rob) are different people as often as typos
EVIDENCE_SQL = """
WITH rows AS (
    SELECT learner_id, load_id, 'mock' AS kind, attempt_id AS unit FROM staging.answer_exports
    UNION ALL SELECT learner_id, load_id, 'mock', attempt_id FROM staging.domain_scores
    UNION ALL SELECT learner_id, load_id, 'hour entry', load_id || ':' || line FROM staging.study_sessions
    UNION ALL SELECT learner_id, load_id, 'note section', load_id || ':' || line FROM staging.note_sections
)
SELECT r.learner_id, r.kind, count(DISTINCT r.unit), list(DISTINCT l.path ORDER BY l.path)
FROM rows r LEFT JOIN staging.current_loads l USING (load_id)
WHERE r.learner_id IN (SELECT unnest($ids::VARCHAR[]))
GROUP BY r.learner_id, r.kind ORDER BY r.learner_id, r.kind
"""


def one_edit_apart(a: str, b: str) -> bool:
    """A letter added, left out or changed, or two neighbours swapped (Damerau distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < MIN_LENGTH:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _keys(local: str) -> set[str]:
    """The local part whole and with each letter left out: ids one edit apart share one."""
    return {local} | {local[:i] + local[i + 1:] for i in range(len(local))}


def alike_pairs(ids: list[str]) -> set[tuple[str, str]]:
    """Pairs of ids (sorted) with the same domain and digits whose local parts are one edit apart."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for learner in ids:  # a numbered cohort (student0001…) has one id per group: nothing to compare
        local, _, domain = learner.rpartition("@") if "@" in learner else (learner, "", "")
        groups[(domain, "".join(c for c in local if c.isdigit()))].append(learner)
    pairs = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        keyed: dict[str, set[str]] = defaultdict(set)
        for learner in members:
            for key in _keys(learner.rpartition("@")[0] or learner):
                keyed[key].add(learner)
        for group in keyed.values():
            alike = sorted(group)
            pairs.update((a, b) for i, a in enumerate(alike) for b in alike[i + 1:]
                         if one_edit_apart(a.rpartition("@")[0] or a, b.rpartition("@")[0] or b))
    return pairs


def evidence_of(con, ids: list[str]) -> dict[str, dict]:
    """{learner: {"rows": n, "kinds": {kind: n}, "paths": [...]}} of the rows that count."""
    found: dict[str, dict] = {}
    for learner, kind, n, paths in con.execute(EVIDENCE_SQL, {"ids": ids}).fetchall():
        entry = found.setdefault(learner, {"rows": 0, "kinds": {}, "paths": []})
        entry["rows"] += n
        entry["kinds"][kind] = n
        entry["paths"] = sorted(set(entry["paths"]) | {p for p in paths if p})
    return found


PLURAL = {"mock": "mocks", "hour entry": "hour entries", "note section": "note sections"}


def _count_text(kinds: dict[str, int]) -> str:
    """'1 mock, 2 hour entries'."""
    return ", ".join(f"{n} {kind if n == 1 else PLURAL[kind]}" for kind, n in kinds.items())


def likely_typos(con) -> list[dict]:
    """[{learner, looks_like, rows: {kind: n}, files}] per learner id that looks like a typo of another's
    (see the module's docstring), by learner."""
    ids = learner_ids(con)
    pairs = alike_pairs(ids)
    if not pairs:
        return []
    evidence = evidence_of(con, sorted({learner for pair in pairs for learner in pair}))
    rows = {learner: evidence.get(learner, {}).get("rows", 0) for pair in pairs for learner in pair}
    likely: dict[str, str] = {}  # typo: the alike id with the most rows
    for a, b in sorted(pairs):
        typo, other = (a, b) if rows[a] < rows[b] else (b, a)
        if rows[typo] < rows[other] and rows[typo] <= FEW_ROWS and typo in evidence:
            if typo not in likely or rows[other] > rows[likely[typo]]:
                likely[typo] = other
    return [{"learner": typo, "looks_like": other, "rows": evidence[typo]["kinds"], "files": evidence[typo]["paths"]}
            for typo, other in sorted(likely.items())]


def typo_text(typo: dict) -> str:
    """'studnet07@bootcamp.io (1 mock) looks like student07@bootcamp.io: a typo in exams/week2.csv? …'."""
    where = f"a typo in {' or '.join(typo['files'])}" if typo["files"] else "a typo in its file"
    return (f"{typo['learner']} ({_count_text(typo['rows'])}) looks like {typo['looks_like']}: {where}? "
            "fix the file and run again")
