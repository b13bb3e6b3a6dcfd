"""Sittings of a practice set within one file: which rows of a set were one attempt.

A file may hold a learner's set sat twice ("Practice Test 1" on 1 May and again on 8 May, or
twice on one day). Its rows of one (learner, set), in time order (file order among equal times),
are split into sittings where

* more than `GAP` passes between two answers (a break longer than the real exam itself), or
* an item repeats: a row whose item the set's rows since the last such break have already had
  k times begins sitting k + 1 at the latest (the running maximum of each row's repeat count; full
  sittings in a row are told apart exactly, whatever their order inside). The item is the question,
  with its domain and its task where the file has those columns (`question_items`: question numbers
  restarting in each domain or task repeat nothing), and a summary's domain.

A pasted copy is no repeat: a row the same as the line right above it in the file (same learner,
set, platform, item and time, and every cell examready reads alike: `cells_read`) takes that line's
sitting, so the duplicate check holds it back ('duplicate of line N') and the rows after it stay in
their sitting. Lines alike in every such cell one above the other are taken for a paste even in a set
sat twice on one day (its last item answered first again, with the same mark); a different mark or
score makes the lower line a retake's. A line alike with an earlier line of its sitting further up,
followed by a row of that sitting, is a paste too (`sources/pasted_lines.py`).

A sitting's id is the set's name plus when it began (`stamp_text`); sittings of one set that
began in the same minute (dates without times: a same-day retake, a file dated by its day) are
numbered ' (2)', ' (3)' in order; a set its title names adds the file (' [td-feb10]', `tag`). The
same rows give the same ids, so a re-export of a sitting replaces it. Rows without a readable date
keep the bare name (and are quarantined for it).
A set is keyed by its platform too (`providers`, case and spaces aside, as marts.domain_evidence's
retakes): where one file holds a set's rows from two platforms, each platform's rows are split alone
and a named platform's ids end in it ('Practice Test 1 2026-11-20 (Udemy)'); ids of a set from one
platform do not change.
`warehouse/bulk_sittings.py` computes the same in SQL for large files.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources import pasted_lines, platform_rule

ITEM_JOIN = "\x1f"  # between the parts of a row's item (domain, task, question): the unit separator, in no cell
GAP = pd.Timedelta(hours=3)  # the DEA-C01 exam is 130 min (160 with the extra 30 min a non-native speaker may ask)


def file_attempt_name(path) -> str:
    """The attempt id of a file whose rows name none: its name, with the folders it sits in below the
    inbox's kind folder (`inbox/exams/udemy/practice-1.csv` -> 'udemy/practice-1'), so files of one name
    in two folders (two providers, two learners) are two attempts, not a re-export of one."""
    path = Path(path)
    for parent in path.parents:
        if parent.name in ("exams", "hours", "notes") and parent.parent.name == "inbox":
            return path.relative_to(parent).with_suffix("").as_posix()
    return path.stem


def stamp_text(starts: pd.Series) -> pd.Series:
    """'YYYY-MM-DD HH:MM', the day alone for midnight (a date without a time)."""
    return starts.dt.strftime("%Y-%m-%d %H:%M").str.removesuffix(" 00:00")


def platform_keys(providers: pd.Series | None, index) -> pd.Series:
    """Each row's platform key: the provider lower-cased and trimmed, '' where blank, as DuckDB's
    `platform_key` gives it (sources/platform_rule.sql: the bulk path's; Python's strip and lower differ)."""
    if providers is None:
        return pd.Series("", index=index, dtype=object)
    return _by_rule(providers, platform_rule.platform_keys)


def _by_rule(providers: pd.Series, rule) -> pd.Series:
    """`rule` (a sources.platform_rule function) on each row's provider, computed once per distinct value."""
    texts = providers.fillna("").astype(str)
    distinct = tuple(texts.unique())
    return texts.map(dict(zip(distinct, rule(distinct)))).astype(object)


def sitting_ids(names: pd.Series, taken_at: pd.Series, learners: pd.Series | None = None,
                items: pd.Series | None = None, providers: pd.Series | None = None,
                lines: pd.Series | None = None, cells: pd.Series | None = None, tag: str = "") -> pd.Series:
    """Each row's sitting id (see the module docstring); `items` are the rows' items (`question_items`, or
    domains), `lines` their line numbers in the file (default: consecutive), `cells` what the row's cells
    read (`cells_read`; without it a copy needs the same item and time alone), `tag` what follows the date
    and number, before a platform (a titled page's ' [<file>]': sources/title_set.py)."""
    rows = pd.DataFrame({"who": "" if learners is None else learners.fillna(""), "set": names,
                         "plat": platform_keys(providers, names.index), "at": taken_at,
                         "item": None if items is None else items,
                         "order": range(len(names)) if lines is None else lines.to_numpy(),
                         "cells": 0 if cells is None else cells.to_numpy()}, index=names.index)
    rows = rows[rows["at"].notna()].sort_values(["who", "set", "plat", "at", "order"], kind="stable")
    if rows.empty:
        return names.copy()
    group = [rows["who"], rows["set"], rows["plat"]]
    rows["stretch"] = (rows.groupby(group, sort=False)["at"].diff() > GAP).groupby(group, sort=False).cumsum()
    rows["copy"] = _pasted_copies(rows, group)
    if cells is not None:  # without the cells read, a line alike further down may be a retake's answer
        rows["copy"] |= pasted_lines.pasted_repeats(rows, group)
    rows["sitting"] = pasted_lines.sitting_numbers(rows, group, rows["copy"])  # a copy keeps its line's sitting
    keys = ["who", "set", "plat", "stretch", "sitting"]
    rows["text"] = stamp_text(rows.groupby(keys, sort=False)["at"].transform("min"))
    firsts = rows.drop_duplicates(keys)  # in time order: stretch and sitting grow along it
    number = firsts.groupby(["who", "set", "plat", "text"], sort=False).cumcount() + 1
    suffix = pd.Series(number.map(lambda k: f" ({k})" if k > 1 else "").to_numpy(),
                       index=pd.MultiIndex.from_frame(firsts[keys]))
    rows["suffix"] = suffix.reindex(pd.MultiIndex.from_frame(rows[keys])).to_numpy()
    ids = rows["set"].astype(str) + " " + rows["text"] + rows["suffix"] + tag + _platform_suffix(rows, providers)
    out = names.astype(object).copy()
    out.loc[ids.index] = ids
    return out


def _pasted_copies(rows: pd.DataFrame, group: list[pd.Series]) -> pd.Series:
    """Rows (in the rule's order) the same as the line right above them in the file: that line is the row
    before them here, with the same time, item and cells (the module docstring's pasted copy)."""
    before = rows.groupby(group, sort=False)[["at", "item", "order", "cells"]].shift(1)
    return (rows["item"].notna() & (before["order"] == rows["order"] - 1) & (before["at"] == rows["at"])
            & (before["item"] == rows["item"]) & (before["cells"] == rows["cells"])).fillna(False).astype(bool)


def cells_read(frame: pd.DataFrame, found: dict[str, str]) -> pd.Series:
    """Each row's cells that examready reads (the columns `found`), as one number: lines alike in all of them
    are a paste; a same-day retake's answer differs in one (a mark, a score)."""
    return pd.util.hash_pandas_object(frame[list(dict.fromkeys(found.values()))], index=False)


def _platform_suffix(rows: pd.DataFrame, providers: pd.Series | None) -> pd.Series:
    """' (<platform as written first>)' on rows of a named platform whose (learner, set) has two platforms."""
    several = rows.groupby(["who", "set"], sort=False)["plat"].transform("nunique") > 1
    if providers is None or not several.any():
        return pd.Series("", index=rows.index)
    written = _by_rule(providers.reindex(rows.index), platform_rule.provider_texts)
    first = written.groupby([rows["who"], rows["set"], rows["plat"]], sort=False).transform("first")
    return (" (" + first + ")").where(several & (rows["plat"] != ""), "")


def file_sitting_ids(name: str, taken_at: pd.Series, learners: pd.Series | None = None,
                     items: pd.Series | None = None, providers: pd.Series | None = None,
                     lines: pd.Series | None = None, cells: pd.Series | None = None) -> tuple[pd.Series, int]:
    """Sittings of a file whose rows name no set or attempt (the file's `name` is the set): each row's id
    and how many sittings there are. A learner's rows that form one sitting keep the bare name."""
    ids = sitting_ids(pd.Series(name, index=taken_at.index, dtype=object), taken_at, learners, items, providers,
                      lines, cells)
    dated = taken_at.notna()
    who = pd.Series("", index=taken_at.index) if learners is None else learners.fillna("")
    count = ids[dated].groupby(who[dated]).transform("nunique")
    several = count.reindex(ids.index, fill_value=0) > 1
    return ids.where(several, name), int(ids[dated].groupby(who[dated]).nunique().sum())


def question_items(questions: pd.Series, domains: pd.Series | None, tasks: pd.Series | None = None) -> pd.Series:
    """A per-question row's item: its question, joined (ITEM_JOIN) to its domain and its task where the file
    has such columns, so 'D1 Q1..10, D2 Q1..10' (or 'Task 1.1 Q1..5, Task 1.2 Q1..5') repeats nothing; None
    where the question is blank."""
    if domains is None and tasks is None:
        return questions
    item = questions.astype(str)
    for labels in (tasks, domains):
        item = item if labels is None else labels.fillna("").astype(str) + ITEM_JOIN + item
    return item.where(questions.notna(), None)


def file_sittings_note(count: int, item: str = "question") -> str | None:
    """What run and inspect say of a file without a set/attempt column whose rows form several sittings
    (`item`: what repeats, a summary's domain)."""
    if count < 2:
        return None
    return (f"no test/attempt column: its rows form {count} sittings by their times (a break over 3 h or a "
            f"repeated {item}), each its own attempt dated by its first row")
