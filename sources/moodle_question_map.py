"""The question → domain map that goes with a Moodle Grades export: `question,domain[,task]`.

Convention: a small CSV in the same inbox folder as the export. When there are several, the
one named after the export wins: its name, then a separator (`quiz1.csv` + `quiz1_map.csv`, not
`quiz12-map.csv`). A lone map named after another file beside it (`quiz1-map.csv` next to `quiz1.csv`) is that
file's, not `quiz2.csv`'s.
Questions may be written `1`, `Q1` or `Q. 1`. The file itself loads no rows.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from sources.csv_columns import column, norm, pick
from sources.csv_layout import header_names
from sources.csvread import read_csv

FORMAT = "moodle_question_map"
KIND = "exams"
ALIASES = {norm(a): c for c, names in {
    "question": ["question", "q", "q#", "question number", "question no", "slot"],
    "domain": ["domain", "knowledge area", "domain label"],
    "task": ["task", "task statement"],
    "service": ["service", "aws service"],
}.items() for a in names}


def detect(path: Path, head: bytes) -> bool:
    """A header of only question, domain and optionally task / service (and blank names at its end)."""
    names = header_names(head)
    kinds = [ALIASES.get(n) for n in names]
    return None not in kinds and {"question", "domain"} <= set(kinds) and len(set(kinds)) == len(kinds)


def question_number(text) -> str | None:
    """'Q. 1', 'Q1', '1', 'Q. 1 /1.00' -> '1'."""
    match = re.match(r"\s*(?:q\.?\s*)?(\d+)", str(text or ""), re.IGNORECASE)
    return match.group(1) if match else None


def read_map(path: Path) -> pd.DataFrame:
    """Rows of the map: question (number as text), domain, task, service, line."""
    frame = read_csv(path)
    found = pick(frame, ALIASES)
    return pd.DataFrame({"question": column(frame, found, "question").map(question_number),
                         "domain": column(frame, found, "domain"), "task": column(frame, found, "task"),
                         "service": column(frame, found, "service"), "line": frame["line"]})


def map_files(folder: Path) -> list[Path]:
    """Every file in the folder that looks like a question map, sorted by name."""
    maps = []
    for other in sorted(Path(folder).iterdir()):
        if other.is_file():
            with open(other, "rb") as handle:
                if detect(other, handle.read(64 * 1024)):
                    maps.append(other)
    return maps


def named_after(export: Path, maps: list[Path]) -> list[Path]:
    """The maps named after the export: its name then a separator (`week1-map.csv`, `week1_domains.csv`;
    not `week10-map.csv`); when several are, those named exactly `<export>-map`, `_map` or ` map`."""
    stem = Path(export).stem.casefold()
    named = [m for m in maps if m.stem.casefold().startswith(stem) and m != Path(export)
             and not m.stem[len(stem):][:1].isalnum()]
    exact = [m for m in named if re.fullmatch(r"[\W_]*map", m.stem[len(stem):].casefold())]
    return exact if len(named) > 1 and exact else named


def pick_map(export: Path, maps: list[Path]) -> Path | None:
    """Of the map files next to an export, the one that goes with it (None: none, or no clear one); a lone map
    named after another export beside it is that one's (`others_map`, which lists the folder only then)."""
    maps = [m for m in maps if m != Path(export)]
    named = named_after(export, maps)
    if named or len(maps) != 1:
        return named[0] if len(named) == 1 else None
    return None if others_map(export, maps[0]) else maps[0]


def others_map(export: Path, map_path: Path) -> Path | None:
    """The Moodle export other than `export` in the map's folder that `map_path` is named after (`week1.csv` for
    `week1-map.csv`), if there is one; a file of another kind (the map's own `domains.xlsx`, a backup) is none."""
    named = [f for f in folder_files(map_path.parent)
             if f not in (Path(export), map_path) and named_after(f, [map_path])]
    return next((f for f in named if _is_moodle_export(f)), None)


def _is_moodle_export(path: Path) -> bool:
    from sources import moodle  # which reads its maps with this module

    try:
        with open(path, "rb") as handle:
            return moodle.detect(path, handle.read(64 * 1024))
    except OSError:
        return False


def folder_files(folder: Path) -> list[Path]:
    """The files of an export's folder, sorted by name (none for a folder that is not there)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if p.is_file())
    except OSError:
        return []


def find_map(export: Path) -> Path | None:
    """The map file for a Moodle export, by the convention in this module's docstring."""
    return pick_map(export, map_files(Path(export).parent))


def parse(path: Path) -> dict[str, pd.DataFrame]:
    """A map file loads no rows by itself; the Moodle adapter reads it."""
    read_map(path)
    return {}
