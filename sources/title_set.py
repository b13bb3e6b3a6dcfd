"""The practice set (and platform) a results page's title lines name, for a file without a set/attempt column.

A results page copied with its title (`Tutorials Dojo - AWS Certified Data Engineer Associate - Practice Test 3`,
`Exported on 2026-02-10`) names its set there. The set's key is the WHOLE title line that names a numbered set,
its dates and times taken out, runs of spaces made one and runs of dashes one ' - ' (`set_key`), compared case
aside (marts.domain_evidence): 'Domain 1 … – Set 1' and 'Domain 2 … – Set 1' stay two sets, 'PRACTICE TEST 3'
and 'Practice Test 3' are one,
and a date ('Mock Exam 10/02/2026') is never read as a set number. Each sitting's id also names its file
('<key> 2026-02-10 [td-feb10]'): two files of one set are two sittings, even on one day, never a re-export of
each other, and a later one is a retake (docs/formats.md, "The set a title names"). Titles naming two sets, or
none, leave the file name as the set; two platforms key the set without one.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from sources.csv_columns import column

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATES = re.compile(r"(?<!\w)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
                   rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
                   r"(?!(?!T\d)\w)", re.IGNORECASE)  # ISO's 'T' before a time may follow
TIMES = re.compile(r"(?<![\w:])T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w:])",
                   re.IGNORECASE)
SET_NAMES = re.compile(r"\b(?:(?:practice|mock|sample|full|final|timed|diagnostic)\s+)?"  # a numbered set's words
                       r"(?:test|exam|set|quiz|mock|assessment)\s*(?:#\s*|no\.\s*)?\d{1,3}(?![\w.])", re.IGNORECASE)
EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")  # what a date in brackets leaves
DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
EDGES = " \t,;|-\"'"  # what a spreadsheet's line (quotes, empty cells) or a taken-out date leaves at the ends
PLATFORMS = ("Tutorials Dojo", "Udemy", "AWS Skill Builder", "Skill Builder", "Whizlabs", "ExamPro",
             "Digital Cloud Training", "A Cloud Guru", "Pluralsight", "KodeKloud", "ExamTopics")
PLATFORM_NAME = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"\s+")
                                             for p in sorted(PLATFORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


class TitleSet(NamedTuple):
    """What the title lines name: the set's key (None: none, or two), its platform (None: none, or two), notes."""
    key: str | None
    platform: str | None
    notes: list[str]


def undated(line: str) -> str:
    """The line without its dates and times ('Mock Exam 10/02/2026' -> 'Mock Exam ')."""
    return TIMES.sub(" ", DATES.sub(" ", line))


def set_key(line: str) -> str:
    """A title line as a set's key, as written but for its dates and times (out), spaces (one) and dashes (one ' - ')."""
    text = EMPTY_BRACKETS.sub(" ", undated(line))
    return DASHES.sub(" - ", " ".join(text.split())).strip(EDGES)


def _distinct(found: list[str]) -> list[str]:
    """`found` as written, once per name (case and spacing aside), in order."""
    seen: dict[str, str] = {}
    for text in found:
        seen.setdefault(" ".join(text.lower().split()), " ".join(text.split()))
    return list(seen.values())


def title_set(title: list[str]) -> TitleSet:
    """The set key and platform named by a file's title lines (csvread's `attrs["title"]`)."""
    named = [(line, _distinct(SET_NAMES.findall(undated(line)))) for line in title]
    lines = _distinct([set_key(line) for line, sets in named if sets])
    sets = _distinct([s for _, found in named for s in found])
    platforms = _distinct([m.group(0) for line in title for m in PLATFORM_NAME.finditer(line)])
    if len(lines) != 1 or len(sets) != 1:
        notes = [] if not sets else [f"the title lines name {len(sets)} practice sets ({', '.join(sets)}) on "
                                     f"{len(lines)} line(s): the file name is the set; add a Test column naming it"]
        return TitleSet(None, None, notes)
    if len(platforms) > 1:
        return TitleSet(lines[0], None, [f"the title lines name {len(platforms)} platforms ({', '.join(platforms)}):"
                                         " the set is keyed without one; add a Platform column"])
    return TitleSet(lines[0], platforms[0] if platforms else None, [])


def file_tag(name: str) -> str:
    """' [<file name>]', the part of a titled sitting's id naming its file (brackets in the name made round)."""
    return f" [{name.replace('[', '(').replace(']', ')')}]"


def title_set_note(named: TitleSet, tag: str, has_platform_column: bool) -> str:
    """What run and inspect say of a file keyed by its title's set."""
    platform = f" of {named.platform}" if named.platform and not has_platform_column else ""
    return (f"no test/attempt column: the title line names the set '{named.key}'{platform}, so its sittings are "
            f"'{named.key} <date>{tag}' (another file of the set is another sitting: a retake of the earlier one; "
            "two on one day without times are ordered by file name)")


def titled_set(frame: pd.DataFrame, found: dict[str, str],
               name: str) -> tuple[pd.Series | None, pd.Series, str, list[str]]:
    """Each row's set key as its title lines name it (None: the file has a set/attempt column, or the title names
    none), each row's provider (the title's platform where the file has no provider column), the id's file
    tag for the file named `name` (`file_tag`), what to say."""
    providers = column(frame, found, "provider")
    if "attempt_id" in found:
        return None, providers, "", []
    named = title_set(frame.attrs.get("title", []))
    if named.key is None:
        return None, providers, "", named.notes
    if "provider" not in found and named.platform:
        providers = pd.Series(named.platform, index=frame.index, dtype=object)
    tag = file_tag(name)
    keys = pd.Series(named.key, index=frame.index, dtype=object)
    return keys, providers, tag, named.notes + [title_set_note(named, tag, "provider" in found)]
