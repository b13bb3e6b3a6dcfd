"""Everything the pages show, read once from the marts for one learner."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from reports.caveats import readiness_caveats
from sources.blueprint import load_blueprint
from sources.label_services import ambiguous_parts
from warehouse.hour_words import learner_hour_umbrellas
from warehouse.note_words import learner_note_umbrellas
from warehouse.service_labels import learner_ambiguous_labels

TREND_LOOKBACK_DAYS = 14


@dataclass
class SiteData:
    """The marts' frames for one learner, plus the exam facts the pages need."""

    learner: str
    exam: str
    pass_mark: int
    exam_date: date | None
    today: date
    domains: pd.DataFrame       # domain_id, name, weight, label
    history: pd.DataFrame       # marts.readiness rows, with label
    current: pd.DataFrame       # latest readiness per domain, with weight, trend columns
    forecast: pd.DataFrame      # marts.forecast rows over time
    attempts: pd.DataFrame      # marts.attempts rows (attempt × domain)
    answers: pd.DataFrame       # marts.answer_detail of mock exams (per question)
    hours: pd.DataFrame         # marts.hours_weekly, with label
    services: pd.DataFrame      # marts.service_coverage
    tasks: pd.DataFrame         # marts.task_coverage
    evidence: pd.DataFrame      # marts.domain_evidence (the readiness model's input)
    notes: pd.DataFrame         # marts.notes: one row per note: title, file, sections, words, services mentioned
    unmapped: pd.DataFrame      # marts.unmapped_hours: study time not mapped to a domain, by description and project
                                #   (Anki reviews: by deck and tags), and its tool
    other_learners: int = 0     # marts.learners besides this one (a class export)
    own: bool = True            # the workspace's own learner's pages ("your exam date"), else another's
    ambiguous: pd.DataFrame | None = None  # questions per umbrella word of their service labels (warehouse.service_labels)
    note_umbrellas: pd.DataFrame | None = None  # marts.note_umbrellas: notes per umbrella word they say
    hour_umbrellas: pd.DataFrame | None = None  # marts.hour_umbrellas: hours per umbrella word the entries say

    @property
    def latest_forecast(self) -> dict | None:
        """The newest forecast row, or None before any evidence."""
        return None if self.forecast.empty else self.forecast.iloc[-1].to_dict()

    def days_to_exam(self) -> int | None:
        return (self.exam_date - self.today).days if self.exam_date else None

    def caveats(self) -> list[str]:
        """What the pass chance, score and readiness rest on, where it limits them (reports.caveats)."""
        forecast = self.latest_forecast
        as_of = pd.Timestamp(forecast["as_of"]).date() if forecast else self.today
        return readiness_caveats(self.learner, list(zip(self.current["label"], self.current["questions"])),
                                 not self.evidence.empty, as_of, self.exam_date, self.today, self.own)


def with_trend(history: pd.DataFrame, lookback_days: int = TREND_LOOKBACK_DAYS) -> pd.DataFrame:
    """Latest readiness per domain with its change since ~lookback_days earlier.

    A domain needs exam-style questions on both days for a change: without them its readiness is
    assumed from the other domains and only moves with them. `trend_note` says why there is none.
    """
    if history.empty:
        return history.assign(previous=[], change=[], since=[], measured=[], trend_note=[])
    latest = history["as_of"].max()
    earlier = history[history["as_of"] <= latest - pd.Timedelta(days=lookback_days)]
    base_day = earlier["as_of"].max() if not earlier.empty else history["as_of"].min()
    base = history[history["as_of"] == base_day].set_index("domain_id")
    current = history[history["as_of"] == latest].copy()
    current["previous"] = current["domain_id"].map(base["readiness"])
    current["since"] = pd.Timestamp(base_day).date()
    current["measured"] = current["questions"] > 0
    # estimates of one day: nothing to compare with, not a change of ±0
    measured_then = (current["domain_id"].map(base["questions"]) > 0) & (base_day != latest)
    # the change of the whole points the pages show: 65.5 -> 65.3 is 66 -> 65 in the table and chart, so -1, not ±0
    shown_change = current["readiness"].round() - current["previous"].round()
    current["change"] = shown_change.where(current["measured"] & measured_then)
    new = (f"none yet: first practised after {current['since'].iloc[0]}" if base_day != latest
           else "none yet: estimates of one day only")
    current["trend_note"] = [("" if then else new) if now else "none: not practised yet"
                             for now, then in zip(current["measured"], measured_then)]
    return current


def measured_history(history: pd.DataFrame) -> pd.DataFrame:
    """Readiness over time with the days a domain had no exam-style questions left blank (assumed, not measured)."""
    return history.assign(readiness=history["readiness"].where(history["questions"] > 0))


def names(value) -> list[str]:
    """A list cell read from DuckDB (array, list, or NA) as a list."""
    return [] if value is None or value is pd.NA or (isinstance(value, float) and value != value) else list(value)


def with_service_options(answers: pd.DataFrame, bp) -> pd.DataFrame:
    """Answers with `services` as lists and `ambiguous`: per umbrella word of the service label ('Kinesis' in
    'Kinesis, Glue'), (the word as written, the services it could be as 'A, B, C') (sources.label_services.ambiguous_parts)."""
    parts = {label: [(part, ", ".join(options)) for part, options in ambiguous_parts(label, bp)]
             for label in answers["service_label"].dropna().unique()} if bp is not None else {}
    return answers.assign(services=[names(v) for v in answers["services"]],
                          ambiguous=[parts.get(v, []) if isinstance(v, str) else [] for v in answers["service_label"]])


def load_site_data(con, learner: str, pass_mark: int, exam_date: date | None, today: date | None = None) -> SiteData:
    """Read the marts once; every page is drawn from this."""
    def q(sql: str) -> pd.DataFrame:
        return con.execute(sql, [learner]).df()

    domains = con.execute("SELECT domain_id, name, weight, exam FROM marts.exam_domains ORDER BY domain_id").df()
    domains["label"] = [f"D{i} {n}" for i, n in zip(domains["domain_id"], domains["name"])]
    labels = dict(zip(domains["domain_id"], domains["label"]))
    history = q("SELECT * FROM marts.readiness WHERE learner_id = ? ORDER BY as_of, domain_id")
    history["label"] = history["domain_id"].map(labels)
    current = with_trend(history).merge(domains[["domain_id", "weight"]], on="domain_id", how="left")
    hours = q("SELECT week, domain_id, minutes, sessions, learner_id FROM marts.hours_weekly WHERE learner_id = ?")
    hours["label"] = hours["domain_id"].map(labels).fillna("Not mapped to a domain")
    exam = str(domains["exam"].iloc[0]) if len(domains) else ""
    bp = load_blueprint(exam) if exam else None
    ambiguous = learner_ambiguous_labels(con, learner, bp) if exam else None
    answers = q("SELECT attempt_id, taken_at, provider, question_id, domain_id, task_id, services, service_label, "
                "correct, seconds, line FROM marts.answer_detail WHERE learner_id = ? AND source <> 'anki' "
                "ORDER BY taken_at, attempt_id, line, line_row")
    return SiteData(
        learner=learner, exam=exam, pass_mark=pass_mark, ambiguous=ambiguous,
        note_umbrellas=learner_note_umbrellas(con, learner),
        hour_umbrellas=learner_hour_umbrellas(con, learner),
        exam_date=exam_date, today=today or date.today(), domains=domains, history=history, current=current,
        forecast=q("SELECT * FROM marts.forecast WHERE learner_id = ? ORDER BY as_of"),
        attempts=q("SELECT * FROM marts.attempts WHERE learner_id = ? ORDER BY taken_at, attempt_id, domain_id"),
        answers=with_service_options(answers, bp),
        hours=hours,
        services=q("SELECT * FROM marts.service_coverage WHERE learner_id = ? ORDER BY name"),
        tasks=q("SELECT * FROM marts.task_coverage WHERE learner_id = ? ORDER BY id"),
        evidence=q("SELECT * FROM marts.domain_evidence WHERE learner_id = ?"),
        notes=q("SELECT title, note_path, file, note_date, sections, words, services FROM marts.notes "
                "WHERE learner_id = ? ORDER BY title, note_path"),
        # every column: a view built before `tool` and `tags` (until the next run) lists entries without them
        unmapped=q("SELECT * EXCLUDE (learner_id) FROM marts.unmapped_hours "
                   "WHERE learner_id = ? ORDER BY hours DESC, description"),
        other_learners=con.execute("SELECT count(*) FROM marts.learners WHERE learner_id <> ? AND has_rows",
                                   [learner]).fetchone()[0])
