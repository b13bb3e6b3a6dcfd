"""Report pages: the static Plotly site built from the marts."""
import os
import sys

import dagster as dg

from pipelines.defs.resources import WarehouseResource
from reports.learner_pages import rebuild_learner_pages, remove_stale_learner_pages
from reports.site import build_site
from sources.blueprint import load_blueprint
from warehouse.learners import learner_ids


def _print_progress(done: int, total: int, folder: str) -> None:
    print(f"  [{done}/{total}] rebuilding site/{folder}", file=sys.stderr, flush=True)


@dg.asset(key=["reports", "site"], kinds={"plotly", "html"}, group_name="reports", pool="warehouse",
          deps=[["marts", t] for t in ("readiness", "forecast", "attempts", "hours_weekly", "service_coverage",
                                       "task_coverage", "domain_evidence", "exam_domains", "answer_detail",
                                       "notes", "note_umbrellas", "hour_umbrellas", "unmapped_hours", "learners")])
def site(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The learner's static HTML pages: dashboard, coverage gaps, attempts, study plan, and the class page."""
    # The class page is written for a class of two learners or more (docs/pages.md). Other learners' pages
    # (site/learners/, built by `examready open --learner`) are removed once that learner no longer counts,
    # and rebuilt while they do: a bookmarked page must not show numbers older than `examready learners`.
    ws = warehouse.workspace()
    bp = load_blueprint(ws.config.exam)
    build_args = {"pass_mark": bp.scoring.pass_mark, "exam_date_of": ws.exam_date, "blueprint": bp,
                  "today": ws.today()}
    progress = _print_progress if os.environ.get("EXAMREADY_PROGRESS") == "1" else None
    with warehouse.connect(read_only=True) as con:
        pages = build_site(con, ws.site_dir, ws.config.learner_id, **build_args)
        learners = learner_ids(con)
        removed = remove_stale_learner_pages(ws.site_dir, learners)
        rebuilt = rebuild_learner_pages(con, ws.site_dir, learners, build_args, progress)
    if removed:
        message = (f"removed the pages of {len(removed)} learner(s) who no longer count (forgotten, or no rows "
                   f"left): {', '.join('site/' + r for r in removed)}")
        context.log.info(message)
        print(message, file=sys.stderr)
    shown = [name for name in ("index", "dashboard", "class") if name in pages]
    return dg.MaterializeResult(metadata={"pages_written": len(pages), "pages": dg.MetadataValue.json(pages),
                                          "removed_learner_pages": dg.MetadataValue.json(removed),
                                          "rebuilt_learner_pages": dg.MetadataValue.json(rebuilt),
                                          **{name: dg.MetadataValue.path(pages[name]) for name in shown}})
