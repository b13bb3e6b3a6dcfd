"""The readiness dashboard: am I ready? pass chance, readiness per domain, trajectory, study hours."""
from __future__ import annotations

from reports import dashboard_figures as charts
from reports.attempt_data import attempt_history
from reports.caveats import caveats_html, percent_text, readiness_points
from reports.data import SiteData, measured_history
from reports.day_count import day_count
from reports.hours import hours_cell, hours_said
from reports.figures import Fig
from reports.html import code_spans, esc, figure_html, section
from reports.tables import Col, details, table_html
from reports.trends import bar_mark, change_caption, trend_text, unmeasured_note
from sources.blueprint import load_blueprint
from warehouse.hour_words import domain_fix

PAGE = "dashboard.html"
ASSUMED_NOTE = ("<p class=muted>A domain's line starts at its first exam-style question (– in the numbers): before "
                "that its readiness was assumed, not measured.</p>")


def countdown_text(data: SiteData) -> str:
    """'24 days (2026-12-21)', or what to do when the exam date is missing."""
    days = data.days_to_exam()
    if days is None:
        return "not set — add exam_date: YYYY-MM-DD to examready.yaml"
    when = data.exam_date.isoformat()
    count = day_count(days)
    return f"{count} ({when})" if days > 0 else ("today" if days == 0 else f"was {count} ago ({when})")


def dashboard_figures(data: SiteData) -> dict[str, Fig]:
    """Every chart of the dashboard by div id (empty when there is no practice evidence yet)."""
    forecast = data.latest_forecast
    hours = {"fig-hours": charts.hours_per_week(data.hours)} if not data.hours.empty else {}
    if forecast is None:  # a class's learner with study hours alone: their hours still
        return hours
    return {"fig-pass": charts.pass_gauge(forecast, data.pass_mark),
            "fig-forecast": charts.forecast_over_time(data.forecast, data.pass_mark),
            "fig-readiness": charts.readiness_bars(data.current, [bar_mark(r) for r in data.current.to_dict("records")]),
            "fig-trend": charts.readiness_trend(measured_history(data.history),
                                                attempt_history(data.attempts, data.evidence)), **hours}


def kpis(data: SiteData) -> str:
    """The headline numbers as text, then the caveats on what they rest on."""
    f, caveats = data.latest_forecast, data.caveats()
    see = " · see the caveats below" if caveats else ""
    score = (f'{f["scaled_mean"]:.0f}</b>90%: {f["scaled_low"]:.0f}–{f["scaled_high"]:.0f} · pass mark {data.pass_mark}'
             f"{see}" if f else "–</b>no mock exams yet")
    chance = f'{esc(percent_text(f["pass_probability"]))}</b>as of {f["as_of"]:%Y-%m-%d}{see}' if f else "–</b>"
    return (f'<div class="kpi"><div>Pass probability<b>{chance}</div><div>Predicted scaled score<b>{score}</div>'
            f'<div>Exam date<b>{esc(countdown_text(data))}</b></div></div>{average_note(f, data.pass_mark)}'
            f"{caveats_html(caveats)}")


def average_note(f: dict | None, pass_mark: int) -> str:
    """One line when the predicted score (the simulated exams' average) and the pass chance (the share of them
    reaching the pass mark) fall on different sides of it, as 719 with 54% did."""
    shown = round(f["scaled_mean"]) if f else None
    if not f or (shown >= pass_mark) == (f["pass_probability"] >= 0.5):
        return ""
    pull = "a few low scores pull it below" if shown < pass_mark else "a few high scores lift it to or over"
    return (f'<p class="muted average">Predicted score {shown} is the average of the simulated exams; '
            f'{esc(percent_text(f["pass_probability"]))} of them reach {pass_mark}: {pull} {pass_mark}.</p>')


def readiness_rows(data: SiteData) -> list[dict]:
    """Readiness per domain with interval, weight and trend arrow."""
    return [{**r, "band": f"{r['low']:.0f}\u2060–\u2060{r['high']:.0f}", "trend": trend_text(r)}  # unbroken
            for r in data.current.to_dict("records")]


UNMAPPED_FIX = "a domain, or a service of only one domain,"  # what counts study time toward one domain


def unmapped_entry(r: dict) -> str:
    """One line of the time not mapped to a domain: its description [project, service] and hours; of Anki reviews,
    the reviewed notes' tags [deck, service] (their description only counts the reviews)."""
    service = f", {r['service']}: in several domains" if present(r["service"]) else ""
    if r.get("tool") == "anki":
        notes = f"notes tagged {r['tags']}" if present(r.get("tags")) else "untagged notes"
        return f"Anki reviews of {notes} [deck {r['project']}{service}] {hours_said(r['hours'])}"
    return (f"{r['description'] if present(r['description']) else '(no description)'} "
            f"[{r['project'] if present(r['project']) else 'no project'}{service}] {hours_said(r['hours'])}")


def unmapped_text(data: SiteData) -> str:
    """Study time that could not be mapped to a domain, so the learner can fix its labels where they were logged."""
    if data.unmapped.empty:
        return ""
    tools = data.unmapped["tool"].dropna().unique() if "tool" in data.unmapped else []
    fix = domain_fix(tools, list(data.unmapped["service"].dropna().unique()), load_blueprint(data.exam), UNMAPPED_FIX)
    top = "; ".join(unmapped_entry(r) for r in data.unmapped.head(8).to_dict("records"))
    return (f"<p class=muted>Not mapped to a domain: {hours_said(data.unmapped['hours'].sum())}. "
            f"{code_spans(esc(fix[0].upper() + fix[1:]))} to count it: {esc(top)}.</p>")


def present(value) -> bool:
    """A cell with text (missing cells come out of DuckDB as None or NaN)."""
    return isinstance(value, str) and value != ""


def dashboard_body(data: SiteData, figs: dict[str, Fig]) -> str:
    """The dashboard's HTML body: each chart with its numbers beside it."""
    if "fig-pass" not in figs:
        return section("No practice evidence yet", "<p>Drop a mock exam export into inbox/exams and run "
                       "<code>examready run</code>; readiness and pass chance appear here.</p>") + hours_section(data, figs)
    fc = data.forecast.assign(pass_text=data.forecast["pass_probability"].map(percent_text),
                              day=data.forecast["as_of"].dt.strftime("%Y-%m-%d")).to_dict("records")
    trend = measured_history(data.history).pivot_table(index="as_of", columns="label", values="readiness",
                                                       dropna=False).reset_index()
    trend["day"] = trend["as_of"].dt.strftime("%Y-%m-%d")
    labels = list(data.domains["label"])
    parts = [f"<section>{kpis(data)}</section>",
             section("Predicted score and pass chance", figure_html(figs["fig-pass"], "fig-pass"),
                     table_html(fc[-1:], [Col("pass_text", "Pass chance"), Col("scaled_mean", "Score", "{:.0f}"),
                                          Col("scaled_low", "90% low", "{:.0f}"), Col("scaled_high", "90% high", "{:.0f}")],
                                "Latest forecast") + f"<p class=muted>Pass mark {data.pass_mark} of 1000.</p>", pair=True),
             section("Score trajectory", figure_html(figs["fig-forecast"], "fig-forecast"),
                     table_html(fc, [Col("day", "As of"), Col("pass_text", "Pass chance"), Col("scaled_mean", "Score", "{:.0f}"),
                                     Col("scaled_low", "Low", "{:.0f}"), Col("scaled_high", "High", "{:.0f}")]), pair=True),
             section("Readiness per domain", figure_html(figs["fig-readiness"], "fig-readiness"),
                     table_html(readiness_rows(data), [Col("label", "Domain"), Col("weight", "Weight", "{:.0%}"),
                                Col("readiness", "Readiness %", readiness_points), Col("band", "90%"),
                                Col("trend", "Change"), Col("questions", "Questions")],
                                change_caption(data)) + unmeasured_note(data), pair=True, half=True),
             section("Readiness over time", figure_html(figs["fig-trend"], "fig-trend"),
                     details("Numbers: readiness % per domain per day",
                             table_html(trend.to_dict("records"), [Col("day", "As of")] + [Col(c, c, "{:.0f}") for c in labels])),
                     ASSUMED_NOTE * bool(trend.reindex(columns=labels).isna().any().any()))]
    return "".join(parts) + hours_section(data, figs)


def hours_section(data: SiteData, figs: dict[str, Fig]) -> str:
    """Study hours per week by domain, with their numbers; nothing without logged hours."""
    if "fig-hours" not in figs:
        return ""
    hours = data.hours.pivot_table(index="week", columns="label", values="minutes", aggfunc="sum").fillna(0) / 60
    hours = hours.assign(total=hours.sum(axis=1)).reset_index()
    hours["week"] = hours["week"].dt.strftime("%Y-%m-%d")
    return section("Study hours", figure_html(figs["fig-hours"], "fig-hours"), unmapped_text(data), details(
        "Numbers: hours per week", table_html(hours.to_dict("records"), [Col("week", "Week")] + [
            Col(c, c, hours_cell) for c in hours.columns if c not in ("week", "total")] + [Col("total", "Total", hours_cell)])))
