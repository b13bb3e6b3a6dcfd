"""Marts: evidence, attempts, hours, coverage, what the pages list, and the readiness model's estimates."""
import sys

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.model_checks import MODEL_CHECKS, model_check_results
from pipelines.sql_models import SqlModel, sql_layer, table_metadata
from readiness.params import MODEL_VERSION, change_notice
from sources.blueprint import load_blueprint
from warehouse.connection import read_sql
from warehouse.hour_umbrellas import write_hour_umbrellas
from warehouse.note_umbrellas import write_note_umbrellas
from warehouse.readiness_marts import evidence_frame, write_frame
from warehouse.readiness_version import record_version, stored_version

models = sql_layer("marts", models=[
    SqlModel("domain_evidence", ("staging.answers", "staging.domain_scores"),
             "Practice evidence per learner, domain, task and attempt."),
    SqlModel("attempts", ("staging.answers", "staging.domain_scores"), "Each mock exam attempt's score per domain."),
    SqlModel("hours_weekly", ("staging.study_sessions",), "Study minutes per learner, week and domain."),
    SqlModel("service_coverage", ("staging.learners", "staging.answers", "staging.study_sessions",
                                  "staging.note_sections", "staging.exam_services"),
             "Each in-scope service against notes, practice and hours: gap, weak or covered."),
    SqlModel("task_coverage", ("staging.learners", "staging.answers", "staging.study_sessions", "staging.exam_tasks",
                               "marts.domain_evidence"),
             "Each task statement against practice questions and hours; measured: whether any evidence names a task."),
    SqlModel("exam_domains", ("staging.exam_domains",), "The exam's domains as the pages name them (a view)."),
    SqlModel("answer_detail", ("staging.answers",),
             "Every answered question that counts, for the attempts' pages (a view over staging.answers)."),
    # marts.notes and marts.note_umbrellas read a note's file in the inbox from staging.current_loads, which
    # every kind's loads change; only a note's own loads change its row there, and staging.note_sections follows
    # those, so a run after a mock export leaves both as they are (pipelines/selection.py).
    SqlModel("notes", ("staging.note_sections",), "Each note's file, sections, words and services mentioned (a view)."),
    SqlModel("unmapped_hours", ("staging.study_sessions",),
             "Study time not mapped to one domain, by description, project and service (a view)."),
    SqlModel("learners", ("staging.learners", "staging.study_sessions", "staging.answer_exports",
                          "staging.domain_scores", "staging.note_sections"),
             "Every learner whose rows count, with their study hours and whether any row counts."),
])


@dg.asset(key=["marts", "note_umbrellas"], kinds={"duckdb", "python"}, group_name="marts", pool="warehouse",
          deps=[["staging", "note_sections"], ["raw", "note_sections"]])
def note_umbrellas(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Umbrella words the learners' notes say ('Kinesis'), the services each could be and the notes saying it."""
    with warehouse.connect() as con:
        write_note_umbrellas(con, load_blueprint(warehouse.workspace().config.exam))
        return dg.MaterializeResult(metadata=table_metadata(con, "marts.note_umbrellas"))


@dg.asset(key=["marts", "hour_umbrellas"], kinds={"duckdb", "python"}, group_name="marts", pool="warehouse",
          deps=[["staging", "study_sessions"]])
def hour_umbrellas(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Umbrella words the learners' study entries say ('Kinesis'), the services each could be and its hours."""
    with warehouse.connect() as con:
        write_hour_umbrellas(con, load_blueprint(warehouse.workspace().config.exam))
        return dg.MaterializeResult(metadata=table_metadata(con, "marts.hour_umbrellas"))


@dg.multi_asset(
    specs=[dg.AssetSpec(["marts", "readiness"], kinds={"duckdb", "python"}, group_name="marts",
                        deps=[["marts", "domain_evidence"]],
                        description="Readiness per learner × domain × as-of day, with 90% intervals."),
           dg.AssetSpec(["marts", "forecast"], kinds={"duckdb", "python"}, group_name="marts",
                        deps=[["marts", "domain_evidence"]],
                        description="Pass probability and predicted scaled score per learner × day.")],
    check_specs=MODEL_CHECKS,
    pool="warehouse",
)
def readiness_model(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """The readiness model run as of every practice day and today."""
    from readiness.history import readiness_history  # scipy: imported when the model runs, not when defs load

    ws = warehouse.workspace()
    blueprint = load_blueprint(ws.config.exam)
    with warehouse.connect() as con:
        readiness, forecast = readiness_history(evidence_frame(con), blueprint, ws.today(),
                                                learners=[ws.config.learner_id])
        before = stored_version(con)
        write_frame(con, "marts.readiness", readiness)
        write_frame(con, "marts.forecast", forecast)
        con.execute(read_sql("marts/readiness_columns.sql"))  # what each column means, for the UI's Columns
        record_version(con, MODEL_VERSION)
        notice = change_notice(before)
        if notice:  # on `examready run`'s stderr (the job runs in its process), as ingest's notices
            print(notice, file=sys.stderr)
        yield dg.MaterializeResult(asset_key=["marts", "readiness"],
                                   metadata={**table_metadata(con, "marts.readiness"), "model_version": MODEL_VERSION})
        yield dg.MaterializeResult(asset_key=["marts", "forecast"],
                                   metadata=table_metadata(con, "marts.forecast"))
        yield from model_check_results(con, context.selected_asset_check_keys, blueprint.scoring)
