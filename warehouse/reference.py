"""The exam blueprint as reference tables, so marts can join services and tasks in SQL."""
from __future__ import annotations

import pandas as pd

from sources.blueprint import Blueprint
from warehouse.connection import read_sql


def blueprint_frames(bp: Blueprint) -> dict[str, pd.DataFrame]:
    """exam_domains, exam_tasks and exam_services rows for one blueprint."""
    return {
        "exam_domains": pd.DataFrame([{"exam": bp.code, "id": d.id, "name": d.name, "weight": d.weight}
                                      for d in bp.domains]),
        "exam_tasks": pd.DataFrame([{"exam": bp.code, "id": t.id, "domain_id": t.domain_id, "name": t.name}
                                    for t in bp.tasks]),
        "exam_services": pd.DataFrame([{"exam": bp.code, "name": s.name, "aliases": list(s.aliases),
                                        "domains": list(s.domains), "category": s.category}
                                       for s in bp.services]),
    }


def write_blueprint(con, bp: Blueprint) -> dict[str, int]:
    """Replace staging.exam_* with the blueprint's rows, with their column comments; returns row counts."""
    counts = {}
    for name, frame in blueprint_frames(bp).items():
        con.register("frame", frame)
        con.execute(f"CREATE OR REPLACE TABLE staging.{name} AS SELECT * FROM frame")
        con.unregister("frame")
        counts[name] = len(frame)
    con.execute(read_sql("staging/exam_columns.sql"))  # what each column is, for the UI's Columns
    return counts
