"""Per-question practice-exam results: one CSV row per answered question."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from sources.canonical import ANSWERS, FormatError
from sources.cell_numbers import to_number, to_seconds
from sources.csv_columns import column, norm, pick
from sources.csv_layout import header_of
from sources.csvread import read_csv
from sources.distinct_values import map_distinct
from sources.label_columns import choose_label_columns
from sources.learners import HEADER_LINES, learner_keys, own_learners, people_named
from sources.ragged_rows import cell_columns, no_data
from sources.datetimes import taken_at_column
from sources.repeated_columns import check_copies, copies, line_list
from sources.result_sittings import result_sittings
from sources.sittings import question_items

FORMAT = "per_question_csv"
KIND = "exams"

EMAILS = ["email", "email address", "e-mail", "e-mail address", "student email", "learner email", "user email"]
EMAIL_ALIASES = {norm(a) for a in EMAILS}
# A column naming each row's person (a class's export); an email column first (`aliases_for`)
LEARNER_NAMES = [*EMAILS, "learner_id", "learner", "learner name", "student", "student name", "student id", "user",
                 "username", "user name", "user id", "participant", "full name", "candidate", "candidate name",
                 "trainee", "trainee name"]
ALIASES = {norm(a): canonical for canonical, names in {
    "attempt_id": ["attempt_id", "attempt", "attempt id", "exam", "test", "mock", "practice test",
                   "exam name", "test name", "quiz"],
    "taken_at": ["taken_at", "taken at", "date", "taken", "date taken", "completed", "completed on",
                 "started", "started on", "timestamp", "when"],
    "provider": ["provider", "platform", "source", "vendor"],
    "question_id": ["question_id", "question id", "question", "q#", "q", "q no", "question no",
                    "question number", "qid", "item"],
    "domain_label": ["domain", "domain_label", "knowledge area", "category", "section", "domain name"],
    "task_label": ["task", "task_label", "task statement", "subdomain", "objective"],
    "service_label": ["service", "service_label", "aws service", "topic"],
    "correct": ["correct", "correct?", "is correct", "result", "outcome", "answered correctly"],
    "seconds": ["seconds", "time (s)", "time s", "time sec", "time spent", "time spent (s)", "duration"],
    "confidence": ["confidence", "certainty", "sure"],
    "learner_id": LEARNER_NAMES,  # cohort exports
}.items() for a in names}


def aliases_for(header, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """`aliases` (default: this format's ALIASES) for a file with this header: an email column names the learner
    before any other learner column, as in time-tracker team exports and Moodle (docs/cohorts.md)."""
    aliases = ALIASES if aliases is None else aliases
    if not any(norm(h) in EMAIL_ALIASES for h in header):
        return aliases
    return {a: c for a, c in aliases.items() if c != "learner_id" or a in EMAIL_ALIASES}

# Excel writes TRUE/FALSE cells in its own language: WAHR/FALSCH, VRAI/FAUX, VERDADERO/FALSO, VERO/FALSO,
# VERDADEIRO/FALSO, WAAR/ONWAAR, SANT/FALSKT, SAND/FALSK, SANN/USANN, TOSI/EPÄTOSI, PRAWDA/FAŁSZ; and both halves of
# yes/no (ja/nein, nee, nej, nei): a language's one half alone would count only the answers it reads
def class_learners(out: pd.DataFrame, frame: pd.DataFrame, found: dict[str, str]) -> None:
    """Give `out` the learner column's people when it names a class's (several people; anyone in a class
    workspace): a per-domain summary's or a study log's; a one-person file stays the workspace learner's. A row
    repeating the header or a '#' or page line names no one."""
    if "learner_id" not in found:
        return
    again = no_data(frame)
    cells = column(frame, found, "learner_id").mask(again, None)
    if own_learners(people_named(learner_keys(cells))):
        out["learner_id"] = cells
        out.attrs[HEADER_LINES] = set(frame["line"][again].tolist())

TRUE = {"true", "1", "yes", "y", "correct", "right", "pass", "passed", "✓", "✔", "☑", "✅", "ok",
        "ja", "richtig", "wahr", "oui", "vrai", "si", "sí", "correcto", "verdadero", "vero", "verdadeiro", "waar",
        "sant", "sand", "sann", "tosi", "prawda"}
FALSE = {"false", "0", "no", "n", "incorrect", "wrong", "fail", "failed", "✗", "✘", "✖", "✕", "❌",
         "skipped", "unanswered", "nein", "falsch", "non", "faux", "incorrecto", "falso", "onwaar",
         "nee", "nej", "nei", "falskt", "falsk", "usann", "epätosi", "fałsz"}

EMOJI_STYLE, TEXT_STYLE = "\ufe0f", "\ufe0e"  # variation selectors: how a symbol is drawn, not which

LABELS = {"domain_label", "task_label", "service_label"}


def _kinds(head: bytes) -> set[str]:
    return {ALIASES[h] for h in header_of(head) if h in ALIASES}


def detect(path: Path, head: bytes) -> bool:
    """A header with a question column, a correct column and a domain, task or topic column."""
    kinds = _kinds(head)
    return {"question_id", "correct"} <= kinds and bool(kinds & LABELS)


def to_correct(value) -> bool | None:
    """true/false, 1/0, yes/no, correct/incorrect, ✓/✗ -> bool; anything else -> None. An emoji's variation
    selector ('✔️' as Notion, Excel and emoji pickers write it: U+2714 U+FE0F) is not part of the mark."""
    text = str(value or "").replace(EMOJI_STYLE, "").replace(TEXT_STYLE, "").strip().lower().rstrip(".!")
    return True if text in TRUE else False if text in FALSE else None


UNREAD_WHAT = {"seconds": "a time (72, 1:12, 00:01:05, 35 sec, 1m 12s)", "confidence": "a number or percent"}


def unread_note(cells: pd.Series, values: pd.Series, lines: pd.Series, name: str, what: str) -> str | None:
    """The warning for an optional column's cells that are written but could not be read (left empty)."""
    unread = cells.notna() & values.isna()
    if not unread.any():
        return None
    count = int(unread.sum())
    many = f"{count} '{name}' cells are" if count > 1 else f"1 '{name}' cell is"
    return f"{many} not {what} (line{'s' if count > 1 else ''} {line_list(lines[unread])}): left empty"


def correct_column(counts: dict[str, dict[str, int]]) -> str:
    """Of the columns that may hold the correct mark ({column: {value as written: rows}}, in header
    order), the one with the most rows that read as a mark (`to_correct`); the first of equals.
    `Correct` may name the right answer's letter (B), `Result` the mark (Correct)."""
    return max(counts, key=lambda c: sum(rows for value, rows in counts[c].items() if to_correct(value) is not None))


def correct_candidates(columns) -> list[str]:
    """Columns named as a correct mark, in header order; a repeated name once (its copies: `check_copies`)."""
    out: list[str] = []
    for name in map(str, columns):
        if ALIASES.get(norm(name)) == "correct" and not any(name in copies(columns, o) for o in out):
            out.append(name)
    return out


def to_confidence(value) -> float | None:
    """'80%', '0.8' or '4' (a 1-5 scale is kept as written) -> number."""
    number = to_number(value)
    return number / 100 if number is not None and str(value).strip().endswith("%") else number


def parse(path: Path, zone: str | None = None, exam: str | None = None) -> dict[str, pd.DataFrame]:
    """Rows of the file as canonical `answers` (source 'mock').

    Besides the canonical columns: `cells`, why a row's cells do not match the header (it is
    quarantined for that, `ragged_rows.cell_columns`), `extra_cells`, its cells beyond the header,
    `taken_at_text`, the date cell as written where it is not a date, and `correct_text`, the
    correct/incorrect cell as written where it is not one (both quoted in the reason). All are None
    on a sound row; they are kept in quarantine's row_json, not in raw.

    `zone`: the learner's time zone name; a time written with an offset or Z is read as its wall clock
    (`datetimes.parse_as`; default: this machine's zone). `exam`: the code of the exam whose labels decide between
    two label columns (`label_columns.choose_label_columns`; None: every installed exam's).
    """
    frame = read_csv(path)
    aliases = aliases_for(frame.columns)
    found = pick(frame, aliases)
    label_notes = choose_label_columns(frame, found, aliases, exam)  # e.g. Section (Part A) and Domain
    if len(candidates := correct_candidates(frame.columns)) > 1:  # e.g. Correct (the answer B) and Result
        found["correct"] = correct_column({c: frame[c][frame[c] != ""].value_counts().to_dict() for c in candidates})
    missing = [c for c in ("question_id", "correct") if c not in found]
    if missing or not LABELS & set(found):
        raise FormatError(path, f"no column for {', '.join(missing) or 'domain or task'}", line=1,
                          hint="the header needs question, correct and domain (or task, topic) columns")
    notes = check_copies(path, frame, found, {"correct": to_correct, "seconds": to_seconds,
                                              "confidence": to_confidence})
    taken_at, note = taken_at_column(path, frame, found, zone)
    seconds = map_distinct(column(frame, found, "seconds"), to_seconds).astype("float64")
    confidence = map_distinct(column(frame, found, "confidence"), to_confidence).astype("float64")
    items = question_items(column(frame, found, "question_id"),
                           *(column(frame, found, c) if c in found else None for c in ("domain_label", "task_label")))
    attempt, providers, sitting_notes = result_sittings(path, frame, found, taken_at, items,  # result_sittings.py
                                                        column(frame, found, "learner_id"))
    out = pd.DataFrame({
        "attempt_id": attempt,
        "taken_at": taken_at,
        "provider": providers,
        "question_id": column(frame, found, "question_id"),
        "domain_label": column(frame, found, "domain_label"),
        "task_label": column(frame, found, "task_label"),
        "service_label": column(frame, found, "service_label"),
        "correct": map_distinct(column(frame, found, "correct"), to_correct).astype("boolean"),
        "seconds": seconds, "confidence": confidence,
        "source": "mock",
        "line": frame["line"],
    })[ANSWERS + ["line"]]
    out = out.assign(**cell_columns(frame))
    out["taken_at_text"] = column(frame, found, "taken_at").where(taken_at.isna(), None) if "taken_at" in found \
        else None
    out["correct_text"] = column(frame, found, "correct").where(out["correct"].isna(), None)
    again = no_data(frame)  # a header again (two exports in one file), a '#' or page line: held back for that alone
    if "learner_id" in found:  # one file for many learners (a cohort export); the header again names no one
        out["learner_id"] = column(frame, found, "learner_id").mask(again, None)
        out.attrs[HEADER_LINES] = set(frame["line"][again].tolist())
    unread = [unread_note(column(frame, found, name).mask(again, None), values, frame["line"], found.get(name),
                          UNREAD_WHAT[name]) for name, values in (("seconds", seconds), ("confidence", confidence))]
    out.attrs["warnings"] = [w for w in ([note] + sitting_notes + notes + label_notes + unread) if w]
    return {"answers": out}
