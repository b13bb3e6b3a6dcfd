"""The JSON answers of `examready readiness` and `examready gaps`, read from the marts."""
from __future__ import annotations

from datetime import date

from examready.suggested import command
from pipelines.workspace import Workspace
from reports.accuracy_range import range_ends
from reports.coverage_rule import accuracy_value
from reports.hours import hours_said, hours_value
from sources.blueprint import load_blueprint
from warehouse.hour_words import domain_fix, learner_hour_umbrellas, logged_text
from warehouse.note_words import learner_note_umbrellas
from warehouse.service_labels import learner_ambiguous_labels

SHOWN_LEARNERS = 10  # known learners an unknown-learner error lists


class UnknownLearner(LookupError):
    """A --learner that is neither the workspace's learner nor one with rows in the warehouse."""

    def __init__(self, learner: str, workspace_learner: str, known: list[str], total: int, forgotten: bool = False):
        self.learner, self.known, self.total = learner, known, total
        if forgotten:  # `examready forget --learner`: known, but none of their rows count
            super().__init__(f"{learner} was taken out of the class (`{command('forget', '--learner', learner)}`): "
                             f"their rows do not count; `{command('forget', '--learner', learner, '--undo')}`, then "
                             "`examready run`, counts them again")
            return
        more = f", … ({total:,} in all)" if total > len(known) else ""
        listed = ", ".join(repr(k) if "," in k else k for k in known)  # "O'Brien, Sean" is one learner
        super().__init__(f"unknown learner {learner!r}: no rows for it in the warehouse and it is not the "
                         f"workspace's learner ({workspace_learner}). Known learners: {listed}{more}")


def learner_spellings(learner: str) -> list[str]:
    """The id as given, then as rows store it (an email lower-cased, NFC: docs/cohorts.md)."""
    from sources.learners import learner_key

    return list(dict.fromkeys([learner, learner_key(learner) or learner]))


def resolve_learner(con, ws: Workspace, learner: str | None) -> str:
    """The learner asked for, as given or as rows store it (`Ana@Class.example` is ana@class.example):
    the workspace's own learner (always known, with or without evidence) or one with rows in the
    warehouse (staging.learners); else UnknownLearner."""
    own = ws.config.learner_id
    if not learner:
        return own
    for spelt in learner_spellings(learner):
        if spelt == own or con.execute("SELECT 1 FROM staging.learners WHERE learner_id = ?", [spelt]).fetchone():
            return spelt
    from difflib import get_close_matches

    from warehouse.learner_events import withdrawn_learners

    withdrawn = withdrawn_learners(con)
    if gone := next((s for s in learner_spellings(learner) if s in withdrawn), None):
        raise UnknownLearner(gone, own, [], 0, forgotten=True)

    others = [r[0] for r in con.execute("SELECT learner_id FROM staging.learners WHERE learner_id <> ? "
                                        "ORDER BY learner_id", [own]).fetchall()]
    close = get_close_matches(learner, others, n=3, cutoff=0.6)
    shown = [own, *close, *[o for o in others if o not in close]][:SHOWN_LEARNERS]
    raise UnknownLearner(learner, own, shown, len(others) + 1)


def exam_day(ws: Workspace, learner: str) -> dict:
    """{"exam_date", "days_to_exam"} of a learner (their roster line, else the workspace's exam_date;
    None when neither is set); days_to_exam is negative once the day has passed."""
    day = ws.exam_date(learner)
    return {"exam_date": day.isoformat() if day else None, "days_to_exam": (day - ws.today()).days if day else None}


def has_evidence(con, learner: str, as_of: date) -> bool:
    """Whether the learner has practice evidence (mock exams, domain summaries, Anki) up to `as_of`:
    without any, readiness is the model's starting assumption (its prior), not a measurement."""
    return con.execute("SELECT count(*) > 0 FROM marts.domain_evidence WHERE learner_id = ? "
                       "AND taken_at < ?::DATE + INTERVAL 1 DAY", [learner, as_of]).fetchone()[0]


def first_answer_after(con, learner: str, as_of: date) -> date | None:
    """The day of the learner's first exam-style answer (not a flashcard review) after `as_of`, if any."""
    found = con.execute("SELECT min(taken_at) FROM marts.domain_evidence WHERE learner_id = ? AND source <> 'anki' "
                        "AND taken_at >= ?::DATE + INTERVAL 1 DAY", [learner, as_of]).fetchone()[0]
    return found.date() if found is not None else None


def retakes_counted(con, learner: str, as_of: date) -> dict:
    """Answers up to `as_of` the model counts as retakes (later sittings of a set sat before: docs/model.md,
    step 1): {answers, sittings, weight}, `weight` what one such answer counts against a fresh question."""
    from readiness.params import ModelParams

    answers, sittings = con.execute(
        "SELECT coalesce(sum(total), 0), count(DISTINCT attempt_id) FROM marts.domain_evidence WHERE learner_id = ? "
        "AND source = 'retake' AND taken_at < ?::DATE + INTERVAL 1 DAY", [learner, as_of]).fetchone()
    return {"answers": int(answers), "sittings": int(sittings), "weight": ModelParams().source_weight("retake")}


def retakes_text(retakes: dict) -> str:
    """`readiness`'s line on the answers counted as retakes."""
    n, k = retakes["answers"], retakes["sittings"]
    return (f"  retakes: {n} answer{'' if n == 1 else 's'} counted as retakes (weight {retakes['weight']:g} each), "
            f"{k} sitting{'' if k == 1 else 's'} of a set sat before; the attempts page marks them (docs/model.md)")


def hours_without_domain(con, learner: str, as_of: date, exact: bool = False) -> dict:
    """Study time up to `as_of` that counts toward no single domain: {hours, entries, services} (services:
    every exam service those entries name, of several domains; the rest name nothing of the exam); `exact`: the
    hours unrounded, for the words (`hours_value`)."""
    from warehouse.catalog import has_column

    # staging built by an older version (before its next run) has the first service alone
    named_services = ("services" if has_column(con, "staging", "study_sessions", "services")
                      else "CASE WHEN service IS NOT NULL THEN [service] END")
    hours, entries, named, services = con.execute(
        f"SELECT coalesce(sum(minutes), 0) / 60, count(*), count({named_services}), "
        f"list_sort(list_distinct(flatten(list({named_services}) FILTER ({named_services} IS NOT NULL)))) "
        "FROM staging.study_sessions "
        "WHERE learner_id = ? AND domain_id IS NULL AND started_at < ? + INTERVAL 1 DAY", [learner, as_of]).fetchone()
    return {"hours": hours_value(hours, exact), "entries": int(entries), "entries_naming_a_service": int(named),
            "services": list(services or [])}


def hours_without_domain_tools(con, learner: str, as_of: str) -> list[str]:
    """Where the study time of `hours_without_domain` was logged: its entries' `tool`s (toggl, plain, anki, …)."""
    return [tool for (tool,) in con.execute(
        "SELECT DISTINCT tool FROM staging.study_sessions WHERE learner_id = ? AND domain_id IS NULL "
        "AND started_at < ?::DATE + INTERVAL 1 DAY AND tool IS NOT NULL ORDER BY tool", [learner, as_of]).fetchall()]


def readiness_summary(con, ws: Workspace, learner: str | None = None, as_of: date | None = None,
                      exact: bool = False) -> dict:
    """Per-domain readiness, pass probability and predicted score as of a day (default today), whether
    each domain is measured (has exam-style questions), and the caveats on what the figures rest on.

    Figures rounded as the JSON contract has them; `exact`: unrounded, for text rounded once, as the
    pages round them (a band's 79.46 is 79 there: the contract's 79.5 would print 80)."""
    from readiness.exam import beta_params
    from readiness.model import estimate_domains
    from reports.caveats import readiness_caveats
    from reports.class_data import probability_value
    from readiness.forecast import forecast_frame
    from warehouse.readiness_marts import evidence_frame

    bp = load_blueprint(ws.config.exam)
    learner, as_of = resolve_learner(con, ws, learner), as_of or ws.today()
    evidence = evidence_frame(con)
    evidence = evidence[evidence["learner_id"] == learner]
    estimates = estimate_domains(evidence, bp, as_of, learners=[learner])
    by_domain = estimates.set_index("domain_id").reindex([d.id for d in bp.domains]).reset_index()
    alpha, beta = beta_params(by_domain)
    shared_sd = by_domain["shared_sd"].fillna(0.0).to_numpy(float)[None, :]  # the learner's level, shared
    forecast = forecast_frame(alpha[None, :], beta[None, :], bp, shared_sd=shared_sd).iloc[0]  # as marts.forecast
    hours = dict(con.execute("SELECT domain_id, sum(minutes) / 60 FROM staging.study_sessions "
                             "WHERE learner_id = ? AND started_at < ? + INTERVAL 1 DAY GROUP BY 1",
                             [learner, as_of]).fetchall())
    without = hours_without_domain(con, learner, as_of, exact)
    coverage = dict(con.execute(  # marts.service_coverage's notes as of `as_of`: a note dated later is not yet
        "SELECT d, avg(noted::INTEGER) FROM (SELECT unnest(s.domains) AS d, s.name IN (SELECT unnest(services) "
        "FROM staging.note_sections WHERE learner_id = $learner AND note_date < $as_of::DATE + INTERVAL 1 DAY) "
        "AS noted FROM staging.exam_services s) GROUP BY d", {"learner": learner, "as_of": as_of}).fetchall())
    keep = (lambda value, digits=None: value) if exact else round
    domains = []
    for row in estimates.sort_values("domain_id").itertuples(index=False):
        domain = bp.domain(int(row.domain_id))
        domains.append({"id": domain.id, "name": domain.name, "weight": domain.weight,
                        "readiness": keep(float(row.readiness), 1), "low": keep(float(row.low), 1),
                        "high": keep(float(row.high), 1), "questions": int(row.questions),
                        "measured": int(row.questions) > 0, "hours": hours_value(hours.get(domain.id) or 0, exact),
                        "note_coverage": round(float(coverage.get(domain.id) or 0), 3)})
    caveats = readiness_caveats(learner, [(f"D{d['id']} {d['name']}", d["questions"]) for d in domains],
                                has_evidence(con, learner, as_of), as_of, ws.exam_date(learner), ws.today(),
                                own=learner == ws.config.learner_id, first_later=first_answer_after(con, learner, as_of))
    return {"exam": bp.code, "learner": learner, "as_of": as_of.isoformat(), **exam_day(ws, learner),
            "pass_probability": (float if exact else probability_value)(float(forecast["pass_probability"])),
            "predicted_scaled_score": {"mean": keep(float(forecast["scaled_mean"])),
                                       "low": keep(float(forecast["scaled_low"])),
                                       "high": keep(float(forecast["scaled_high"]))},
            "domains": domains, "hours_without_domain": without, "retakes": retakes_counted(con, learner, as_of),
            "caveats": caveats}


GAPS_DIGITS = {"accuracy": 3, "hours": 2, "domain_hours": 2}  # as readiness --json rounds hours, and the bands


def shown(row: dict) -> dict:
    """A gaps row with its figures rounded as `gaps --json` gives them (0.718, not 0.717948717948718)."""
    return {k: v if k not in GAPS_DIGITS or v is None else accuracy_value(v, GAPS_DIGITS[k]) if k == "accuracy"
            else round(v, GAPS_DIGITS[k]) for k, v in row.items()}


def gaps_summary(con, ws: Workspace, learner: str | None = None, exact: bool = False) -> dict:
    """Every in-scope service and task statement with its coverage status; `exact`: the hours logged under an
    umbrella word unrounded, for the words (`hours_value`)."""
    learner = resolve_learner(con, ws, learner)
    services = con.execute(
        "SELECT name, domains, note_sections, questions, accuracy, hours, status "
        "FROM marts.service_coverage WHERE learner_id = ? ORDER BY name", [learner]).df()
    tasks = con.execute("SELECT id, name, domain_id, questions, accuracy, domain_hours, status, measured "
                        "FROM marts.task_coverage WHERE learner_id = ? ORDER BY id", [learner]).df()
    bp = load_blueprint(ws.config.exam)
    ambiguous = learner_ambiguous_labels(con, learner, bp)
    notes = learner_note_umbrellas(con, learner)
    hours = learner_hour_umbrellas(con, learner)

    def clean(records):
        rows = [{k: (None if v != v else v) if isinstance(v, float) else v for k, v in r.items()} for r in records]
        return [{**shown(r), **range_ends(r["questions"], r["accuracy"])} for r in rows]

    services["domains"] = services["domains"].map(lambda d: [int(x) for x in d])
    tasks["measured"] = tasks["measured"].astype(bool)
    return {"exam": bp.code, "learner": learner, **exam_day(ws, learner),
            "services": clean(services.to_dict("records")), "tasks": clean(tasks.to_dict("records")),
            "ambiguous_services": [{**r, "accuracy": round(r["accuracy"], 3)}
                                   for r in ambiguous.drop(columns="correct").to_dict("records")],
            "ambiguous_notes": [{"word": r["word"], "services": list(r["services"]), "notes": list(r["files"])}
                                for r in notes.to_dict("records")],
            "ambiguous_hours": [{"word": r["word"], "services": list(r["services"]),
                                 "hours": hours_value(r["hours"], exact), "entries": int(r["entries"])}
                                for r in hours.to_dict("records")]}


def gaps_lines(data: dict) -> list[str]:
    """`examready gaps`'s text: services and tasks by status (gap, weak, covered: the counts add up to the exam's
    in-scope ones), questions, notes and study time naming no single service, and
    tasks 'not measured' when no evidence names a task statement (never called gaps)."""
    from warehouse.service_labels import counted_in, options_sentence

    lines = []
    for kind in ("services", "tasks"):
        if kind == "tasks" and data["tasks"] and not any(t["measured"] for t in data["tasks"]):
            lines.append(f"tasks not measured ({len(data['tasks'])}): your exports carry no task labels (no question "
                         "names a task statement), so no task can be called a gap or weak; readiness per domain "
                         "(`examready readiness`) is measured")
            continue
        for status in ("gap", "weak", "covered"):
            names = [r["name"] if kind == "services" else f"{r['id']} {r['name']}"
                     for r in data[kind] if r["status"] == status]
            lines.append(f"{kind} {status} ({len(names)}): {', '.join(names) or '-'}")
        if kind == "services" and data["ambiguous_services"]:
            lines.append(f"services ambiguous ({len(data['ambiguous_services'])}): " + "; ".join(
                f"{options_sentence(r)}: {counted_in(r['domains'])}, for none of these services"
                for r in data["ambiguous_services"]))
        if kind == "services" and data.get("ambiguous_notes"):
            lines.append(f"notes ambiguous ({len(data['ambiguous_notes'])}): " + "; ".join(
                f"{len(r['notes'])} note{'s' if len(r['notes']) != 1 else ''} ({', '.join(r['notes'])}) "
                f"{'say' if len(r['notes']) != 1 else 'says'} '{r['word']}', which could be any of: "
                f"{', '.join(r['services'])}: counted for none of these services; name the one you mean"
                for r in data["ambiguous_notes"]))
        if kind == "services" and data.get("ambiguous_hours"):
            lines.append(f"hours ambiguous ({len(data['ambiguous_hours'])}): " + "; ".join(
                f"{logged_text(r)} ({r['entries']} entr{'y' if r['entries'] == 1 else 'ies'}) could be any of: "
                f"{', '.join(r['services'])}: counted for none of these services; name the one you mean"
                for r in data["ambiguous_hours"]))
    return lines


def hours_without_domain_text(data: dict, tools=()) -> str:
    """`readiness`'s line on the hours the domains' hours leave out, why, and what to change in their sources
    (`tools`: `hours_without_domain_tools`)."""
    without = data["hours_without_domain"]
    logged = without["hours"] + sum(d["hours"] for d in data["domains"])
    entries, named = without["entries"], without["entries_naming_a_service"]
    reasons = [f"{'all' if named == entries else named} name a service of several domains "
               f"({', '.join(without['services'])})"] if named else []
    reasons += [f"{'all' if not named else entries - named} name no domain or service of the exam"] \
        if entries > named else []
    return (f"  {hours_said(without['hours'])} of the {hours_said(logged)} logged count toward no single domain "
            f"({entries} entr{'y' if entries == 1 else 'ies'}): {' and '.join(reasons)}; "
            f"{domain_fix(tools, without['services'], load_blueprint(data['exam']))} to count them "
            "(the dashboard lists them)")
