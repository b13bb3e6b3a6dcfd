"""Sample study notes: blog-style posts with front matter and an Obsidian-style vault."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

NOTES = {
    "kinesis-vs-firehose": ("Kinesis Data Streams vs Firehose", ["kinesis-data-streams", "ingestion"], """
## Amazon Kinesis Data Streams
Shards give 1 MB/s in and 2 MB/s out each. Consumers read with an iterator:
TRIM_HORIZON starts at the oldest record, LATEST at new ones. Enhanced fan-out for many readers.

### Partition keys
A hot partition key overloads one shard; add randomness to the key.

## Amazon Data Firehose
Buffers by size or time and delivers to S3, Redshift or OpenSearch. Lambda can transform records.

```python
client.put_record(StreamName="clicks", Data=b"...", PartitionKey="user-42")
```
"""),
    "glue-notes": ("AWS Glue: crawlers, catalog and bookmarks", ["glue", "etl"], """
## AWS Glue Data Catalog
Crawlers infer schemas and create tables; Athena and Redshift Spectrum read them.

## Glue job bookmarks
Bookmarks remember what a job already processed, so reruns skip old files.

## AWS Glue DataBrew
No-code data preparation recipes; profile jobs show data quality.
"""),
    "redshift": ("Redshift design", ["redshift", "storage"], """
## Amazon Redshift
Distribution styles: KEY, EVEN, ALL, AUTO. Sort keys speed range filters.
Use COPY from Amazon S3 in parallel; UNLOAD to export.

## Materialized views
Refresh incrementally when possible.
"""),
    "orchestration": ("Orchestrating pipelines", ["orchestration"], """
## AWS Step Functions
Retry with IntervalSeconds, MaxAttempts and BackoffRate; Catch for fallbacks.

## Amazon MWAA
Managed Apache Airflow; DAGs live in an S3 bucket.

## Amazon EventBridge
Schedules and event rules start pipelines.
"""),
    "athena": ("Athena tips", ["athena", "analytics"], """
## Amazon Athena
Partition projection computes partitions from configuration instead of the catalog.
Columnar formats (Parquet) and compression cut the data scanned.
"""),
}
VAULT = {
    "DynamoDB.md": "# Amazon DynamoDB\n\nPartition key + sort key. GSIs for other access patterns.\n\n"
                   "## Streams\nDynamoDB Streams feed AWS Lambda for change data capture.\n",
    "S3 storage classes.md": "# Amazon S3\n\nLifecycle rules move objects to Glacier.\n\n"
                             "## Object Lock\nWORM storage: governance and compliance modes.\n",
    "Security basics.md": "# IAM\n\nLeast privilege. Roles over users.\n\n## KMS\nEnvelope encryption.\n",
}


def write_notes(folder: Path, start: date, rng) -> None:
    """Write the sample notes; DEA-C01 services such as Macie or Lake Formation stay gaps."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (slug, (title, tags, body)) in enumerate(NOTES.items()):
        day = start + timedelta(days=int(3 + 14 * i + rng.integers(0, 5)))
        front = f"---\ntitle: \"{title}\"\npubDate: {day.isoformat()}\ntags: [{', '.join(tags)}]\n---\n"
        (folder / f"{slug}.md").write_text(front + f"\n# {title}\n" + body, encoding="utf-8")
    vault = folder / "vault"
    (vault / ".obsidian").mkdir(parents=True, exist_ok=True)
    (vault / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    for name, text in VAULT.items():
        (vault / name).write_text(text, encoding="utf-8")
