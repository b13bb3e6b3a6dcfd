"""The words `run` and `inspect` both give a file whose reading raised an error examready does not expect (a bug,
not bad input)."""
from __future__ import annotations

BUG_HINT = "an error examready does not expect (a bug): please report it with the file"


def could_not_be_read(exc: Exception) -> str:
    """'could not be read (TYPE: message)', a secret the message quotes masked (as in the adapters' warnings)."""
    from warehouse.secrets import masked_lines

    return f"could not be read ({type(exc).__name__}: {masked_lines([str(exc)])[0]})"


def unexpected_error(exc: Exception) -> str:
    """The whole error: what could not be read, and that it is a bug to report."""
    return f"{could_not_be_read(exc)} — {BUG_HINT}"
