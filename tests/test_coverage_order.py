"""marts.service_coverage sorts by integer ranks of learner and service: the order of (learner_id, name)."""
from __future__ import annotations

import duckdb

from warehouse.connection import read_sql

LEARNERS = ["me", "learner-00010", "learner-00009", "Bob", "bob", "learner-0001", "ÅSA"]
SERVICES = ["Amazon S3", "AWS Glue", "amazon s3 glacier", "Amazon Athena", "AWS Lake Formation", "Z", "a10", "a9"]


def test_service_coverage_rows_come_in_learner_then_service_order():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging; CREATE SCHEMA marts")
    con.execute("CREATE TABLE staging.learners AS SELECT unnest(?) AS learner_id", [LEARNERS])
    con.execute("CREATE TABLE staging.exam_services AS SELECT unnest(?) AS name, 'c' AS category, [1] AS domains",
                [SERVICES])
    con.execute("CREATE TABLE staging.note_sections AS SELECT 'me' AS learner_id, ['AWS Glue'] AS services")
    con.execute("CREATE TABLE staging.answers AS SELECT 'Bob' AS learner_id, 'Z' AS service, ['Z'] AS services, true AS correct")
    con.execute("CREATE TABLE staging.study_sessions AS SELECT 'bob' AS learner_id, 'a9' AS service, ['a9'] AS services, "
                "90 AS minutes")
    con.execute(read_sql("marts/service_coverage.sql"))
    got = con.execute("SELECT learner_id, name FROM marts.service_coverage").fetchall()
    assert got == con.execute("SELECT learner_id, name FROM marts.service_coverage ORDER BY learner_id, name").fetchall()
    assert len(got) == len(LEARNERS) * len(SERVICES)
    status = dict(con.execute("SELECT learner_id || '/' || name, status FROM marts.service_coverage "
                              "WHERE status <> 'gap'").fetchall())
    assert status == {"me/AWS Glue": "weak", "Bob/Z": "weak", "bob/a9": "weak"}
