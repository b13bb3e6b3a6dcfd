"""Moodle quiz "Grades" report export: one answer per finished attempt × question."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pandas as pd

from sources.canonical import ANSWERS, FormatError
from sources.cell_numbers import to_number
from sources.csv_columns import norm
from sources.csv_layout import header_of
from sources.csvread import read_csv
from sources.moodle_skipped import skipped_rows
from sources.ragged_rows import CELL_COLUMNS, cell_columns, no_data
from sources.datetimes import parse_datetimes
from sources.learners import people_text
from sources.moodle_question_map import find_map, map_files, named_after, others_map, pick_map, read_map
from sources.time_tracker import joined, learner_ids_and_column

FORMAT = "moodle"
KIND = "exams"
UNGRADED = "requires grading"  # the mark cell of an answer the teacher has yet to grade (an essay)
QUESTION = re.compile(r"^Q\.?\s*(\d+)\s*/\s*([\d.,]+)$", re.IGNORECASE)


def detect(path: Path, head: bytes) -> bool:
    """A header with State, Started on and question columns like 'Q. 1 /1.00'."""
    names = header_of(head)
    return {"state", "started on"} <= set(names) and any(re.fullmatch(r"q \d+ \d+( \d+)?", n)
                                                         for n in names)


# Normalised question columns in the user's language: 'F. 1 /1,00' (German) is 'f 1 1 00', 'В. 1 /1.00' '1 1 00'
# (letters outside a-z are dropped by csv_columns.norm).
QUESTION_IN_A_LANGUAGE = re.compile(r"(?:[a-z]{1,3} )?\d+ \d+(?: \d+)?")


def in_a_language_not_read(names: list[str]) -> bool:
    """Whether normalised header names have two or more of Moodle's question columns but not its English State and
    Started on: Moodle names a report's columns in the language of the user who downloads it ('Q.' in French)."""
    questions = sum(1 for n in names if QUESTION_IN_A_LANGUAGE.fullmatch(n))
    return questions >= 2 and not {"state", "started on"} & set(names)


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


def not_graded(mark) -> bool:
    """Whether a mark cell is Moodle's 'Requires grading': the teacher has yet to mark the answer."""
    return str(mark or "").strip().lower() == UNGRADED


def mark_reason(question: str, mark) -> str:
    """Why a question's answer has no correct/incorrect: not graded yet, or a mark that is no number."""
    if not_graded(mark):
        return (f"Q. {question} is not graded yet ('Requires grading'): grade it in Moodle and export the "
                "Grades report again")
    return f"Q. {question}: the mark '{str(mark or '').strip()}' is not a number or '-'"


def learner_ids(frame: pd.DataFrame, cols: dict[str, str]) -> tuple[pd.Series | None, str | None]:
    """Each attempt's learner when the export names several people, and the column that told.

    People are told apart over every attempt row (any State; not the "Overall average" row, which
    has none) as in a Toggl or Clockify team export (`sources.time_tracker.learner_ids_and_column`):
    when the export names several people by either column, Email address keys every row if it names
    anyone (a row without one names no one and is quarantined), else First name + Surname. A learner's
    own export names one person (not by the workspace's learner id): (None, None), its rows belong to
    the workspace's learner (in a `cohort: true` workspace, to that person; docs/cohorts.md).
    """
    people = frame[(frame[cols["state"]].fillna("").str.strip() != "") & ~no_data(frame)]  # no header again, '#' or page line

    def get(name: str) -> pd.Series:
        return people[cols[name]] if name in cols else pd.Series("", index=people.index, dtype=object)

    candidates = {"email address": get("email address"),
                  "first name and surname": joined(get("first name"), get("surname"), sep=" ")}
    team, column = learner_ids_and_column(*candidates.values())  # one column keys the file: Email first
    return team, (list(candidates)[column] if column is not None else None)


def names_beside_emails(frame: pd.DataFrame, cols: dict[str, str], told_by: str | None) -> pd.Series | None:
    """First name + Surname of each row of an export keyed by email (raw.learner_names; the quarantine's
    values), else None."""
    if told_by != "email address":
        return None
    return joined(*(frame[cols[n]] if n in cols else pd.Series("", index=frame.index, dtype=object)
                    for n in ("first name", "surname")), sep=" ")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def pseudonym(email: str) -> str:
    """A short stable stand-in for an email in attempt ids and page names: 'p' + 8 hex digits of the
    sha256 of the address as Moodle keys it (case and spaces aside); '' for a blank cell."""
    address = unicodedata.normalize("NFC", email.strip()).lower()  # as learner ids key an email
    return "p" + hashlib.sha256(address.encode("utf-8")).hexdigest()[:8] if address else ""


def _who(attempts: pd.DataFrame, cols: dict[str, str]) -> pd.Series:
    """The person part of each attempt id: the email's pseudonym, else the surname's slug (else first
    name, else state: as before, an export without people names); a blank cell falls to the next."""
    who = pd.Series("", index=attempts.index, dtype=object)
    for name in ("email address", "surname", "first name", "state"):
        if name in cols:
            stand_in = pseudonym if name == "email address" else _slug
            who = who.where(who != "", attempts[cols[name]].fillna("").astype(str).map(stand_in))
    return who


def parse(path: Path, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """Finished attempts as canonical `answers`; domains from the question map next to the file.

    Each answer row has its line's `cells` and `extra_cells` (`ragged_rows.cell_columns`): every
    answer of a line whose cells do not match the header is quarantined for that, whatever its
    State cell says (a cell missing or too many may have shifted it). `zone`: as `per_question_csv.parse`'s."""
    frame = read_csv(path)
    cols = {norm(c): c for c in frame.columns}
    questions = question_columns(frame)
    if "state" not in cols or "started on" not in cols or not questions:
        raise FormatError(path, "not a Moodle Grades export (needs State, Started on, Q. n /x.xx)",
                          line=1, hint="download Results → Grades as CSV in the quiz")
    finished = frame[frame[cols["state"]].str.lower().isin(["finished", "abgeschlossen"])
                     | cell_columns(frame)["cells"].notna()]  # a ragged row's State may be off: kept, quarantined
    # rows listed by surname (an attempt per row): their order says nothing of which of 01/12 and 12/01 is meant
    started, note = parse_datetimes(finished[cols["started on"]], zone, ordered_by_time=False)
    attempt = "moodle-" + _who(finished, cols) + "-" + started.dt.strftime("%Y%m%dT%H%M").fillna("undated")
    team, told_by = learner_ids(frame, cols)
    names = names_beside_emails(finished, cols, told_by)
    qmap, warnings, unlabelled, map_name = _question_map(path)
    rows = []
    for column, (number, full) in questions.items():
        label = qmap.get(number, {})
        marks = finished[column].map(lambda m, f=full: mark_correct(m, f))
        rows.append(pd.DataFrame({
            "attempt_id": attempt, "taken_at": started, "provider": "Moodle", "question_id": number,
            "domain_label": label.get("domain"), "task_label": label.get("task"),
            "service_label": label.get("service"),
            "correct": marks.astype("boolean"),
            "correct_text": finished[column].where(marks.isna()),  # as written: 'Requires grading' (mark_reason)
            "seconds": float("nan"), "confidence": float("nan"), "source": "moodle",
            "line": finished["line"], **cell_columns(frame, finished)}))
        if team is not None:  # several people: every attempt belongs to its own learner
            rows[-1]["learner_id"] = team.reindex(finished.index)  # a ragged row may have no State
            if names is not None:
                rows[-1]["learner_name"] = names
    out = pd.concat(rows).sort_values(["line", "question_id"], key=_numeric, ignore_index=True)
    skipped = skipped_rows(frame.drop(finished.index), cols["state"])
    out.attrs["warnings"] = warnings + ([note] if note else []) + ([skipped] if skipped else []) + (
        [f"{people_text(team.nunique())} ({told_by}): each attempt is stored under its person as learner id"]
        if team is not None else [])
    answers = out[ANSWERS + ["correct_text", "line", *CELL_COLUMNS] + (["learner_id"] if team is not None else [])
                  + (["learner_name"] if "learner_name" in out.columns else [])]
    answers.attrs["unlabelled"] = unlabelled  # the reason a question without a domain is held back
    answers.attrs["labels_from"] = map_name  # where a label matching no domain is fixed (None: no map)
    if told_by == "email address":  # an attempt without an email: what to do (docs/cohorts.md)
        answers.attrs["learner_hint"] = ("Email address", "name", "fill in the student's email in Moodle (their "
                                         "profile) and export the Grades report again")
    return {"answers": answers}


def _numeric(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce") if values.name == "question_id" else values


def _question_map(path: Path) -> tuple[dict[str, dict], list[str], str, str | None]:
    """Question number -> {domain, task, service} from the map file, with warnings, the reason a
    question the map gives no domain is held back for (a template over the row's values), and the map's name."""
    map_path = find_map(path)
    if map_path is None:
        return {}, ["no question→domain map file (question,domain) found next to the export, or several, or only "
                    "another export's: domains are left empty"], no_map_reason(path), None
    rows = read_map(map_path)
    mapping = {r.question: {"domain": r.domain, "task": r.task, "service": r.service}
               for r in rows.itertuples() if r.question}
    lacking = (f"no domain: question {{question_id}} has no line in the question map {_literal(map_path.name)}; "
               "add it there")
    return mapping, [f"domains from {map_path.name}"], lacking, map_path.name


def no_map_reason(path: Path) -> str:
    """Why the questions of an export no map goes with have no domain: no map in its folder, or several and
    none named after it (`pick_map`); what to add, as docs/formats.md says."""
    path = Path(path)
    found = [m for m in map_files(path.parent) if m != path]
    maps, several = [_literal(m.name) for m in found], [_literal(m.name) for m in named_after(path, found)]
    named = _literal(f"{path.stem}-map.csv")
    if len(found) == 1 and (owner := others_map(path, found[0])):
        return (f"no domain: the question→domain map in its folder, {maps[0]}, is named after "
                f"{_literal(owner.name)}, another export; add this one's as {named}: docs/formats.md, Moodle")
    if not maps:
        return ("no domain: no question→domain map goes with this Moodle export; add one in its folder, e.g. "
                f"{named} with the columns question,domain (optionally task, service): docs/formats.md, Moodle")
    if several:
        return (f"no domain: {len(several)} question→domain maps are named after this Moodle export "
                f"({', '.join(several)}); keep one, or name the one that goes with it {named}: docs/formats.md, Moodle")
    return (f"no domain: {len(maps)} question→domain maps are in its folder ({', '.join(maps)}) and none is named "
            f"after this Moodle export; name its map {named}: docs/formats.md, Moodle")


def _literal(name: str) -> str:
    """A file name as literal text in a reason template (str.format over the row's values): braces doubled."""
    return name.replace("{", "{{").replace("}", "}}")
