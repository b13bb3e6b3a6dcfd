"""Finding and masking secrets in free text (the Macie idea) before it is stored anywhere."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

PASSWORD_NAMES = "password|passwd|passphrase|pwd|pass|secret"  # what names a password in `name: value`
# kind -> (pattern, replacement); applied in this order, so a key inside `password: ...` is one hit.
PATTERNS: dict[str, tuple[re.Pattern, str]] = {
    # PEM (RSA, EC, OPENSSH, PKCS#8, ENCRYPTED) and PGP's armour (`PRIVATE KEY BLOCK`)
    "private_key": (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----.*?"
                               r"(-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)", re.S), "[masked: private key]"),
    "aws_access_key_id": (re.compile(r"\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{16}\b"),
                          "[masked: AWS access key id]"),
    # STS session tokens (temporary credentials, presigned URLs' X-Amz-Security-Token, URL-encoded there) begin
    # with their version's base64 header: IQoJb3JpZ2lu ("origin"), FwoGZXIvYXdz / FQoGZXIvYXdz, AQoDYXdz ("aws").
    "aws_session_token": (re.compile(r"(?<![A-Za-z0-9/+%])(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz)"
                                     r"[A-Za-z0-9/+=%]{60,}"), "[masked: AWS session token]"),
    # a presigned S3 URL's signature (SigV4): the URL is a key to the object until it expires
    "presigned_url_signature": (re.compile(r"(X-Amz-Signature=)[0-9a-f]{64}\b"),
                                r"\1[masked: presigned URL signature]"),
    # JSON Web Tokens (header.payload.signature, the first two base64url JSON: `eyJ` is `{"`)
    "jwt": (re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+"
                       r"(?![A-Za-z0-9_-])"), "[masked: JWT]"),
    # Tokens with a published prefix and length; before `password`, so `password: ghp_...` is one hit of its kind.
    "github_token": (re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}"
                                r"|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])"),
                     "[masked: GitHub token]"),
    "gitlab_token": (re.compile(r"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9]+){0,2}"
                                r"(?![A-Za-z0-9_-])"), "[masked: GitLab token]"),
    "slack_token": (re.compile(r"(?<![A-Za-z0-9])xox[abprs]-(?=[A-Za-z0-9-]*[0-9])(?=[A-Za-z0-9-]{10})"
                               r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"), "[masked: Slack token]"),
    "google_api_key": (re.compile(r"(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])"),
                       "[masked: Google API key]"),
    # sk-, sk-proj-, sk-svcacct-, sk-admin-: the key holds T3BlbkFJ ("OpenAI" in base64) 20+ characters in.
    "openai_api_key": (re.compile(r"(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}"
                                  r"T3BlbkFJ[A-Za-z0-9_-]{20,74}(?![A-Za-z0-9_-])"), "[masked: OpenAI API key]"),
    "stripe_secret_key": (re.compile(r"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{24,247}(?![A-Za-z0-9_])"),
                          "[masked: Stripe secret key]"),
    "npm_token": (re.compile(r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])"), "[masked: npm token]"),
    # scheme://user:password@host (any scheme: postgres, mysql, redshift, jdbc:..., mongodb+srv, redis with no
    # user) and Oracle's jdbc:oracle:thin:user/password@host: only the password; an `@` in it is kept inside.
    "url_password": (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s:/@]*:|jdbc:oracle:[a-z0-9]+:[^\s:/@]+/)"
                                r"(?!\[masked)[^\s/]+@"), r"\1[masked: URL password]@"),
    # also as a JSON key ("password": "…") and in a variable's name (DB_PASSWORD=, PGPASSWORD=, db_pass=), where
    # `name: value` needs a value with a digit or symbol (client_secret: 8Qz~x1), and `name is` is prose ('the RDS
    # master_password is set at creation', 'KMS key_secret: envelope encryption'); a closing quote only after an
    # opening one: the value quoted in a warning ('password: x') keeps the quote's end; a quoted value is masked
    # whole, spaces and all (`password: "correct horse battery"`), up to its closing quote on the line
    # ('DB password: password: "x"', a note's table cells in a row: the value is no name of another)
    "password": (re.compile(rf"(?i)\b((?:{PASSWORD_NAMES})(?:[\"']?\s*[:=]\s*|\s+is\s+)"
                            rf"|(?:pg|[a-z0-9]+_)+(?:{PASSWORD_NAMES})"
                            r"(?:[\"']?\s*=\s*|[\"']?\s*:\s*(?=[\"']|[^\s\"',;]*[^a-z\s\"',;])))"
                            rf"(?!\[masked|(?:{PASSWORD_NAMES})[\"']?\s*[:=])"
                            r"(?:([\"'])[^\n]{1,100}?\2|[\"']?[^\s\"',;]+)"), r"\1[masked: password]"),
    "aws_secret_access_key": (re.compile(r"(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[0-9])(?=[A-Za-z0-9/+]*[a-z])"
                                         r"(?=[A-Za-z0-9/+]*[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
                              "[masked: AWS secret access key]"),
    # not a git remote's SSH user (git@github.com:org/repo.git, ssh://git@host/...): no one's mailbox
    "email": (re.compile(r"(?<!ssh://)\b(?!git@[A-Za-z0-9.-]+:)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                         r"\.[A-Za-z]{2,}\b"),
              "[masked: email]"),
}
# kind -> strings one of which every match holds: a text holding none is not searched (a plain `in` is far
# cheaper than a regex scan; tests/test_secrets_kinds.py checks each pattern's examples hold one).
NEEDS: dict[str, tuple[str, ...]] = {
    "github_token": ("gh", "github_pat_"), "gitlab_token": ("glpat-",), "slack_token": ("xox",),
    "google_api_key": ("AIza",), "openai_api_key": ("T3BlbkFJ",), "stripe_secret_key": ("k_live_", "k_test_"),
    "npm_token": ("npm_",), "url_password": ("@",), "email": ("@",), "jwt": ("eyJ",),
    "aws_session_token": ("IQoJb3JpZ2lu", "GZXIvYXdz", "AQoDYXdz"), "presigned_url_signature": ("X-Amz-Signature=",),
}
# Labels are masked once mapped (ingest.mapped_table): a secret in one names no domain or service, the rest still does.
TEXT_COLUMNS = {"note_sections": ["title", "heading", "text", "tags"],
                "study_sessions": ["description", "project", "tags"],
                "answers": ["attempt_id", "question_id", "provider", "domain_label", "task_label", "service_label"],
                "domain_scores": ["attempt_id", "provider", "domain_label"]}


def mask_text(text: str, keep: tuple[str, ...] = ()) -> tuple[str, dict[str, int]]:
    """The text with every secret but the `keep` kinds replaced by a marker, and how many of each kind were found."""
    found: dict[str, int] = {}
    for kind, (pattern, replacement) in PATTERNS.items():
        if kind in keep or kind in NEEDS and not any(needed in text for needed in NEEDS[kind]):
            continue
        text, count = pattern.subn(replacement, text)
        if count:
            found[kind] = count
    return text, found


def masked_cell(cell):
    """A cell of a held-back row with its secrets masked: any cell, not only the free-text columns, since a cell
    that cannot be read (a date, a mark) may hold text shifted from a description or pasted there. Emails are
    kept: outside the free text (masked before), an email is a class export's learner, whom a teacher must see."""
    return mask_text(cell, keep=("email",))[0] if isinstance(cell, str) else cell


def masked_lines(lines: list[str]) -> list[str]:
    """What an adapter says of a file (a warning quoting a front matter value, a cell) with the secrets it quotes
    masked as a held-back row's cells are (`masked_cell`): a warning may name a class export's learner."""
    return [masked_cell(line) for line in lines]


def masked_cells(column: pd.Series) -> pd.Series:
    """A column of cells (labels a warning quotes) with their secrets masked, as mask_frame masks them."""
    return _mask_column(column)[0]


def _mask_cell(value) -> tuple[object, int]:
    if not isinstance(value, str):
        return value, 0
    masked, found = mask_text(value)
    return masked, sum(found.values())


def _mask_column(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The column with secrets masked and the number found per row; each distinct text masked once.

    Cells that are not text keep their own value (factorize would merge 1 with 1.0 or True).
    """
    cells = column.to_numpy(dtype=object)
    codes, uniques = pd.factorize(cells)
    masked, hits = np.empty(len(uniques), dtype=object), np.zeros(len(uniques), dtype="int64")
    for i, value in enumerate(uniques):  # element by element: numpy would unpack sequences
        masked[i], hits[i] = _mask_cell(value)
    is_text = np.array([isinstance(v, str) for v in uniques] + [False])  # code -1 (missing) -> False
    text = is_text[codes]
    cells, found = cells.copy(), np.zeros(len(cells), dtype="int64")
    cells[text], found[text] = masked[codes[text]], hits[codes[text]]
    return pd.Series(cells, index=column.index, dtype=column.dtype), found


def _mask_lists(column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """`_mask_column` for a column of lists of cells (None on most rows): each cell masked."""
    out, found = column.copy(), np.zeros(len(column), dtype="int64")
    for at in np.flatnonzero(column.notna().to_numpy()):
        cells = [_mask_cell(cell) for cell in column.iloc[at]]
        out.iloc[at], found[at] = [masked for masked, _ in cells], sum(hits for _, hits in cells)
    return out, found


def platform_ids_masked(ids: pd.Series, providers: pd.Series) -> pd.Series:
    """The attempt ids with a provider masked where it ends one, ' (<provider>)' (a set from two platforms
    in one file: sources.sittings); not counted again (the provider's cell is)."""
    out = ids.copy()
    for cell in providers.dropna().unique():
        masked = mask_text(cell)[0] if isinstance(cell, str) else cell
        if masked == cell:
            continue
        tail = f" ({cell.strip()})"
        ends = out.map(lambda i: isinstance(i, str) and i.endswith(tail)).astype(bool)
        out[ends] = out[ends].str.slice(stop=-len(tail)) + f" ({masked.strip()})"
    return out


def mask_frame(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The batch with secrets masked in its free-text columns; `secrets_masked` per row for notes.

    A ragged row's cells beyond the header (`extra_cells`, kept in quarantine) are masked too: a
    delimiter too many shifts free text (a description, tags) out of its column into them."""
    out, per_row = frame.copy(), pd.Series(0, index=frame.index, dtype="int64")
    if {"attempt_id", "provider"} <= set(out.columns):  # before the ids are masked: a suffix is not counted twice
        out["attempt_id"] = platform_ids_masked(out["attempt_id"], out["provider"])
    for name in [c for c in TEXT_COLUMNS.get(table, []) if c in out.columns]:
        out[name], found = _mask_column(out[name])
        per_row += found
    if "extra_cells" in out.columns:
        out["extra_cells"], found = _mask_lists(out["extra_cells"])
        per_row += found
    if table == "note_sections":
        out["secrets_masked"] = per_row.astype("int32")
        if "warning" in out.columns:  # quotes a front matter value; masked as `run` prints it, not counted
            out["warning"] = [masked_lines([w])[0] if isinstance(w, str) else w for w in out["warning"]]
    return out, int(per_row.sum())
