"""Staging layer: typed, de-duplicated rows mapped to the exam blueprint."""
import dagster as dg

from pipelines.defs.resources import WarehouseResource
from pipelines.sql_models import SqlModel, sql_layer, table_metadata
from sources.blueprint import load_blueprint
from warehouse.reference import write_blueprint


@dg.multi_asset(
    specs=[dg.AssetSpec(["staging", t], kinds={"duckdb"}, group_name="staging",
                        description=f"The exam blueprint's {t.split('_')[1]}: a reference table.")
           for t in ("exam_domains", "exam_tasks", "exam_services")],
    pool="warehouse",
)
def exam_blueprint(warehouse: WarehouseResource):
    """The workspace's exam blueprint (domains, tasks, services) as reference tables."""
    with warehouse.connect() as con:
        tables = write_blueprint(con, load_blueprint(warehouse.workspace().config.exam))
        metadata = {table: table_metadata(con, f"staging.{table}") for table in tables}
    for table in tables:
        yield dg.MaterializeResult(asset_key=["staging", table], metadata=metadata[table])


models = sql_layer("staging", models=[
    SqlModel("current_loads", ("raw.file_events",),
             "The latest successful load of each inbox file; beside it staging.withdrawn_learners, the "
             "learners taken out of the class (`examready forget --learner`)."),
    SqlModel("answer_exports", ("staging.current_loads", "raw.answers", "raw.quarantine"),
             "The export that counts for each attempt (its latest load), the superseded ones (by learner, base "
             "id and platform) and the ids shown for a set counting from two platforms' files."),
    SqlModel("answers", ("staging.answer_exports", "staging.current_loads", "raw.answers", "raw.quarantine"),
             "Valid per-question answers, latest export of each attempt (a view over raw)."),
    SqlModel("domain_scores", ("staging.current_loads", "raw.domain_scores", "raw.quarantine"),
             "Valid per-domain summary results, latest export of each attempt."),
    SqlModel("study_entries", ("staging.current_loads", "raw.study_sessions", "raw.quarantine"),
             "Valid study-time entries, each once, with the minutes that count (less those later files cover)."),
    SqlModel("study_sessions", ("staging.study_entries",),
             "Study-time entries that count, with their counted minutes: no minute counts twice across files."),
    SqlModel("note_sections", ("staging.current_loads", "raw.note_sections", "raw.quarantine"),
             "Sections of the current notes with the services they mention."),
    SqlModel("learners", ("staging.answer_exports", "staging.domain_scores", "staging.study_sessions",
                          "staging.note_sections"), "Every learner with valid staged rows, and the workspace's own."),
])
