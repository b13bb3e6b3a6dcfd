"""Exam blueprints load from their data files, hold the exam guides' facts, and reject broken files."""
from pathlib import Path

import pytest

from sources.blueprint import BlueprintError, available_exams, load_blueprint, load_blueprint_file

BROKEN = Path(__file__).parent / "fixtures" / "blueprints"

EXAMS = {  # code: (domain weights, task count, pass mark)
    "DEA-C01": ([0.34, 0.26, 0.22, 0.18], 17, 720),
    "SAA-C03": ([0.30, 0.26, 0.24, 0.20], 14, 720),
    "CLF-C02": ([0.24, 0.30, 0.34, 0.12], 19, 700),
}


def test_every_exam_file_is_listed():
    assert set(EXAMS) <= set(available_exams())


@pytest.mark.parametrize("code", sorted(EXAMS))
def test_exam_facts(code):
    weights, task_count, pass_mark = EXAMS[code]
    bp = load_blueprint(code)
    assert bp.code == code
    assert [d.id for d in bp.domains] == [1, 2, 3, 4]
    assert [d.weight for d in bp.domains] == pytest.approx(weights)
    assert len(bp.tasks) == task_count
    assert (bp.scoring.min, bp.scoring.max, bp.scoring.pass_mark) == (100, 1000, pass_mark)
    assert (bp.scoring.scored, bp.scoring.unscored) == (50, 15)
    assert len(bp.services) >= 40


@pytest.mark.parametrize("code", sorted(EXAMS))
def test_every_domain_has_tasks_and_services(code):
    bp = load_blueprint(code)
    for domain in bp.domains:
        assert any(t.domain_id == domain.id for t in bp.tasks), domain.name
        assert any(domain.id in s.domains for s in bp.services), domain.name


def test_load_blueprint_is_case_insensitive_and_unknown_exam_is_clear():
    assert load_blueprint("dea-c01") is load_blueprint("DEA-C01")
    with pytest.raises(BlueprintError, match="unknown exam 'XYZ-C01'.*DEA-C01"):
        load_blueprint("XYZ-C01")


DEA_TASKS = [("1.1", "Perform data ingestion"), ("1.4", "Apply programming concepts"),
             ("2.2", "Understand data cataloging systems"), ("3.4", "Ensure data quality"),
             ("4.5", "Understand data privacy and governance")]


@pytest.mark.parametrize("task_id,name", DEA_TASKS)
def test_dea_task_statements(task_id, name):
    task = next(t for t in load_blueprint("DEA-C01").tasks if t.id == task_id)
    assert (task.name, task.domain_id) == (name, int(task_id[0]))


DEA_CATEGORIES = ["Analytics", "Application Integration", "Cloud Financial Management", "Compute",
                  "Containers", "Database", "Developer Tools", "Frontend Web and Mobile",
                  "Machine Learning", "Management and Governance", "Migration and Transfer",
                  "Networking and Content Delivery", "Security, Identity, and Compliance", "Storage"]


def test_dea_services_cover_every_appendix_category():
    categories = {s.category for s in load_blueprint("DEA-C01").services}
    assert categories == set(DEA_CATEGORIES)


DEA_SERVICES = [  # canonical name, an alias it must carry, a domain it must serve
    ("Amazon Managed Workflows for Apache Airflow", "MWAA", 1),
    ("Amazon Kinesis Data Streams", "KDS", 1),
    ("Amazon Data Firehose", "Firehose", 1),
    ("Amazon Data Firehose", "Kinesis Data Firehose", 1),
    ("AWS Glue DataBrew", "DataBrew", 3),
    ("Amazon Managed Streaming for Apache Kafka", "MSK", 1),
    ("AWS Database Migration Service", "DMS", 1),
    ("AWS Key Management Service", "KMS", 4),
    ("AWS Identity and Access Management", "IAM", 4),
    ("Amazon Simple Queue Service", "SQS", 1),
    ("Amazon Simple Notification Service", "SNS", 3),
    ("Amazon Elastic Kubernetes Service", "EKS", 1),
    ("Amazon Elastic Container Service", "ECS", 1),
    ("Amazon Elastic Container Registry", "ECR", 1),
    ("Amazon RDS", "RDS", 2),
    ("Amazon DynamoDB", "DynamoDB", 2),
    ("AWS Lake Formation", "Lake Formation", 4),
    ("Amazon Macie", "Macie", 4),
    ("AWS Glue", "Glue", 2),
    ("Amazon Redshift", "Redshift Spectrum", 2),
    ("Amazon Managed Service for Apache Flink", "Kinesis Data Analytics", 1),
]


@pytest.mark.parametrize("name,alias,domain", DEA_SERVICES)
def test_dea_known_services(name, alias, domain):
    service = load_blueprint("DEA-C01").service(name)
    assert alias in service.aliases
    assert domain in service.domains


@pytest.mark.parametrize("name", ["AWS Batch", "AWS Config", "AWS Budgets", "AWS Backup"])
def test_no_alias_is_a_bare_english_word(name):
    service = load_blueprint("DEA-C01").service(name)
    assert name.split()[-1] not in service.aliases


BROKEN_FILES = [  # file, what the message must say
    ("invalid_yaml.yaml", "line 10 is not valid YAML"),
    ("weights_not_one.yaml", "weights add up to 0.9000"),
    ("unknown_domain_service.yaml", r"services\[1\] \(line 10\) \(Amazon Athena\): unknown domain ids \[5\]"),
    ("missing_key.yaml", "missing required key 'scoring'"),
    ("missing_domain_name.yaml", r"domains\[1\] \(line 7\): missing required key 'name'"),
    ("duplicate_alias.yaml", "service alias 'kinesis' is used by both"),
    ("duplicate_domain_id.yaml", "duplicate domain ids 1"),
    ("task_in_wrong_domain.yaml", "task id '1.2' should look like '2.<n>'"),
    ("bad_weight_type.yaml", "'weight' should be float, got 'heavy'"),
    ("unknown_family_member.yaml", "family 'Kinesis' must list known services"),
    ("not_a_mapping.yaml", "expected a mapping"),
    ("aliases_not_a_list.yaml", r"services\[0\] \(line 7\): 'aliases' should be a list, got 'KDS'"),
    ("weights_in_percent.yaml", "weight must be a fraction"),
    ("family_shadows_alias.yaml", "'Kinesis' is used by both 'Amazon Kinesis Data Streams' and 'family Kinesis'"),
]


@pytest.mark.parametrize("file_name,message", BROKEN_FILES)
def test_broken_blueprint_names_the_file(file_name, message):
    with pytest.raises(BlueprintError, match=message) as caught:
        load_blueprint_file(BROKEN / file_name)
    assert file_name in str(caught.value)


def test_missing_file_is_a_blueprint_error():
    with pytest.raises(BlueprintError, match="cannot read blueprint"):
        load_blueprint_file(BROKEN / "no-such-exam.yaml")


def test_every_broken_fixture_is_tested():
    assert {p.name for p in BROKEN.glob("*.yaml")} == {name for name, _ in BROKEN_FILES}
