"""A run that rebuilds the readiness marts under a newer readiness model says so once (MODEL_VERSION)."""
from __future__ import annotations

import json

import duckdb
import pytest

from readiness.params import MODEL_VERSION, change_notice
from tests.conftest import run_cli
from warehouse.readiness_version import MARK, record_version, stored_version

NOTICE = "examready: readiness model updated ("
FULL_RUN = {"EXAMREADY_FULL_RUN": "1"}  # as after an upgrade: the code changed, so the run is a full one


@pytest.mark.parametrize("comment, version, notice", [
    (None, 1, True),                                  # built before versions were recorded
    (f"{MARK}{MODEL_VERSION - 1}", MODEL_VERSION - 1, True),
    (f"{MARK}{MODEL_VERSION}", MODEL_VERSION, False),
    ("a note of the user", 1, True),
], ids=["unrecorded", "older", "same", "other comment"])
def test_stored_version_and_notice(comment, version, notice):
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts; CREATE TABLE marts.readiness AS SELECT 1 AS x")
    if comment is not None:
        con.execute(f"COMMENT ON TABLE marts.readiness IS '{comment}'")
    assert stored_version(con) == version
    assert (change_notice(stored_version(con)) is not None) is notice
    record_version(con, MODEL_VERSION)
    assert stored_version(con) == MODEL_VERSION and change_notice(stored_version(con)) is None


def test_a_first_build_says_nothing():
    assert stored_version(duckdb.connect()) is None and change_notice(None) is None


def _strip_version(ws) -> None:
    """marts.readiness as a version of examready before MODEL_VERSION was recorded left it."""
    con = duckdb.connect(str(ws / "warehouse.duckdb"))
    con.execute("COMMENT ON TABLE marts.readiness IS NULL")
    con.close()


def test_run_after_an_upgrade_says_once_that_the_model_changed(demo_workspace):
    _strip_version(demo_workspace)
    first = run_cli("run", "-w", str(demo_workspace), "--json", env=FULL_RUN)
    assert set(json.loads(first.stdout)) == {"run_id", "files", "pages"}  # the JSON contract is unchanged
    lines = [line for line in first.stderr.splitlines() if line.startswith(NOTICE)]
    assert lines == ["examready: readiness model updated (a practice test is a retake only of its own platform's "
                     "test of that name): pass chances and bands recomputed"]
    again = run_cli("run", "-w", str(demo_workspace), env=FULL_RUN)
    assert NOTICE not in again.stderr and NOTICE not in again.stdout
