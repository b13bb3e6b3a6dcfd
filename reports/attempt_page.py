"""One page per mock exam: domain breakdown, misses by service and task, time per question."""
from __future__ import annotations

from reports.attempt_data import without_service
from reports.figures import (CORRECT_COLORS, Fig, domain_color, figure, legend_line, plot_text, rule, short_labels,
                             values)
from reports.html import esc, figure_html, section
from reports.tables import Col, details, table_html

TOP_MISSES = 15
DETAIL = {"per_question": "per-question export", "per_domain": "per-domain summary"}


def domain_chart(rows) -> Fig:
    """% correct per domain, with correct/total on each bar."""
    bar = {"type": "bar", "orientation": "h", "x": values(100 * rows["score"]), "y": [plot_text(x) for x in rows["label"]],
           "marker": {"color": [domain_color(d) for d in rows["domain_id"]]},
           "text": [f"{c:.0f}/{t:.0f}" for c, t in zip(rows["correct"], rows["total"])],
           "textposition": "auto", "cliponaxis": False,  # a 0% bar has no room inside: its label goes beside it
           "hovertemplate": "%{y}: %{x:.0f}% (%{text})<extra></extra>"}
    return figure([bar], "Score per domain", height=260, legend=False, yaxis={"autorange": "reversed"},
                  xaxis={"range": [0, 100], "title": {"text": "% correct"}})


def misses_chart(misses, title: str) -> Fig:
    """Missed questions per service or task (the most missed first)."""
    top = misses[misses["missed"] > 0].head(TOP_MISSES)
    bar = {"type": "bar", "orientation": "h", "x": values(top["missed"]),
           "y": [plot_text(v) for v in short_labels(top["name"])], "customdata": [plot_text(v) for v in top["name"]],
           "marker": {"color": "#b91c1c"}, "text": [f"{m}/{a}" for m, a in zip(top["missed"], top["asked"])],
           "hovertemplate": "%{customdata}: %{text} missed<extra></extra>"}
    # no axis title: centred under a plot that long service names squeeze, it was cut off on a phone
    return figure([bar], f"{title} (missed/asked)", height=90 + 22 * max(len(top), 2), legend=False,
                  yaxis={"autorange": "reversed", "type": "category"}, xaxis={"dtick": 1})


def time_chart(answers) -> Fig:
    """Seconds spent on each question, green when right and red when missed."""
    traces = [{"type": "bar", "x": values(rows["n"]), "y": values(rows["seconds"]),
               "name": "right" if correct else "missed", "marker": {"color": CORRECT_COLORS[bool(correct)]},
               "text": [plot_text(q) for q in rows["question_id"]], "textposition": "none",
               "hovertemplate": "%{text}: %{y:.0f} s<extra></extra>"}
              for correct, rows in answers.groupby("correct")]
    median = float(answers["seconds"].median())
    fig = figure(traces + [legend_line(f"median {median:.0f} s")], "Time per question", height=300,
                 xaxis={"title": {"text": "question (in order)"}}, yaxis={"title": {"text": "seconds"}})
    return rule(fig, "y", median)  # named in the legend: a label on the chart sits over the bars


def attempt_figures(parts: dict) -> dict[str, Fig]:
    """The charts of one attempt's page; per-domain summaries only get the domain breakdown."""
    figs = {"fig-domains": domain_chart(parts["breakdown"])}
    for key, title in (("service", "Missed questions by service"), ("task_id", "Missed questions by task")):
        misses = parts[key]
        if not misses.empty and misses["missed"].sum() > 0:
            figs[f"fig-misses-{key}"] = misses_chart(misses, title)
    timed = parts["answers"][parts["answers"]["seconds"].notna()]
    if not timed.empty:
        figs["fig-time"] = time_chart(timed)
    return figs


def retake_section(summary: dict) -> str:
    """What a retake repeats, and how little its answers count in readiness; nothing for another attempt."""
    from readiness.params import ModelParams

    if not summary.get("retake"):
        return ""
    weight = ModelParams().source_weight("retake")
    note = summary["retake"]
    return (f"<section><p><b>{esc(note[:1].upper() + note[1:])}</b>. Its questions were seen before, so each answer "
            f"counts {weight:g} of a fresh question in readiness.</p></section>")


def headline(summary: dict) -> str:
    """Score, date, provider and pace of one attempt; a retake says so under them."""
    per_q = summary["per_question"]
    per_q_text = "–" if per_q != per_q else f"{per_q:.0f} s"
    return (f'<section><div class="kpi"><div>Score<b>{summary["score"]:.0%}</b>{summary["correct"]:.0f} of '
            f'{summary["total"]:.0f}</div><div>Taken<b>{summary["taken_at"]:%Y-%m-%d}</b>{esc(summary["provider"])}'
            f'</div><div>Time per question<b>{esc(per_q_text)}</b>{esc(DETAIL.get(summary["detail"], summary["detail"]))}</div></div></section>'
            + retake_section(summary))


def misses_section(misses, key: str, figs: dict[str, Fig], answers=None) -> str:
    """Chart and table of the questions missed per service or task; clean ones listed as text; for services,
    the questions left out (labels naming no single exam service, or none)."""
    title = "Service" if key == "service" else "Task"
    missed = misses[misses["missed"] > 0] if not misses.empty else misses
    table = table_html(missed.to_dict("records"), [Col("name", title), Col("missed", "Missed"), Col("asked", "Asked"),
                                                   Col("accuracy", "Right", "{:.0%}")], sortable=True)
    clean = misses[misses["missed"] == 0]["name"].tolist() if not misses.empty else []
    clean_text = f"<p class=muted>No misses ({len(clean)}): {esc(', '.join(clean))}</p>" if clean else ""
    left_out = without_service(answers) if key == "service" and answers is not None and not misses.empty else []
    if left_out:
        clean_text += f"<p class=muted>Not in this chart: {esc('; '.join(left_out))}.</p>"
    fig_id = f"fig-misses-{key}"
    chart = figure_html(figs[fig_id], fig_id) if fig_id in figs else (
        f"<p>No question of this export names a {title.lower()}.</p>" if misses.empty else "<p>No misses here.</p>")
    return section(f"Misses by {title.lower()}", chart, table + clean_text, pair=True)


def time_section(answers, figs: dict[str, Fig]) -> str:
    """Chart, summary and per-question table of the time spent."""
    timed = answers[answers["seconds"].notna()]
    stats = (f"<p>Median {timed['seconds'].median():.0f} s, mean {timed['seconds'].mean():.0f} s, "
             f"total {timed['seconds'].sum() / 60:.0f} min over {len(timed)} questions.</p>")
    table = table_html(timed.to_dict("records"), [Col("n", "#"), Col("question_id", "Question"),
                       Col("service", "Service"), Col("right", "Right"), Col("seconds", "Seconds", "{:.0f}")],
                       sortable=True)
    return section("Time per question", figure_html(figs["fig-time"], "fig-time"),
                   stats + details("Numbers: every question", table), pair=True)


def attempt_body(summary: dict, parts: dict, figs: dict[str, Fig]) -> str:
    """The HTML body of one attempt's page."""
    table = table_html(parts["breakdown"].to_dict("records"), [
        Col("label", "Domain"), Col("correct", "Correct", "{:.0f}"), Col("total", "Asked", "{:.0f}"),
        Col("pct", "%", "{:.0f}"), Col("per_question", "Sec/question", "{:.0f}")])
    out = [headline(summary), section("Domains", figure_html(figs["fig-domains"], "fig-domains"), table, pair=True)]
    if parts["answers"].empty:
        out.append(section("Per-question detail", "<p>This export has per-domain totals only; misses by service "
                           "and time per question need a per-question export.</p>"))
        return "".join(out)
    out += [misses_section(parts[key], key, figs, parts["answers"]) for key in ("service", "task_id")]
    if "fig-time" in figs:
        out.append(time_section(parts["answers"], figs))
    return "".join(out)
