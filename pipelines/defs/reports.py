"""Report pages: the static Plotly site built from the marts."""
import sys

import dagster as dg

from pipelines.defs.resources import WAREHOUSE_RETRY, WarehouseResource
from reports.learner_pages import remove_stale_learner_pages
from reports.site import build_site
from sources.blueprint import load_blueprint
from warehouse.learners import learner_ids


@dg.asset(key=["reports", "site"], kinds={"plotly", "html"}, group_name="reports", pool="warehouse",
          retry_policy=WAREHOUSE_RETRY,
          deps=[["marts", t] for t in ("readiness", "forecast", "attempts", "hours_weekly", "service_coverage",
                                       "task_coverage", "domain_evidence", "exam_domains", "answer_detail",
                                       "notes", "unmapped_hours", "learners")])
def site(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The learner's static HTML pages: dashboard, coverage gaps, attempts, study plan, and the class page."""
    # The class page is written for a class of two learners or more (docs/pages.md). Other learners' pages
    # (site/learners/, built by `examready open --learner`) are removed once that learner no longer counts.
    ws = warehouse.workspace()
    bp = load_blueprint(ws.config.exam)
    with warehouse.connect(read_only=True) as con:
        pages = build_site(con, ws.site_dir, ws.config.learner_id, bp.scoring.pass_mark, ws.exam_date, bp,
                           today=ws.today())
        removed = remove_stale_learner_pages(ws.site_dir, learner_ids(con))
    if removed:
        message = (f"removed the pages of {len(removed)} learner(s) who no longer count (forgotten, or no rows "
                   f"left): {', '.join('site/' + r for r in removed)}")
        context.log.info(message)
        print(message, file=sys.stderr)
    shown = [name for name in ("index", "dashboard", "class") if name in pages]
    return dg.MaterializeResult(metadata={"pages_written": len(pages), "pages": dg.MetadataValue.json(pages),
                                          "removed_learner_pages": dg.MetadataValue.json(removed),
                                          **{name: dg.MetadataValue.path(pages[name]) for name in shown}})
