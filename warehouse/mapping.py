"""Mapping the adapters' free-text labels onto the exam blueprint, column by column."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources.blueprint import Blueprint
from sources.distinct_values import row_groups
from sources.label_domains import label_task, map_domain, map_task, map_topic, topic_domain
from sources.label_services import ambiguous_parts, find_services, label_services, without_addresses
from sources.note_outline import with_text_below
from warehouse.hour_words import domain_fix


def _first(*values):
    return next((v for v in values if v is not None), None)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def answer_domain(row, bp: Blueprint):
    """(domain id, task id, services) of one question's labels: every service its service label names
    ('Athena; S3' -> both); the domain from the domain label, else the task, else the one domain all the
    services and umbrella words of the service label share ('Kinesis, Glue' -> D1)."""
    label = _text(row.service_label)
    task_id = map_task(_text(row.task_label), bp) if _text(row.task_label) else None
    services = label_services(label, bp) if label else []
    domain = map_domain(_text(row.domain_label), bp) if _text(row.domain_label) else None
    if domain is None and row.source == "anki":  # deck names and tags, e.g. "DEA::Domain 2::DynamoDB"
        domain, topic_service = map_topic(_text(row.domain_label), bp)
        services = services or ([topic_service] if topic_service else [])
    if domain is None and task_id is not None:
        domain = int(task_id.split(".")[0])
    if domain is None and len(services) == 1 and not ambiguous_parts(label, bp):
        domain = map_domain(services[0], bp)
    elif domain is None and label:  # 'Kinesis', 'Athena; S3': the one domain they all serve
        domain = map_domain(label, bp)
    return domain, task_id, services


def _listed(numbers) -> str:
    """[1, 2, 3] -> '1, 2 and 3'."""
    items = [str(n) for n in numbers]
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def no_domain_reason(domain_label, task_label, service_label, bp: Blueprint) -> str | None:
    """Why a question labelled only by services has no domain: they serve several ('Amazon Redshift' is in
    domains 1, 2 and 3), and a domain is never guessed; None for any other row (its label matched nothing)."""
    label = _text(service_label).strip()
    if _text(domain_label).strip() or _text(task_label).strip() or not label:
        return None
    named = label_services(label, bp) + [s for _, options in ambiguous_parts(label, bp) for s in options]
    domains = sorted({d for name in named for d in bp.service(name).domains})
    if len(domains) < 2:
        return None
    what = f"'{label}' is in" if len(named) == 1 else f"the services of '{label}' are in"
    return f"no domain: {what} domains {_listed(domains)}; add a domain label"


def hours_no_domain_reason(services, bp: Blueprint, tools=()) -> str | None:
    """Why a study entry naming services counts toward no domain's hours: they serve several ('AWS Glue' is in
    domains 1, 2 and 3), and a domain is never guessed, with the fix in the words of its source (`tools`, the
    entries' `tool`: an Anki collection's notes' tags); None for an entry naming none (it matched nothing)."""
    named = list(services) if isinstance(services, (list, tuple)) or hasattr(services, "tolist") else []
    domains = sorted({d for name in named for d in bp.service(name).domains})
    if len(domains) < 2:
        return None
    quoted = ", ".join(f"'{name}'" for name in named)
    what = f"{quoted} is in" if len(named) == 1 else f"{quoted} are in"
    return (f"no domain: {what} domains {_listed(domains)}: its time counts for the service"
            f"{'s' if len(named) > 1 else ''} in coverage but toward no domain's hours; {domain_fix(tools, named, bp)}")


def explain_no_domain(failures: pd.DataFrame, rows: pd.DataFrame, bp: Blueprint,
                      unlabelled: str | None = None, labels_from: str | None = None) -> pd.DataFrame:
    """`failures` with the reason of each `domain_mapped` failure of a question labelled only by services of
    several domains said as `no_domain_reason`, and of a question without any label as `unlabelled` (the
    adapter's reason, a template over the row: a Moodle export without its question map) when given, and
    of a label matching no domain naming `labels_from`, the file it comes from (a Moodle question map) when
    given (`rows`: line, line_row and the labels of the failing rows)."""
    held = failures["check_name"] == "domain_mapped"
    if not held.any():
        return failures
    why = {(int(r.line), int(r.line_row)): unlabelled_reason(unlabelled, r)
           or no_domain_reason(r.domain_label, r.task_label, r.service_label, bp)
           for r in rows.itertuples(index=False)}
    reasons = [why.get((int(line), int(row))) if failing else None
               for line, row, failing in zip(failures["line"], failures["line_row"], held)]
    out = failures.copy()
    mapped = f" (a label of the question map {labels_from}: fix it there)" if labels_from else ""
    out["reason"] = [r if r is not None else old + mapped if failing else old
                     for r, old, failing in zip(reasons, failures["reason"], held)]
    return out


def unlabelled_reason(template: str | None, row) -> str | None:
    """`template` over the row's values for a question without a domain, task or service label, else None."""
    if not template or any(_text(v).strip() for v in (row.domain_label, row.task_label, row.service_label)):
        return None
    from warehouse.validation import show

    return template.format(**{k: show(v) for k, v in row._asdict().items()})


def several_services(service_labels, bp: Blueprint, answers: str = "questions",
                     fix: str = "name the service each question is about") -> list[str]:
    """Warnings for the umbrella words of service labels ('Kinesis', or 'Kinesis' in 'Kinesis, Glue'): such a
    word could be any of several services, so its questions count in their domain and for the other services
    their label names, but for none of its services (never guessed); the pages and `gaps` list them apart.
    `answers` and `fix` say what the labels label and how to name a service ('Anki reviews': tag the note)."""
    out = []
    for label in sorted({str(v) for v in service_labels if _text(v)}):
        named = label_services(label, bp)
        also = f" and for {', '.join(named)}" if named else ""
        for part, options in ambiguous_parts(label, bp):
            where = f"the service '{part}'" + (f" (in '{label}')" if part != label.strip() else "")
            out.append(f"{where} could be any of {len(options)} services ({', '.join(options)}): its {answers} "
                       f"count in their domain's readiness{also} but for none of these services in coverage (the "
                       f"coverage page and `examready gaps` show them apart); {fix}")
    return out


def _per_distinct(frame: pd.DataFrame, columns: list[str], fn) -> tuple[np.ndarray, np.ndarray]:
    """fn(row) once per distinct combination of `columns` (missing read as ''): (the results, each
    row's combination as an index into them).

    Labels repeat: a 1.3M-row cohort file has a dozen distinct domain labels, so this maps a
    dozen labels instead of 1.3M rows.
    """
    keys = frame[columns].astype(object)
    keys = keys.where(keys.notna(), "").astype(str)
    codes = row_groups([keys[name].to_numpy(dtype=object) for name in keys.columns])
    first = np.unique(codes, return_index=True)[1]  # codes number groups by first appearance
    results = np.empty(len(first), dtype=object)
    for i, row in enumerate(keys.iloc[first].itertuples(index=False)):  # numpy would unpack tuples
        results[i] = fn(row)
    return results, codes


def _part(results: np.ndarray, codes: np.ndarray, i: int, dtype=None):
    """Item i of each row's result: an array of `dtype` when given, else a list."""
    part = np.empty(len(results), dtype=object)
    part[:] = [r[i] for r in results]
    return pd.array(list(part), dtype=dtype).take(codes) if dtype else list(part[codes])


def map_answers(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add domain_id, task_id, service (the one named, if one) and services (every one named) to answers."""
    mapped, codes = _per_distinct(frame, ["task_label", "service_label", "domain_label", "source"],
                                  lambda row: answer_domain(row, bp))
    out = frame.copy()
    out["domain_id"] = _part(mapped, codes, 0, "Int64")
    out["task_id"] = _part(mapped, codes, 1)
    services = _part(mapped, codes, 2)
    out["service"] = [s[0] if len(s) == 1 else None for s in services]  # the one service, if one
    out["services"] = [s or None for s in services]  # every service the question counts for
    return out


def map_domain_scores(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add domain_id to per-domain summary rows, task_id to those of a task statement (a page by task: each task
    of a domain is its own row, counted in the domain), and domain_row_line (`domain_row_lines`)."""
    out = frame.copy()
    labels = [_text(v) for v in frame["domain_label"]]
    out["domain_id"] = pd.array([map_domain(label, bp) for label in labels], dtype="Int64")
    out["task_id"] = pd.Series([label_task(label, bp) for label in labels], index=frame.index, dtype=object)
    out["domain_row_line"] = domain_row_lines(out)
    return out


def domain_row_lines(rows: pd.DataFrame) -> pd.Series:
    """For a task's row, the line of the same sitting's row for its whole domain where the copy has one too (the
    task row is then a breakdown of it, which counts the questions already); NaN elsewhere."""
    keys = [c for c in ("learner_id", "attempt_id", "domain_id") if c in rows.columns]
    whole = rows[rows["task_id"].isna() & rows["domain_id"].notna()]
    if whole.empty or rows["task_id"].isna().all():
        return pd.Series(np.nan, index=rows.index, dtype="float64")
    first = whole.groupby(keys, dropna=False)["line"].min().rename("domain_row_line").reset_index()
    found = rows[keys].merge(first, on=keys, how="left")["domain_row_line"].to_numpy(dtype="float64")
    return pd.Series(found, index=rows.index).where(rows["task_id"].notna())


def entry_text(row) -> str:
    """A study entry's description, project and tags as one text: what its domain and services are read from."""
    return " | ".join(_text(v) for v in (row.description, row.project, row.tags))


def study_topic(row, bp: Blueprint) -> tuple[int | None, list[str]]:
    """(domain id, every service named) of one entry's description, project and tags, read as one text."""
    text = entry_text(row)
    return topic_domain(text, bp), find_services(text, bp)


def map_study_sessions(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add domain_id, service (the first named) and services (every one named, as answers' `services`: an
    entry of 'Lake Formation and Macie' studies both) from each entry's description, project and tags."""
    topics, codes = _per_distinct(frame, ["description", "project", "tags"], lambda r: study_topic(r, bp))
    out = frame.copy()
    out["domain_id"] = _part(topics, codes, 0, "Int64")
    services = _part(topics, codes, 1)
    out["service"] = [s[0] if s else None for s in services]
    out["services"] = [s or None for s in services]
    return out


def section_prose(heading, text) -> str:
    """What a note section's services (and umbrella words) are looked for in: its heading and text, a blank one
    as nothing, web addresses left out (`without_addresses`)."""
    def written(value) -> str:
        return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return without_addresses(f"{written(heading)}\n{written(text)}")


def tag_services(tags, bp: Blueprint) -> list[str]:
    """The services a note's front matter tags (one a line) name, each tag read alone by `find_services`
    (`aws-glue`, `#athena`, `kinesis-data-streams`), distinct, in order."""
    found: list[str] = []
    for tag in _text(tags).splitlines():
        found += [s for s in find_services(tag, bp) if s not in found]
    return found


def map_note_sections(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add the blueprint services each note section mentions, in its heading or its prose; a heading with no
    text under it, its subsections' included, mentions none (a template's '# Amazon EMR' is not studied). The
    services the note's tags name (`tags`, when the frame has them) count once, in its first section with text;
    the tags are kept on the note's first section only (stored and masked once a note)."""
    out = frame.copy()
    levels, words = frame["level"].astype(int).tolist(), frame["words"].astype(int).tolist()
    rows_of: dict = {}  # each note's rows, by position (plain lists: pandas cost ~0.5 ms a note of a batch)
    for i, path in enumerate(frame["note_path"].tolist()):
        rows_of.setdefault(path if isinstance(path, str) else None, []).append(i)
    holds = [False] * len(frame)
    for rows in rows_of.values():
        for i, held in zip(rows, with_text_below([levels[i] for i in rows], [words[i] for i in rows])):
            holds[i] = held
    services = [find_services(section_prose(h, t), bp) if held else []
                for h, t, held in zip(frame["heading"], frame["text"], holds)]
    tags = frame["tags"].tolist() if "tags" in frame.columns else [None] * len(frame)
    tagged: dict = {}  # tags as written -> services (a vault's notes share a few sets of tags)
    for first in (next((i for i in rows if holds[i]), None) for rows in rows_of.values()):
        if first is not None and _text(tags[first]):
            if tags[first] not in tagged:
                tagged[tags[first]] = tag_services(tags[first], bp)
            named = tagged[tags[first]]
            services[first] = services[first] + [s for s in named if s not in services[first]]
    out["services"] = services
    if "tags" in frame.columns:
        firsts = {rows[0] for rows in rows_of.values()}
        out["tags"] = [tag if i in firsts else None for i, tag in enumerate(tags)]
    return out


MAPPERS = {
    "answers": map_answers,
    "domain_scores": map_domain_scores,
    "study_sessions": map_study_sessions,
    "note_sections": map_note_sections,
}
