"""Every kind of secret warehouse.secrets masks: exact output, ordinary study text left alone, the bulk hint.

The tokens below are made up in each service's published format (prefix, length, characters).
"""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.helpers_workspace import ingest, new_workspace
from warehouse.bulk_answers import SECRET_HINT, _distinct_values
from warehouse.secrets import NEEDS, PATTERNS, mask_text


def fake(n: int, alphabet: str = "Ex4mpLe7oKen9zQ") -> str:
    """n made-up characters of a token."""
    return (alphabet * (n // len(alphabet) + 1))[:n]


GHP = "ghp_" + fake(36)
PG_URL = "postgresql://analyst:S3cret-pw@db.internal:5432/dev"
STS = "IQoJb3JpZ2luX2VjE" + fake(200, "Ab3/x+Q9z") + "=="  # an STS session token (temporary credentials)
JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0." + fake(43, "SflKxw_RJS-4eK7")

# kind -> [(text, exact masked text)]; one hit of that kind in each. Every kind of PATTERNS must be here.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "private_key": [("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                     "[masked: private key]"),
                    ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGX2\n-----END PGP PRIVATE KEY BLOCK----- done",
                     "[masked: private key] done")],
    "aws_access_key_id": [("key AKIAIOSFODNN7EXAMPLE here", "key [masked: AWS access key id] here")],
    "github_token": [(f"export GITHUB_TOKEN={GHP}", "export GITHUB_TOKEN=[masked: GitHub token]")]
    + [(f"token {p}_{fake(36)} for the lab", "token [masked: GitHub token] for the lab")
       for p in ("gho", "ghu", "ghs", "ghr")]
    + [(f"refresh: ghr_{fake(76)}.", "refresh: [masked: GitHub token]."),
       (f"fine-grained github_pat_{fake(22)}_{fake(59)}", "fine-grained [masked: GitHub token]")],
    "gitlab_token": [(f"GITLAB_TOKEN=glpat-{fake(20, 'aB3_x-9Zq')}", "GITLAB_TOKEN=[masked: GitLab token]"),
                     (f"routable glpat-{fake(37)}.01.0a1b2c3d4 ok", "routable [masked: GitLab token] ok")],
    "slack_token": [("SLACK_BOT_TOKEN=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
                     "SLACK_BOT_TOKEN=[masked: Slack token]"),
                    ("user xoxp-4956821238-4956821240-8119476985-e6e6c3b9e1c8f0a6f8d5e9c1c2e8d9a1 here",
                     "user [masked: Slack token] here"),
                    (f"app xoxa-2-{fake(40)}", "app [masked: Slack token]"),
                    (f"(xoxr-{fake(30)})", "([masked: Slack token])"),
                    ("xoxs-1234567890-1234567890-1234567890-abcdef0123", "[masked: Slack token]")],
    "google_api_key": [(f"?key=AIza{fake(35, 'Sy-D9t_Srk72')}&q=glue", "?key=[masked: Google API key]&q=glue")],
    "openai_api_key": [(f"OPENAI_API_KEY=sk-{fake(20)}T3BlbkFJ{fake(20)}", "OPENAI_API_KEY=[masked: OpenAI API key]"),
                       (f"key: sk-proj-{fake(74, 'aZ9_-Q')}T3BlbkFJ{fake(74, 'Qm-4_w')} done",
                        "key: [masked: OpenAI API key] done"),
                       (f"sk-svcacct-{fake(58)}T3BlbkFJ{fake(58)}", "[masked: OpenAI API key]")],
    "stripe_secret_key": [(f"stripe.api_key = 'sk_live_{fake(24)}'",
                           "stripe.api_key = '[masked: Stripe secret key]'"),
                          (f"sk_test_{fake(99)}", "[masked: Stripe secret key]"),
                          (f"restricted rk_live_{fake(24)}", "restricted [masked: Stripe secret key]")],
    "npm_token": [(f"//registry.npmjs.org/:_authToken=npm_{fake(36)}",
                   "//registry.npmjs.org/:_authToken=[masked: npm token]")],
    "url_password": [(PG_URL, "postgresql://analyst:[masked: URL password]@db.internal:5432/dev"),
                     ("mysql://root:hunter2@localhost/shop", "mysql://root:[masked: URL password]@localhost/shop"),
                     ("jdbc:redshift://admin:Red#Shift1@examplecluster.abc123.us-west-2.redshift.amazonaws.com"
                      ":5439/dev",
                      "jdbc:redshift://admin:[masked: URL password]@examplecluster.abc123.us-west-2.redshift"
                      ".amazonaws.com:5439/dev"),
                     ("uri mongodb+srv://app:p@ss@cluster0.ab1cd.mongodb.net/test?retryWrites=true",
                      "uri mongodb+srv://app:[masked: URL password]@cluster0.ab1cd.mongodb.net/test?retryWrites=true"),
                     ("REDIS_URL=redis://:r3dis-pass@cache:6379/0",
                      "REDIS_URL=redis://:[masked: URL password]@cache:6379/0"),
                     ("jdbc:oracle:thin:scott/tiger@//dbhost:1521/ORCL",
                      "jdbc:oracle:thin:scott/[masked: URL password]@//dbhost:1521/ORCL")],
    "password": [("password: hunter2", "password: [masked: password]"),
                 ("export DB_PASSWORD=hunter2", "export DB_PASSWORD=[masked: password]"),
                 ("PGPASSWORD=hunter2 psql -h db", "PGPASSWORD=[masked: password] psql -h db"),
                 ("client_secret: 8Qz~x1", "client_secret: [masked: password]"),
                 ("export db_pass=hunter2", "export db_pass=[masked: password]"),
                 ('{"DB_PASSWORD": "hunter2"}', '{"DB_PASSWORD": [masked: password]}'),
                 ('{"user": "admin", "password": "hunter2"}', '{"user": "admin", "password": [masked: password]}'),
                 # quoted in a warning or a cell: the closing quote of the quote is kept, a value's own quotes not
                 ("front matter date 'password: Hunter2x!' at line 3",
                  "front matter date 'password: [masked: password]' at line 3"),
                 ("the label 'pwd=\"Hunter2x!\"' names no service", "the label 'pwd=[masked: password]' names no service"),
                 ("password: 'Hunter2x! later", "password: [masked: password] later"),
                 # a quoted value is masked whole, up to its closing quote: a passphrase's words are no text
                 ('password: "correct horse battery staple" then', "password: [masked: password] then"),
                 ("DB_PASSWORD='my pass word' psql", "DB_PASSWORD=[masked: password] psql"),
                 ('{"password": "it\'s me", "user": "ana"}', '{"password": [masked: password], "user": "ana"}')],
    "aws_session_token": [(f"aws_session_token = {STS}", "aws_session_token = [masked: AWS session token]"),
                          (f'"SessionToken": "FwoGZXIvYXdz{fake(120)}=="',
                           '"SessionToken": "[masked: AWS session token]"')],
    "presigned_url_signature": [(f"X-Amz-Expires=3600&X-Amz-Signature={'0a9f' * 16}",
                                 "X-Amz-Expires=3600&X-Amz-Signature=[masked: presigned URL signature]")],
    "jwt": [(f"Authorization: Bearer {JWT}", "Authorization: Bearer [masked: JWT]")],
    "aws_secret_access_key": [("secret key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                               "secret key [masked: AWS secret access key]")],
    "email": [("mail me@example.org", "mail [masked: email]"),
              ("ask legit@example.com", "ask [masked: email]"), ("git.user@example.com", "[masked: email]"),
              ("write to git@company.com today", "write to [masked: email] today")],
}
POSITIVES = [(kind, text, masked) for kind, cases in EXAMPLES.items() for text, masked in cases]

# A token where a password or a URL's password would be: one hit, of the token's kind.
TOKEN_AS_PASSWORD = [
    (f"password: {GHP}", "password: [masked: GitHub token]", {"github_token": 1}),
    (f"git clone https://x-access-token:{GHP}@github.com/org/repo.git",
     "git clone https://x-access-token:[masked: GitHub token]@github.com/org/repo.git", {"github_token": 1}),
    (f"{PG_URL} and {GHP}", "postgresql://analyst:[masked: URL password]@db.internal:5432/dev and "
     "[masked: GitHub token]", {"github_token": 1, "url_password": 1}),
]

# Ordinary study text that names the formats without holding a secret.
NEGATIVES = [
    "Train the model with sk-learn (scikit-learn) pipelines",
    "from sklearn.model_selection import train_test_split",
    "GitHub classic tokens start with ghp_ and fine-grained ones with github_pat_; ghp in prose",
    "ghp_shortToken123 is too short to be a token",
    "AIzaSyShortKey", f"AIza{fake(34)} is one character short",
    "Slack bot tokens look like xoxb-… and user tokens xoxp-…; xoxb-style tokens-are-for-bots",
    "sk-proj- keys are longer than the old sk- keys",
    "Stripe keys begin sk_live_ or sk_test_; publishable keys are public: pk_live_" + fake(24),
    "npm_config_cache and npm_package_version are npm_ environment variables",
    "GitLab tokens start with glpat- since 15.0",
    "postgres://host/db",
    "postgresql://analyst@localhost:5432/warehouse",
    "https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html",
    "jdbc:redshift://examplecluster.abc123.us-west-2.redshift.amazonaws.com:5439/dev",
    "mongodb+srv://cluster0.ab1cd.mongodb.net/test?retryWrites=true",
    "jdbc:oracle:thin:@dbhost:1521:ORCL",
    "s3://my-bucket/raw/2026/05/01/part-0000.parquet and https://example.com:8443/path?a=1",
    "ssh://git-server:22/org/repo.git and http://localhost:8080/admin",
    "git clone git@github.com:org/repo.git; ssh://git@gitlab.example.com:22/org/repo.git",
    "password policy: 12 characters; bypass: the cache; first_pass: read the guide",
    "the RDS master_password is set at creation; master_password: must be 8 characters",
    "client_secret is rotated by Cognito; KMS key_secret: envelope encryption",
    "JWTs start with eyJ (base64 of {\"); a presigned URL carries X-Amz-Signature= and X-Amz-Credential=",
    "STS tokens begin IQoJb3JpZ2lu; see aws_session_token in ~/.aws/credentials",
]


@pytest.mark.parametrize("kind, text, masked", POSITIVES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(POSITIVES)])
def test_each_kind_is_masked_and_named(kind, text, masked):
    assert mask_text(text) == (masked, {kind: 1})


@pytest.mark.parametrize("text, masked, found", TOKEN_AS_PASSWORD)
def test_a_token_in_a_password_place_is_one_hit_of_its_kind(text, masked, found):
    assert mask_text(text) == (masked, found)


@pytest.mark.parametrize("text", NEGATIVES)
def test_study_text_naming_the_formats_is_unchanged(text):
    assert mask_text(text) == (text, {})


def test_every_pattern_has_examples():
    assert set(EXAMPLES) == set(PATTERNS), "add examples for a new pattern here (and check SECRET_HINT)"


def _matches() -> list[tuple[str, str]]:
    """(kind, text) for every pattern's every match in every example, as found on the text as written."""
    texts = [t for _, t, _ in POSITIVES] + [t for t, _, _ in TOKEN_AS_PASSWORD]
    found = [(kind, m.group(0)) for text in texts for kind, (pattern, _) in PATTERNS.items()
             for m in pattern.finditer(text)]
    assert {kind for kind, _ in found} == set(PATTERNS)
    return found


def test_what_a_pattern_needs_is_in_each_of_its_matches():
    """mask_text skips a pattern when the text holds none of NEEDS[kind]: each match must hold one."""
    for kind, text in _matches():
        assert kind not in NEEDS or any(needed in text for needed in NEEDS[kind]), (kind, text)


def test_the_bulk_hint_is_necessary_for_every_pattern():
    """Each matched text alone (not only its example) matches SECRET_HINT, in Python and in DuckDB (RE2)."""
    matches = _matches()
    con = duckdb.connect()
    for kind, text in matches:
        assert re.search(SECRET_HINT, text), (kind, text)
        assert con.execute("SELECT regexp_matches($t, $h)", {"t": text, "h": SECRET_HINT}).fetchone()[0], (kind, text)


def test_the_bulk_path_sends_every_example_to_masking():
    """The bulk path's own query over question ids and providers keeps every example for mask_text."""
    texts = sorted({t for _, t, _ in POSITIVES} | {t for t, _, _ in TOKEN_AS_PASSWORD})
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE bulk_text AS SELECT t AS question_id, t AS provider, NULL AS taken_at, "
                "NULL AS correct, NULL AS seconds, NULL AS confidence FROM unnest($texts) AS u(t)", {"texts": texts})
    values = _distinct_values(con, {"question_id", "provider"})
    assert sorted(values["question_id"]) == texts and sorted(values["provider"]) == texts


def test_a_note_with_a_token_and_a_connection_url_is_stored_masked(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "airflow-lab.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("---\ntitle: Airflow lab\ndate: 2026-03-09\n---\n# Airflow lab\n"
                    f"Clone the DAGs with {GHP}, then COPY into {PG_URL} for the Redshift-like exercise.\n")
    reports = ingest(ws, run_id="secrets")
    report = next(r for r in reports if r.path.endswith("airflow-lab.md"))
    assert report.status == "loaded" and report.secrets_masked == 2
    con = duckdb.connect(str(ws.db_path), read_only=True)
    texts = [t for (t,) in con.execute("SELECT text FROM raw.note_sections").fetchall()]
    con.close()
    stored = " ".join(texts)
    assert GHP not in stored and "S3cret-pw" not in stored
    assert "[masked: GitHub token]" in stored
    assert "postgresql://analyst:[masked: URL password]@db.internal:5432/dev" in stored


def test_a_held_back_rows_learner_email_is_kept_its_other_secrets_masked():
    """A class export's learner is an email: masked, a teacher could not tell whose row was held back."""
    import pandas as pd

    from warehouse.raw_rows import quarantine_rows

    frame = pd.DataFrame({"line": [2], "line_row": [0], "learner_id": ["ana@example.com"],
                          "correct_text": ["TRUE AKIAIOSFODNN7EXAMPLE"]})
    failures = pd.DataFrame({"line": [2], "line_row": [0], "reason": ["mark 'TRUE AKIAIOSFODNN7EXAMPLE' of "
                                                                      "ana@example.com is not a mark"]})
    held = quarantine_rows(frame, failures, "answers").iloc[0]
    assert '"learner_id":"ana@example.com"' in held["row_json"] and "AKIA" not in held["row_json"]
    assert held["reason"] == "mark 'TRUE [masked: AWS access key id]' of ana@example.com is not a mark"


def test_an_attempt_name_and_a_held_back_rows_cells_are_stored_masked(tmp_path):
    """An attempt named with a key, and a row held back for a mark that holds one: neither is stored as written
    (raw.answers.attempt_id; raw.quarantine's reason and row_json quote any cell, not only the free-text ones)."""
    ws = new_workspace(tmp_path / "ws")
    stripe, akia = f"sk_live_{fake(24)}", "AKIAIOSFODNN7EXAMPLE"
    exams = ws.inbox / "exams" / "mock.csv"
    exams.parent.mkdir(parents=True, exist_ok=True)
    exams.write_text("attempt_id,taken_at,provider,question_id,domain,correct\n"
                     f"lab {stripe},2026-11-01 10:00,Udemy,Q1,Domain 1: Data Ingestion and Transformation,TRUE\n"
                     f"lab {stripe},2026-11-01 10:00,Udemy,Q2,Domain 1: Data Ingestion and Transformation,"
                     f"TRUE {akia}\n")
    ingest(ws, run_id="secrets")
    con = duckdb.connect(str(ws.db_path), read_only=True)
    ids = {a for (a,) in con.execute("SELECT attempt_id FROM raw.answers").fetchall()}
    held = con.execute("SELECT reason, row_json FROM raw.quarantine").fetchall()
    con.close()
    assert ids == {"lab [masked: Stripe secret key]"}
    assert len(held) == 1 and not any(stripe in t or akia in t for t in held[0])
    assert "TRUE [masked: AWS access key id]" in held[0][1]


def test_a_notes_tags_are_stored_on_its_first_section_masked_and_counted_once(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "tagged.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(f"---\ntitle: Tagged\ntags: [aws-glue, '{GHP}']\n---\n# One\nCrawlers.\n# Two\nJobs.\n# Three\nETL.\n")
    report = next(r for r in ingest(ws, run_id="tags") if r.path.endswith("tagged.md"))
    assert report.status == "loaded" and report.secrets_masked == 1
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        tags = con.execute("SELECT tags FROM raw.note_sections ORDER BY line").fetchall()
    assert tags == [("aws-glue\n[masked: GitHub token]",), (None,), (None,)]


@pytest.mark.parametrize("row, stored", [("| admin | password: Hunter2x! |", "admin password: [masked: password]"),
                                         ("|admin|password:Hunter2x!|", "admin password:[masked: password]")])
def test_a_password_in_a_notes_table_cell_is_stored_masked(tmp_path, row, stored):
    """A table's cells reach the text one by one, space-separated (sources/markdown_notes.py): no `|` is masked."""
    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "lab.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(f"# Lab accounts\n\n| user | login |\n|---|---|\n{row}\n")
    ingest(ws, run_id="table")
    con = duckdb.connect(str(ws.db_path), read_only=True)
    (text,) = con.execute("SELECT text FROM raw.note_sections").fetchone()
    assert text == f"user login {stored}"


@pytest.mark.parametrize("table, stored, masked", [
    # a column headed as passwords: each cell, a passphrase's words too
    ("| user | Password |\n|---|---|\n| admin | Hunter2x! |\n| ana | correct horse |\n| bob | |",
     "user Password admin password: [masked: password] ana password: [masked: password] bob", 2),
    ("| account | Root password (temp) |\n|---|---|\n| lab | Hunter2x! |",
     "account Root password (temp) lab password: [masked: password]", 1),
    # names and values: the value right of a password's name
    ("| field | value |\n|---|---|\n| user | admin |\n| DB password: | Hunter2x! |",
     "field value user admin DB password: password: [masked: password]", 1),
    ("| passwd | Hunter2x! |\n|---|---|\n| user | ana |", "passwd passwd: [masked: password] user ana", 1),
    # study tables: a policy, an exam's Pass column, a glossary's prose, Secrets Manager
    ("| Service | Password policy |\n|---|---|\n| IAM | 14 chars |",
     "Service Password policy IAM 14 chars", 0),
    ("| Exam | Pass |\n|---|---|\n| DEA-C01 | yes |", "Exam Pass DEA-C01 yes", 0),
    ("| Term | Meaning |\n|---|---|\n| Password | what you know |\n| Secret | Secrets Manager |",
     "Term Meaning Password what you know Secret Secrets Manager", 0),
])
def test_a_notes_table_cell_its_header_or_row_names_a_password_is_masked(tmp_path, table, stored, masked):
    ws = new_workspace(tmp_path / "ws")
    note = ws.inbox / "notes" / "lab.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(f"# Lab accounts\n\n{table}\n")
    (report,) = [r for r in ingest(ws, run_id="table") if r.path.endswith("lab.md")]
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        (text,) = con.execute("SELECT text FROM raw.note_sections").fetchone()
    assert (text, report.secrets_masked) == (stored, masked)
