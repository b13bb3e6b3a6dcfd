"""The ingestion ledger raw.file_events (the Glue job-bookmark idea): a file's row, each path's latest load."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sources.kinds import report_kind
from warehouse.connection import values_rows
from warehouse.load_clock import STEP, next_stamp

# How files are read into rows. Raised when the same bytes would give other ids: a file whose latest
# load used older rules is read once more (`loaded_before.is_unchanged`), so an upgraded warehouse
# holds what the current rules give and nothing twice. 2 (2 Dec 2026): learner ids spelled one way and keyed by email
# (54de437, 8e98562, ac9b83b), sittings of a set split within a file (ebb6805), files in folders named
# by their path (432ecbf), Moodle attempt ids by pseudonym (f5bdfad). 3 (2 Dec 2026, later): a question
# whose only label names several services of one domain ('Kinesis') counts in that domain instead of
# being held back (9e374b2); a file's kind follows its format (b4fe6de). 4 (2 Dec 2026, later): a service
# label naming several services ('Athena; S3', 'Kinesis, Glue') counts for each (raw.answers.services)
# instead of for none or only one, and takes the one domain they all serve. 5 (2 Dec 2026, later): a
# per-question file without a set/attempt column is split into sittings as a set is (sources/sittings.py
# file_sitting_ids), each its own attempt dated by its first row, instead of one attempt of the whole file.
# 6 (2 Dec 2026, later): a plain log's entry with a date but no time of day is marked
# (raw.study_sessions.date_only) and overlaps no entry (it was placed at 00:00, so two such entries of one
# day in two files shared that time). 7 (2 Dec 2026, later): a blank in a file's key repeats no other row's
# blank (`expectations._unique`): answers without a question id count instead of being held back as
# duplicates of the first, and rows without a domain or a start time are held back for that alone.
# 8 (2 Dec 2026, later): a per-domain summary without a set/attempt column is split into sittings as a
# per-question file is (5), the domain as the item that repeats, instead of one attempt whose later
# sittings were held back as duplicates.
# 9 (2 Dec 2026, later; 8 is the summary split written beside it): a set's rows from two platforms in one
# file (`provider`) are split into sittings a platform at a time, each platform's ids ending ' (<platform>)',
# instead of one mixed attempt whose repeated questions were held back as duplicates (xreview D1).
# 10 (2 Dec 2026, later): the platform suffix of such an id holds the provider as masked (secrets), not the
# cell as written ('... (ops@example.com)' became '... ([masked: email])').
# 11 (2 Dec 2026, later): a per-domain summary's set (or file) from two platforms is split a platform at a
# time as a per-question file's is (9), instead of mixing both platforms' domains in its sittings.
# 12 (3 Dec 2026): a line pasted twice (the line above it again, alike in every cell read) is held back as a
# duplicate instead of beginning a sitting that made every later row of its set a retake, and a question is
# keyed with its domain (sittings.question_items; the answers' duplicate key by the mapped domain): numbers
# restarting in each domain repeat nothing.
# 13 (3 Dec 2026, later): a question is keyed with its task too where the file has a task column
# (sittings.question_items; the answers' duplicate key by the mapped task): numbers restarting in each task
# repeat nothing, where a file with a task column and no domain column split them into sittings (or held
# them back as duplicates under an attempt column).
# 14 (3 Dec 2026, later): a time written with its offset or Z ('2026-11-30T02:15:00Z') is stored as the wall
# clock of the workspace's timezone (sources/datetimes.py) instead of as written with the offset dropped: its
# day, and the attempt ids that hold its time, may differ.
# 15 (3 Dec 2026, later): a study entry naming several services ('Lake Formation and Macie') holds them all
# (raw.study_sessions.services), each counted in service coverage, instead of the first alone.
# 16 (3 Dec 2026, later): a study entry keeps the UTC offsets its start can have in the workspace's timezone
# (raw.study_sessions.utc_offset_min/max, sources/wall_clock.py), and an overlap must hold in every reading
# of them: entries in the autumn's repeated hour were held back (`no_overlap`) or counted in part by the wall
# clock alone (s16: 3 of a night's 5 entries logged across the change held back).
# 17 (3 Dec 2026, later still): a service name of several words written as one word ('LakeFormation',
# 'stepfunctions', 'AWSGlue': Anki tags, hashtags) names that service, in service labels, study entries and notes,
# instead of none.
# 18 (3 Dec 2026, later still): numeric dates written with dots and no part above 12 ('03.04.2026') are read
# day-first, as the locales writing dots do; the row order or 12-hour times made some month-first.
# 19 (3 Dec 2026, not released): results pages keyed by the practice set their title lines name; withdrawn before
# release (two sittings of one set on one day in two files replaced each other, 'Set 1' of two section quizzes
# was one set, 'Mock Exam 10/02/2026' read as set 10). Files read under 19 are read again under 20.
# 20 (3 Dec 2026, later still): an Anki session of one review is described '1 Anki review' (raw.study_sessions.
# description), not '1 Anki reviews'.
# 21 (3 Dec 2026, later still): 19 redone. A results page without a set/attempt column whose title names one
# numbered set is keyed by that WHOLE title line (dates and times taken out, case and runs of spaces/dashes aside;
# sources/title_set.py) and the platform it names, and each sitting's id names its file ('<title> 2026-02-10
# [td-feb10]'): the set saved under two names on two days is one set sat twice, two files of it on one day are
# two sittings (19 let one replace the other), 'Domain 1 … Set 1' and 'Domain 2 … Set 1' two sets, a date is no
# set number, and 'PRACTICE TEST 3' is 'Practice Test 3'. Such files loaded before are read again once.
# 22 (4 Dec 2026): a duration with a minus in front is negative, and so held back (`minutes_in_range`): Toggl's
# and Clockify's '-00:10:00' (sources/datetimes.py hms_minutes) counted +10 min, and a study log's '-0:10',
# '-1h' (sources/plain_hours.py logged_minutes) were held back as unreadable. Also a note's title read from
# broken front matter drops a quote left open ('"Glue jobs' -> 'Glue jobs', sources/frontmatter.py salvage).
# 23 (4 Dec 2026, later): a row repeating the file's header (two exports pasted into one file) names no learner
# (sources/ragged_rows.py header_again): its 'Email'/'User' cells were read as a person, so a learner's own Toggl or
# Clockify export was taken for a team export (its entries held back as naming no one, or stored under the one
# email its rows carry instead of the workspace's learner), and a class file counted one learner too many.
# 24 (4 Dec 2026, late): service names in notes, study entries and labels: a one-word name written in its
# capitalised parts ('Event Bridge', 'Cloud Trail', 'Data Sync', 'Glue Data Brew') names that service, Unicode
# hyphens separate words as '-' does ('Step\u2011Functions'), and prose where the word means something else ('the
# lambda architecture', 'a lambda expression', 'glue code', 'the glue between', 'S3-compatible') names none; a
# note's heading with no text under it, its subsections' included (a template's '# Amazon EMR'), mentions none.
# 25 (6 Dec 2026): a note's HTML tag that breaks the line (<br>, <p>, <li>, <td>) keeps the words either side apart
# ('Kinesis Data Streams<br>Amazon MSK' named MSK alone; sources/frontmatter.py HtmlText), and a per-domain summary's
# Correct cell may hold '14/20', '14 of 20' (its total too; sources/domain_summary_csv.py counts_as_written): such
# cells were held back as missing; a web address in a note (https://docs.aws.amazon.com/glue/…) names no service
# (sources/label_services.py without_addresses); a note's front matter `Title:`/`Date:` is read as `title:`/`date:`.
# A summary page by task statement counts each task in its domain (two were 'duplicates'). Files loaded before are
# read again once.
# 26 (6 Dec 2026): a label numbering a domain by another installed exam's domain name ('Domain 1: Design Secure
# Architectures', SAA-C03's, in a DEA-C01 workspace) maps to no domain (sources/label_domains.py
# _another_exams_domain); it counted as this exam's domain 1 by its number. A per-domain summary's Score column is
# read (a percent, or '14/20' counts; sources/domain_summary_csv.py score_column): such a file was rejected.
# 27 (6 Dec 2026): a learner named with a run of spaces inside (`Ben  Ode`, a no-break space) is the learner with one
# (sources/learners.py learner_key); it was another learner, beside the first, without a word.
# 28 (6 Dec 2026): a study entry or deck that numbers one domain ('DEA-C01 Domain 2' as its project) counts toward it
# whatever words of another domain it has ('security' in its description named domain 4 too: no domain at all;
# sources/label_domains.py topic_domain).
# 29 (6 Dec 2026): a date written 'now' or 'today' (a CSV's date cell, a note's front matter date) is no date
# (sources/datetimes.py MOMENT_WORDS): pandas read it as the moment the file was read, again at each re-read.
# 30 (6 Dec 2026): '(lambda: 15 min, glue: 48 h)' in prose names AWS Lambda (sources/label_services.py _PYTHON_LAMBDA:
# only a call's bracket, '=', '[' or a comma before a lambda with arguments make it Python's).
# 31 (6 Dec 2026): a date cell holding a clock time alone ('19:00') is no date either (sources/datetimes.py TIME_ALONE).
# 32 (6 Dec 2026): a mark written as an emoji with its variation selector ('✔️', U+2714 U+FE0F, as Notion and Excel
# write it) is the mark (sources/per_question_csv.py to_correct), and '✖'/'✕' are incorrect: such rows were held
# back; 'Kinesis Video Streams' (a blueprint's other_services) names neither the umbrella word 'Kinesis' nor a
# service of the exam (sources/label_index.py without_services): it was told to be one of the Kinesis services.
# A per-domain summary's student or email column names each row's person in a class workspace or naming several
# (sources/domain_summary_csv.py: its rows went to the workspace's learner, two students' sittings one learner's), a 'Full name', 'Candidate' or 'Trainee'
# column names them in per-question files too, and an id with a character that shows as nothing (a zero-width
# space, a BOM; sources/learners.py INVISIBLE) is the id without it: it was a second learner printed alike.
# 33 (6 Dec 2026): a note's TOML front matter between `+++` lines (Hugo's) is read for its title, date and tags
# (sources/toml_front_matter.py): it was the first section's text, the title the file name, the date the file's;
# and a note's front matter tags naming a service (`aws-glue`, `#athena`, `kinesis-data-streams`) count as a mention
# of it in its first section with text (warehouse/mapping.py map_note_sections): they counted for nothing.
# 34: TRUE/FALSE as Excel writes them in German, Spanish, Italian, Portuguese, Dutch, Swedish, Danish, Norwegian,
# Finnish and Polish (WAHR, VERDADERO, VERO, WAAR, SANT, TOSI, PRAWDA…) and the Dutch and Nordic no (nee, nej, nei)
# are marks (sources/per_question_csv.py): WAHR was held back and FALSCH read, so a German file counted only its
# wrong answers; Ja read and Nee held back, only the right ones. A plain study log's learner column (`student`,
# `email`…) gives each entry its person in a class's log (sources/plain_hours.py): every entry was the workspace's
# learner's. A file dated by its modification day (no date column, a note without a date) is dated in the learner's
# zone (sources/datetimes.py modified_day): the machine's day was a day early east of UTC, a day late west of it.
# 35 (7 Dec 2026): a task list item not ticked (`- [ ] Learn Amazon EMR`) names no service (sources/markdown_notes.py
# unchecked_task): a study plan's to-do list counted every service it planned as studied.
# Also a note's front matter `tag:` (Obsidian's older key) is read as `tags:` (sources/frontmatter.py
# note_tags): its tags counted for nothing; broken YAML front matter keeps its tags of a simple `tags: [a, b]` or
# `tags: a, b` line or of the `- item` lines under a bare `tags:` (frontmatter.salvage): it kept title and date alone.
# A note's JSON front matter (Hugo's, an object opening the note; sources/json_front_matter.py) is read for its
# title, date and tags: it was the first section's text, the title the file name, the date the file's.
# 36 (7 Dec 2026, later): more secrets are masked (warehouse/secrets.py): STS session tokens, a presigned URL's
# X-Amz-Signature, JWTs, PGP private key blocks, and passwords under a variable's name (DB_PASSWORD=, PGPASSWORD=,
# client_secret:) or a JSON key ("password": "…"): they were stored as written.
# Also an attempt's name (attempt_id) is masked as its question ids are (secrets.TEXT_COLUMNS):
# `mock sk_live_…` was stored, and named the attempt's page, as written.
# Also `#` title lines above a CSV format's header (`# Exported on 2026-02-10`) in a file not named as
# Markdown are title lines (sources/markdown_notes.py _titled_export): the file was read as a note, its rows as text.
# Also a row repeating the header whose first cell keeps a BOM (two UTF-8 exports joined with `cat`) is
# the header repeated (sources/ragged_rows.py header_again): its Email cell named a second person in a Toggl export.
# 37 (7 Dec 2026, session 38): a note's front matter tags are stored (raw.note_sections.tags, on its first section,
# secrets masked), so an umbrella tag (`kinesis`) is in marts.note_umbrellas: the pages and `examready gaps` mark
# a gap it could be; only `run` and `inspect` said it.
# Also secrets in an answer's or a domain summary's labels (domain, task, service) are masked
# (secrets.TEXT_COLUMNS, after they are mapped: a row maps as before): `Domain 1 ghp_…` was stored as written.
# Also a DOS end-of-file mark (Ctrl-Z) ending a file is no line (sources/text_decode.py DOS_END): it
# was a row of its own, held back as 'the row has 1 of 9 cells (cut short, or a delimiter missing)'.
# Also a `#` line between an export's rows (`# page 2`) is held back as no row of it (sources/ragged_rows.py
# NOT_A_ROW) and names no learner: a short row before, its first cell a learner; a file not named as Markdown
# whose header is its first line is that export whatever `#` headings follow (sources/markdown_notes.py
# _titled_export): it was rejected as 'ambiguous format'.
# Also a header cell with a line break in its quotes ('"Question\nID"') is the name with a space (sources/csv_layout.py
# header_record, csvread.one_line): the file was rejected as an unknown format.
# Also a header again or a `#` line is in no sitting (sources/result_sittings.py): in a file without a date
# column it was one (its Provider cell a second platform, its learner cell a learner), the file's rows said to
# 'form 2 sittings' and their ids dated and suffixed ('log 2026-05-03 (TD)') instead of the file's name.
# 38 (7 Dec 2026, morning): a file of 4 MiB or more (the bulk path, warehouse/bulk_answers.py) masks a secret in a
# set or attempt name (the cell, else the file's name) and in the cells and reason of a row it holds back, as
# smaller files are read since 36: they were kept as written.
# Also a quoted password is masked whole (`password: "correct horse battery"`: the words after the first were kept),
# and a note's table cell under a header naming a password, or right of a row's first cell naming one, is masked
# (sources/note_tables.py): `| user | Password |` over `| admin | Hunter2x! |` stored 'Hunter2x!' as written.
# Also a page line of one cell between an export's rows, without '#' ('Page 2', 'Page 2 of 3';
# sources/ragged_rows.py PAGE_MARK), is held back as a page break, as a '#' line is (PAGE_LINE): no learner, no
# sitting. It was 'the row has 1 of 9 cells (cut short, …)', its first cell read (a Toggl User: a team export).
# Also DuckDB's reader (sources/csvfast.py, files of 1 MiB or more, the bulk path's of 4 MiB) leaves a file whose
# Ctrl-Z is glued to its last cell to the row reader: it read that cell with the mark ('D2\x1a': no domain).
# Also a '#' or page line written at full width (`Page 2,,,,`, Excel's way) is held back as no row (ragged_rows.not_a_row;
# csvfast leaves such a file to the row reader): it was a row, its first cell a learner of a class export.
# 39 (7 Dec 2026, noon): DuckDB's reader (sources/csvfast.py) leaves to the row reader a page line whose other cells
# are spaces (`Page 2, , ,`): it read it as a row, 'Page 2' a learner of a class export.
# Also a note's Obsidian embed or link to an attachment (`![[kinesis-firehose-architecture.png]]`,
# `[[redshift-vs-athena.pdf]]`) names no service, and a link's alias is read in place of its target
# (sources/wikilinks.py): the file's name counted as studying Firehose.
# Also of two columns named for one label (`Section,Domain`, `Category,Knowledge Area`,
# `Topic,Service`) the one whose cells name an exam's domains (services, tasks) is read (sources/label_columns.py),
# and the other named as not read: the first was read ('Part A': every row held back as naming no domain).
# Also a summary's Score cell with the counts beside a percent ('14/20 (70%)', '70% (7/10)') gives the counts, and
# one that is neither is quoted in the reason (sources/domain_summary_csv.py): both were 'correct count and percent
# are both missing'. A footer naming the summary in the first column, no domain (`Overall,<date>,,39/65`), is a
# summary row kept on purpose: it was a line to fix, its label blank.
# Also a date cell pandas reads outside datetime64[ns] ('5 Mar' as year 1, '0226-03-05',
# '2300-01-01'; sources/datetimes.py) is unreadable, its line held back: it rejected the whole file. A summary's count
# of 'inf' or '1E+20' (sources/cell_numbers.py countable) is no count, its line held back ('not a count'; a Total cell
# not read, 'abc' too, was loaded as no total); a summary keeps its unreadable date and total as written.
# Also a Moodle Grades export lists its attempts by surname: its row order no longer decides whether
# 01/12/2026 is 1 December or 12 January (sources/datetimes.py day_first, ordered_by_time=False); with no day above 12
# it is read day-first, as assumed. And only numeric dates' own AM/PM suggests month-first, not a cell naming its
# month ('1 December 2026, 9:05 PM'): a Moodle export re-saved by Excel was read month-first.
# Also an Anki session (sources/anki.py, to_sessions) ends also where the reviewed note's
# tags change, and takes that note's tags: one deck of notes tagged by domain ('D1 …', 'D4 …') was one session
# tagged with all of them, whose time counted for no domain.
# Also a review of a card deleted in Anki since is held back on purpose (`card_deleted_in_anki`, nothing to fix):
# it was held back as `domain_mapped`, label '(blank)', to fix in the file.
# 41 (7 Dec 2026, session 41): an umbrella word beside one of its own services in a service label (an Anki note's
# tags `kinesis aws::kinesis-data-streams`, a mock's `kinesis; Kinesis Data Streams`) is no umbrella word
# (sources/label_services.py ambiguous_parts, the rule uncovered_words applies to notes and study entries): a
# question so labelled without a domain takes its one service's domain, as `Kinesis Data Streams` alone does, and
# is neither told it counts "for none of these services" nor listed apart in `gaps`.
# Also a summary line giving a Correct count but no question count (`Domain 1,7,`) is held back (`total_not_null`,
# warehouse/expectations.py), as `inspect` said: it was loaded as 7 correct of no questions.
# Also of two columns for a label the one naming the workspace's exam's domains (services, tasks) is read
# (sources/label_columns.py exams_read): every installed exam's were counted, another exam's column could win.
# 42 (7 Dec 2026, session 42): a summary line giving its Correct count and percent but no Total (`Domain 1,7,70%`)
# is loaded with the one question count of which that count is that percent, rounded as written (7 of 10: 7 of 9 is
# 77.8%, of 11 63.6%; sources/domain_summary_csv.py totals_of), and the file's note names it ('total derived from
# correct and percent …'): it was held back (`total_not_null`), 'total questions missing: 7 correct of how many?'.
# Where several counts fit (100 at 50%: 199 to 202) it is still held back, its reason naming them.
# Also (no re-read: a rejected file is tried again by every run): a per-domain summary with Correct and Incorrect
# counts and no Total (`Domain,Correct,Incorrect[,Skipped]`) is loaded, its total the sum of its counts; before it was
# rejected ('no domain column with a percentage or correct/total counts'), and with a percent column its total was
# derived from the percent alone, held back where several counts fit (sources/domain_summary_csv.py).
# 43 (7 Dec 2026, session 43): a per-domain summary line whose Correct and Incorrect (and Skipped) counts do
# not fit its Total (`Domain,Total,Correct,Incorrect` / `Domain 1,8,5,20`: 25 answers of 8 questions; with a Skipped
# column, answers other than the Total) is held back (`answers_fit_total`, sources/summary_answers.py): it was loaded
# with the Total as written (5 of 8) without a word.
# Also a note without a date in its front matter whose name begins with a date (a daily note `2026-10-12.md`, a
# Logseq journal `2026_10_12.md`) is dated by its name (warehouse/ingest.py note_day): it was dated by its file's
# modification day, so copying or syncing a vault re-dated every journal (`readiness --as-of` counts notes by it).
# Also an Incorrect or Skipped count below 0 or not whole (`Domain,Correct,Incorrect` / `Domain 1,8,-3`, `2.5`) holds
# its line back (`incorrect_is_count`, `skipped_is_count`; no total is summed of it): `Domain 1,2,2.5` was loaded as
# 2 of 4, beside a Total `10,5,-3` as 5 of 10, without a word; `8,-3` was held back as "correct 8 is more than total 5".
# Also a summary line giving a percent and Total but no Correct count is held back (`percent_fits_total`) where
# no whole count c gives that percent as a page shows it, rounded, cut or raised to its decimals (`72,5 %` of 20:
# 14.5; sources/percent_correct.py): it was loaded with percent x Total rounded (14 correct, 70%), noted only
# 'correct derived …'. Where a count fits, the nearest one is taken, as before (64% of 22: 14; 50% of 200: 100).
# Also a line repeated further down its sitting, alike in every cell read (`Mock 5,2026-12-03,Domain 1,15,22` at
# lines 2 and 4), is held back as a "duplicate of line 2" and begins no sitting (sources/pasted_lines.py, the bulk
# path's bulk_sittings._pastes_aside): it split the sitting in two, the rest of it a same-day retake (weight 0.02).
READING_RULES = 43


@dataclass
class FileReport:
    path: str
    kind: str
    format: str | None
    status: str              # loaded | unchanged | replaced | rejected | withdrawn (`examready forget`)
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    error: str | None = None
    secrets_masked: int = 0  # extra key: secrets found and masked in this file's text
    same_as: str | None = None  # extra key, not in the ledger: the other path whose load counts these bytes
    still_counts: bool | None = None  # extra key, not in the ledger, on a rejection: a version loaded before counts


# Each path's latest load or withdrawal (sql/latest_loads.sql): a withdrawn path has no version that counts.
LATEST_BY_PATH = """SELECT path, load_id, sha256, status, kind, format, recorded_at
    FROM latest_file_events(true) WHERE learner_id = $learner"""


def current_versions(con, learner_id: str) -> list[tuple[str, str, str, str]]:
    """(path, kind, format, sha256) of every file with a version that counts, by path."""
    return con.execute(f"SELECT path, kind, format, sha256 FROM ({LATEST_BY_PATH}) WHERE status <> 'withdrawn' "
                       "ORDER BY path", {"learner": learner_id}).fetchall()


def latest_load(con, learner_id: str, path: str) -> tuple | None:
    """(sha256, status, load_id, recorded_at) of the path's latest load or withdrawal."""
    return con.execute(f"SELECT sha256, status, load_id, recorded_at FROM ({LATEST_BY_PATH}) WHERE path = $path",
                       {"learner": learner_id, "path": path}).fetchone()


def latest_loads(con, learner_id: str, paths: list[str]) -> dict[str, tuple]:
    """`latest_load` of each of `paths` that has one, asked at once (a batch of notes)."""
    rows = con.execute(f"SELECT path, sha256, status, load_id, recorded_at FROM ({LATEST_BY_PATH}) "
                       "WHERE list_contains($paths, path)", {"learner": learner_id, "paths": paths}).fetchall()
    return {path: tuple(latest) for path, *latest in rows}


def loaded_at(con, learner_id: str, shas: list[str]) -> dict[str, set[str]]:
    """The paths each of `shas` was loaded at (or replaced a version at), for those loaded at all (`loaded_at_all`
    of a batch of notes at once)."""
    rows = con.execute("SELECT sha256, list(DISTINCT path) FROM raw.file_events WHERE learner_id = $learner "
                       "AND list_contains($shas, sha256) AND status IN ('loaded', 'replaced') GROUP BY sha256",
                       {"learner": learner_id, "shas": shas}).fetchall()
    return {sha: set(paths) for sha, paths in rows}


def loads_these_bytes(latest: tuple | None, sha256: str) -> bool:
    """The path's latest load or withdrawal (`latest_load`) is a load of these bytes."""
    return latest is not None and latest[:2] in ((sha256, "loaded"), (sha256, "replaced"))


ASK = object()  # record(latest=ASK, uncounted=ASK): look it up (a caller that has it passes it)


def recorded_at(con, learner_id: str, path: str, sha256: str, load_id: str | None, latest=ASK,
                uncounted=ASK, writes=None) -> datetime:
    """When a ledger row is recorded (recorded_at orders loads): the time of writing (`next_stamp`: UTC, never
    before an earlier row's), except that a new load of the bytes this path's version that counts has (read
    again: rows held as in the future now due, or newer READING_RULES; or copied within raw,
    warehouse/held_recount.py) keeps that load's place, 1 µs after it: an export of the same attempt or a
    study entry loaded after it still comes later. So does a new path's first load of bytes loaded before under
    a path forgotten since (a file renamed, then its old name forgotten, as `run` advises): it counts as it did,
    not as the latest export (`uncounted_load`), and a copy of a file's version that other bytes replaced since: the
    replacing version still comes after it. `latest`: the path's `latest_load` before this row, if known;
    `uncounted`: the bytes' `uncounted_load`, if known (None for bytes loaded at no path before); `writes`: the
    HeldWrites the row is held in (warehouse/held_writes.py), with rows stamped before it."""
    old = latest_load(con, learner_id, path) if latest is ASK else latest
    if load_id is not None and loads_these_bytes(old, sha256):
        return old[3] + STEP
    # Not for a path forgotten and put back: its load must come after its withdrawal, or the withdrawal stays latest.
    if load_id is not None and old is None and \
            (before := uncounted_load(con, learner_id, sha256) if uncounted is ASK else uncounted):
        return before + STEP
    return next_stamp(con, "raw.file_events") if writes is None else writes.next_stamp(con)


# The latest load of these bytes under a path forgotten since (`examready forget` after a rename), or whose
# version that counts is other bytes now (a copy, `mock-12 (1).csv`, counted through `mock-12.csv` until that was
# overwritten by a corrected export): the bytes loaded under another name keep its place among loads, so the
# correction, loaded later, still counts after them.
UNCOUNTED_LOAD = f"""SELECT max(l.recorded_at) FROM raw.file_events l
    JOIN ({LATEST_BY_PATH}) w ON w.path = l.path
     AND (w.status = 'withdrawn' AND w.sha256 = $sha OR w.status <> 'withdrawn' AND w.sha256 <> $sha)
    WHERE l.learner_id = $learner AND l.sha256 = $sha AND l.status IN ('loaded', 'replaced')"""


def uncounted_load(con, learner_id: str, sha256: str) -> datetime | None:
    """When the bytes were last loaded under a path that no longer counts them (forgotten since, or holding other
    bytes now), if they were."""
    if not loaded_at_all(con, learner_id, sha256):  # new bytes, the usual case: no look over every path's latest row
        return None
    return con.execute(UNCOUNTED_LOAD, {"learner": learner_id, "sha": sha256}).fetchone()[0]


def loaded_at_all(con, learner_id: str, sha256: str, other_than: str = "") -> bool:
    """These bytes were loaded (or replaced a version) at some path, other than `other_than` if given."""
    return con.execute("SELECT count(*) FROM raw.file_events WHERE learner_id = ? AND sha256 = ? AND path <> ? "
                       "AND status IN ('loaded', 'replaced')", [learner_id, sha256, other_than]).fetchone()[0] > 0


def record(con, report: FileReport, sha256: str, learner_id: str, run_id: str, load_id: str | None,
           rules: int | None = READING_RULES, latest=ASK, uncounted=ASK, writes=None) -> None:
    """Append the file's ledger row, ordered among loads by `recorded_at`. Its kind is the one its format
    is recorded under (`sources.kinds.report_kind`), in the report too; `rules`: those its rows were read
    by (a copy of an older load keeps that load's). Only when something happened: a rerun over unchanged files writes
    none, so every table stays byte-for-byte the same. `latest`, `uncounted`, `writes`: as `recorded_at`'s; with
    `writes` the row is written when they are flushed."""
    report.kind = report_kind(report.format, report.kind)
    fields = {k: v for k, v in asdict(report).items() if k not in ("same_as", "still_counts")}
    row = {**fields, "run_id": run_id, "load_id": load_id, "learner_id": learner_id, "sha256": sha256,
           "recorded_at": recorded_at(con, learner_id, report.path, sha256, load_id, latest, uncounted, writes),
           "rules": rules}
    if writes is None:
        insert_rows(con, [row])
    else:
        writes.ledger_row(row)


# The exam the running ingestion maps labels to (`mapped_to`): each ledger row records it, `loaded_before` compares.
EXAM_VARIABLE = "examready_exam"


def mapped_to(con, exam: str) -> None:
    """Name the exam this connection's loads are mapped to (DuckDB variable `EXAM_VARIABLE`)."""
    con.execute(f"SET VARIABLE {EXAM_VARIABLE} = ?", [exam])


def insert_rows(con, rows: list[dict]) -> None:
    """Append `record`'s rows (each with the same keys) to raw.file_events, in one statement, each with the exam
    its labels were mapped to (`mapped_to`; NULL outside an ingestion: `forget`'s rows load nothing)."""
    if not rows:
        return
    names = list(rows[0])
    con.execute(f"INSERT INTO raw.file_events ({', '.join(names)}, exam) "
                f"SELECT *, getvariable('{EXAM_VARIABLE}') FROM (VALUES {values_rows(len(rows), len(names))})",
                [row[n] for row in rows for n in names])
