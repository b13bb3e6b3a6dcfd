"""The practice set (and platform) a results page's title lines name, for a file without a set/attempt column.

A results page copied with its title (`Tutorials Dojo - AWS Certified Data Engineer Associate - Practice Test 3`,
`Exported on 2026-02-10`) names its set there: such a file is read as if it had a Test column holding that
name (and, without a Platform column, a Platform column holding the platform the title names), so its
sittings are '<set> YYYY-MM-DD' whatever the file is called, and the same set saved under another name on
another day is a retake of it (docs/formats.md, "Title lines above the header").

The set: a numbered practice set's name as written in a title line (`Practice Test 3`, `Practice Exam 2`,
`Mock Exam 1`, `Set 4`, `Quiz 2`); the platform: a known practice platform named in a title line
(`PLATFORMS`). Titles naming two sets, or two platforms, name neither: nothing is guessed.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from sources.csv_columns import column

SET_NAME = re.compile(r"\b(?:(?:practice|mock|sample|full|final|timed|diagnostic)\s+)?"
                      r"(?:test|exam|set|quiz|mock|assessment)\s*(?:#\s*|no\.\s*)?\d{1,3}(?![\w.-])", re.IGNORECASE)
PLATFORMS = ("Tutorials Dojo", "Udemy", "AWS Skill Builder", "Skill Builder", "Whizlabs", "ExamPro",
             "Digital Cloud Training", "A Cloud Guru", "Pluralsight", "KodeKloud", "ExamTopics")
PLATFORM_NAME = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                             for p in sorted(PLATFORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


class TitleSet(NamedTuple):
    """What the title lines name: the set (None: none, or two), its platform (None: none, or two), what to say."""
    name: str | None
    platform: str | None
    notes: list[str]


def _distinct(found: list[str]) -> list[str]:
    """`found` as written, once per name (case and spacing aside), in order."""
    seen: dict[str, str] = {}
    for text in found:
        seen.setdefault(" ".join(text.lower().split()), " ".join(text.split()))
    return list(seen.values())


def title_set(title: list[str]) -> TitleSet:
    """The set and platform named by a file's title lines (csvread's `attrs["title"]`)."""
    sets = _distinct([m.group(0) for line in title for m in SET_NAME.finditer(line)])
    platforms = _distinct([m.group(0) for line in title for m in PLATFORM_NAME.finditer(line)])
    if len(sets) != 1:
        notes = [] if not sets else [f"the title lines name {len(sets)} practice sets ({', '.join(sets)}): the file "
                                     "name is the set; add a Test column naming it"]
        return TitleSet(None, None, notes)
    if len(platforms) > 1:
        return TitleSet(sets[0], None, [f"the title lines name {len(platforms)} platforms ({', '.join(platforms)}): "
                                        f"the set '{sets[0]}' is keyed without one; add a Platform column"])
    return TitleSet(sets[0], platforms[0] if platforms else None, [])


def title_set_note(named: TitleSet, has_platform_column: bool) -> str:
    """What run and inspect say of a file keyed by its title's set."""
    platform = f" of {named.platform}" if named.platform and not has_platform_column else ""
    return (f"no test/attempt column: the title lines name the set '{named.name}'{platform}, so its sittings are "
            f"'{named.name} <date>' (another file of the set on another day is a retake of it)")


def titled_set(frame: pd.DataFrame, found: dict[str, str]) -> tuple[pd.Series | None, pd.Series, list[str]]:
    """Each row's set as its title lines name it (None: the file has a set/attempt column, or the title names
    none), each row's provider (the title's platform where the file has no provider column), what to say."""
    providers = column(frame, found, "provider")
    if "attempt_id" in found:
        return None, providers, []
    named = title_set(frame.attrs.get("title", []))
    if named.name is None:
        return None, providers, named.notes
    if "provider" not in found and named.platform:
        providers = pd.Series(named.platform, index=frame.index, dtype=object)
    names = pd.Series(named.name, index=frame.index, dtype=object)
    return names, providers, named.notes + [title_set_note(named, "provider" in found)]
