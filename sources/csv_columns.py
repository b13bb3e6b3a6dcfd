"""Finding a CSV frame's columns by name: normalised header names, canonical aliases, repeated names."""
from __future__ import annotations

import re

import pandas as pd


def norm(name: str) -> str:
    """A header name reduced to lowercase words, keeping % and # ('Score %' -> 'score %')."""
    return re.sub(r"[^a-z0-9%#]+", " ", str(name).lower()).strip()


def unique_names(names: list[str]) -> list[str]:
    """Header names made unique so that repeated columns survive ('Tags', 'Tags.1')."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        out.append(f"{name}.{seen[name]}" if name in seen else name)
        seen[name] = seen.get(name, 0) + 1
    return out


def name_as_written(name: str, names) -> str:
    """A header name without the '.1' `unique_names` adds to a repeated name ('correct.1' -> 'correct'), when
    `names` holds that name."""
    match = re.fullmatch(r"(.*)\.\d+", name)
    return match.group(1) if match and match.group(1) in names else name


def pick(frame: pd.DataFrame, aliases: dict[str, str]) -> dict[str, str]:
    """Canonical name -> the frame's column, first alias match wins for each canonical name."""
    found: dict[str, str] = {}
    for column in frame.columns:
        canonical = aliases.get(norm(column))
        if canonical and canonical not in found:
            found[canonical] = column
    return found


def column(frame: pd.DataFrame, found: dict[str, str], name: str) -> pd.Series:
    """The column chosen for a canonical name, or an all-None column."""
    if name in found:
        return frame[found[name]].replace("", None)
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)
