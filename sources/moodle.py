"""Moodle quiz "Grades" report export: one answer per finished attempt × question."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from sources.canonical import ANSWERS, FormatError
from sources.csvread import header_of, norm, read_csv, to_number
from sources.datetimes import parse_datetimes
from sources.moodle_question_map import find_map, map_files, pick_map, read_map

FORMAT = "moodle"
KIND = "exams"
QUESTION = re.compile(r"^Q\.?\s*(\d+)\s*/\s*([\d.,]+)$", re.IGNORECASE)


def detect(path: Path, head: bytes) -> bool:
    """A header with State, Started on and question columns like 'Q. 1 /1.00'."""
    names = header_of(head)
    return {"state", "started on"} <= set(names) and any(re.fullmatch(r"q \d+ \d+( \d+)?", n)
                                                         for n in names)


def companions(path: Path, maps: list[Path] | None = None) -> list[Path]:
    """The other files this export is read with: the question map `find_map` picks, if any.

    `maps` are the map files of the export's folder (`map_files`), when the caller has them.
    """
    found = pick_map(path, map_files(Path(path).parent) if maps is None else maps)
    return [found] if found is not None else []


def question_columns(frame: pd.DataFrame) -> dict[str, tuple[str, float]]:
    """Column -> (question number, full mark)."""
    found = {}
    for name in frame.columns:
        match = QUESTION.match(name.strip())
        if match:
            found[name] = (match.group(1), to_number(match.group(2)))
    return found


def mark_correct(mark: str, full: float) -> bool | None:
    """Full marks -> True, less or '-' (not answered) -> False, not yet graded -> None."""
    text = str(mark or "").strip()
    if text == "-":
        return False
    number = to_number(text)
    if number is None:
        return None
    return number >= full - 1e-9


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse(path: Path) -> dict[str, pd.DataFrame]:
    """Finished attempts as canonical `answers`; domains from the question map next to the file."""
    frame = read_csv(path)
    cols = {norm(c): c for c in frame.columns}
    questions = question_columns(frame)
    if "state" not in cols or "started on" not in cols or not questions:
        raise FormatError(path, "not a Moodle Grades export (needs State, Started on, Q. n /x.xx)",
                          line=1, hint="download Results → Grades as CSV in the quiz")
    finished = frame[frame[cols["state"]].str.lower().isin(["finished", "abgeschlossen"])]
    started, note = parse_datetimes(finished[cols["started on"]])
    who = finished[cols.get("email address", cols.get("surname", cols["state"]))]
    attempt = "moodle-" + who.map(_slug) + "-" + started.dt.strftime("%Y%m%dT%H%M").fillna("undated")
    qmap, warnings = _question_map(path)
    rows = []
    for column, (number, full) in questions.items():
        label = qmap.get(number, {})
        rows.append(pd.DataFrame({
            "attempt_id": attempt, "taken_at": started, "provider": "Moodle", "question_id": number,
            "domain_label": label.get("domain"), "task_label": label.get("task"),
            "service_label": label.get("service"),
            "correct": finished[column].map(lambda m, f=full: mark_correct(m, f)).astype("boolean"),
            "seconds": float("nan"), "confidence": float("nan"), "source": "moodle",
            "line": finished["line"]}))
    out = pd.concat(rows).sort_values(["line", "question_id"], key=_numeric, ignore_index=True)
    skipped = len(frame) - len(finished)
    out.attrs["warnings"] = warnings + ([note] if note else []) + (
        [f"{skipped} rows not finished (in progress, abandoned or the overall average) skipped"]
        if skipped else [])
    return {"answers": out[ANSWERS + ["line"]]}


def _numeric(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce") if values.name == "question_id" else values


def _question_map(path: Path) -> tuple[dict[str, dict], list[str]]:
    """Question number -> {domain, task, service} from the map file, with warnings."""
    map_path = find_map(path)
    if map_path is None:
        return {}, ["no question→domain map file (question,domain) found next to the export, "
                    "or several: domains are left empty"]
    rows = read_map(map_path)
    mapping = {r.question: {"domain": r.domain, "task": r.task, "service": r.service}
               for r in rows.itertuples() if r.question}
    return mapping, [f"domains from {map_path.name}"]
