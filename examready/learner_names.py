"""Learner ids that are a display name another file gives an email learner: `Ana Diaz` from a Clockify
team export with the Email column blank, beside `ana@class.example` from a Toggl export naming her
`Ana Diaz`. One person becomes two learners without a word; `examready run` and `examready learners`
say so on stderr, naming the file keyed by names and the email. They are not merged: which file is
right is the instructor's call (docs/cohorts.md).

The pairs come from raw.learner_names (written for files keyed by email that show a name beside it,
as their current loads); ids are compared as stored (`sources.learners.learner_key`).
"""
from __future__ import annotations

from examready.learner_typos import evidence_of

PAIRS_SQL = """
SELECT n.name, list(DISTINCT n.learner_id ORDER BY n.learner_id), list(DISTINCT l.path ORDER BY l.path)
FROM raw.learner_names n JOIN staging.current_loads l USING (load_id)
WHERE n.name IN (SELECT learner_id FROM staging.learners)
  AND n.learner_id IN (SELECT learner_id FROM staging.learners)
GROUP BY n.name ORDER BY n.name
"""


def names_of_emails(con) -> list[dict]:
    """[{learner, emails, files, named_in}] per learner id that a file keyed by email gives as the name
    of `emails` (in `named_in`); `files`: where the name-keyed rows come from."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' "
                       "AND table_name = 'learner_names'").fetchall()[0][0]:
        return []  # a warehouse an older version built, before its next run
    found = con.execute(PAIRS_SQL).fetchall()
    if not found:
        return []
    rows = evidence_of(con, [name for name, *_ in found])
    return [{"learner": name, "emails": emails, "files": rows.get(name, {}).get("paths", []), "named_in": named_in}
            for name, emails, named_in in found]


def name_text(found: dict) -> str:
    """"'Ana Diaz' (hours/clockify-team.csv) is the name of ana@class.example in hours/toggl-team.csv: …"."""
    files = " and ".join(found["files"]) or "its file"
    return (f"'{found['learner']}' ({files}) is the name of {' and '.join(found['emails'])} in "
            f"{' and '.join(found['named_in'])}: one person as two learners? export {files} again with emails "
            "shown (the Email column) and run again")
