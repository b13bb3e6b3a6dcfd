"""Mapping the adapters' free-text labels onto the exam blueprint, column by column."""
from __future__ import annotations

import numpy as np
import pandas as pd

from sources import labels
from sources.blueprint import Blueprint
from sources.csvread import row_groups


def _first(*values):
    return next((v for v in values if v is not None), None)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def answer_domain(row, bp: Blueprint):
    task_id = labels.map_task(_text(row.task_label), bp) if _text(row.task_label) else None
    service = labels.map_service(_text(row.service_label), bp) if _text(row.service_label) else None
    domain = labels.map_domain(_text(row.domain_label), bp) if _text(row.domain_label) else None
    if domain is None and row.source == "anki":  # deck names and tags, e.g. "DEA::Domain 2::DynamoDB"
        domain, topic_service = labels.map_topic(_text(row.domain_label), bp)
        service = _first(service, topic_service)
    if domain is None and task_id is not None:
        domain = int(task_id.split(".")[0])
    if domain is None and service is not None:
        domain = labels.map_domain(service, bp)
    if domain is None and service is None and _text(row.service_label):  # 'Kinesis': its services' one domain
        domain = labels.map_domain(_text(row.service_label), bp)
    return domain, task_id, service


def several_services(service_labels, bp: Blueprint) -> list[str]:
    """Warnings for service labels that could mean several services: 'Amazon Kinesis Data Streams, Amazon
    Data Firehose', or an umbrella word ('Kinesis'). A question has one service, so such questions count
    in their domain but for none of those services (never guessed); the pages and `gaps` list them apart."""
    out = []
    for label in sorted({str(v) for v in service_labels if _text(v)}):
        options = labels.service_options(label, bp)
        if len(options) > 1:
            verb = "names" if len(labels.find_services(label, bp)) > 1 else "could be any of"
            out.append(f"the service '{label}' {verb} {len(options)} services ({', '.join(options)}): its questions "
                       "count in their domain's readiness but for none of these services in coverage (the coverage "
                       "page and `examready gaps` show them apart); give each question one service")
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
    """Add domain_id, task_id and service to per-question answers."""
    mapped, codes = _per_distinct(frame, ["task_label", "service_label", "domain_label", "source"],
                                  lambda row: answer_domain(row, bp))
    out = frame.copy()
    out["domain_id"] = _part(mapped, codes, 0, "Int64")
    out["task_id"] = _part(mapped, codes, 1)
    out["service"] = _part(mapped, codes, 2)
    return out


def map_domain_scores(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add domain_id to per-domain summary rows."""
    out = frame.copy()
    out["domain_id"] = pd.array([labels.map_domain(_text(v), bp) for v in frame["domain_label"]],
                                dtype="Int64")
    return out


def map_study_sessions(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add domain_id and service from each entry's description, project and tags."""
    topics, codes = _per_distinct(frame, ["description", "project", "tags"], lambda r: labels.map_topic(
        " | ".join(_text(v) for v in (r.description, r.project, r.tags)), bp))
    out = frame.copy()
    out["domain_id"] = _part(topics, codes, 0, "Int64")
    out["service"] = _part(topics, codes, 1)
    return out


def map_note_sections(frame: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Add the blueprint services each note section mentions, in its heading or its prose."""
    out = frame.copy()
    out["services"] = [labels.find_services(f"{_text(h)}\n{_text(t)}", bp)
                       for h, t in zip(frame["heading"], frame["text"])]
    return out


MAPPERS = {
    "answers": map_answers,
    "domain_scores": map_domain_scores,
    "study_sessions": map_study_sessions,
    "note_sections": map_note_sections,
}
