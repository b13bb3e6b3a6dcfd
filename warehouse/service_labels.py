"""Questions whose service label could mean several services ('Kinesis'): counted apart, never guessed."""
from __future__ import annotations

import pandas as pd

from sources import labels
from sources.blueprint import Blueprint

COLUMNS = ["label", "services", "questions", "correct", "accuracy", "domains"]
NO_SERVICE_SQL = ("SELECT service_label, domain_id, count(*) AS questions, sum(correct::INTEGER) AS correct "
                 "FROM staging.answers WHERE learner_id = ? AND service IS NULL AND service_label IS NOT NULL "
                 "GROUP BY ALL")


def ambiguous_labels(rows: pd.DataFrame, bp: Blueprint) -> pd.DataFrame:
    """Per service label that could be several services: the services, questions, correct, accuracy and
    the domains they count in; from rows of (service_label, domain_id, questions, correct), most questions first."""
    out = []
    for label, group in rows.groupby("service_label", sort=True):
        options = labels.service_options(str(label), bp)
        if len(options) > 1:
            questions, correct = int(group["questions"].sum()), int(group["correct"].sum())
            domains = sorted({int(d) for d in group["domain_id"].dropna()})
            out.append([str(label), options, questions, correct, correct / questions, domains])
    frame = pd.DataFrame(out, columns=COLUMNS)
    return frame.sort_values(["questions", "label"], ascending=[False, True], kind="stable").reset_index(drop=True)


def learner_ambiguous_labels(con, learner: str, bp: Blueprint) -> pd.DataFrame:
    """ambiguous_labels of a learner's staged answers (every source)."""
    return ambiguous_labels(con.execute(NO_SERVICE_SQL, [learner]).df(), bp)


def options_sentence(row: dict) -> str:
    """"22 questions labelled 'Kinesis' could be any of: A, B, C (68% correct)"."""
    count = f"{row['questions']} question{'s' if row['questions'] != 1 else ''}"
    return (f"{count} labelled '{row['label']}' could be any of: {', '.join(row['services'])} "
            f"({row['accuracy']:.0%} correct)")


def counted_in(domains) -> str:
    """'counted in the readiness of D1' (or of D1 and D3) for a label's domains."""
    named = [f"D{d}" for d in domains]
    return f"counted in the readiness of {' and '.join(named)}" if named else "counted in no domain's readiness"
