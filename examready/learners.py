"""The class view of a workspace: `reports.class_data` (shared with the class page) for its exam."""
from __future__ import annotations

from pipelines.workspace import Workspace
from reports.class_data import class_summary as _class_summary
from sources.blueprint import load_blueprint


def class_summary(con, ws: Workspace, exact: bool = False) -> dict:
    """Every learner, lowest pass chance first (those without practice last), and the class per domain;
    `exact`: readiness unrounded, for the text output (it rounds once)."""
    return _class_summary(con, load_blueprint(ws.config.exam), ws.config.learner_id, exact)
