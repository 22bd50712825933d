"""Writing outputs safely: a temporary file renamed into place, so a failed run never leaves half a file;
CSV that a spreadsheet shows as written, never runs.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: A cell a spreadsheet would read as a formula (OWASP, CSV injection): one starting with ``=``, ``+``,
#: ``@``, a tab or a carriage return, or ``-`` and a letter (``-5`` and ``-0.5`` stay numbers)
FORMULA_START = re.compile(r"[=+@\t\r]|-[^\W\d_]")


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename.

    An interrupted or failed write leaves the previous file as it was. The file gets the mode
    any new file gets under the user's umask (0644 under umask 022), not the private 0600 of
    the temporary file, so a report copied to a shared folder stays readable.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """``write_bytes_atomic`` for UTF-8 text."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def spreadsheet_text(value: Any) -> Any:
    """``value`` with a ``'`` before it when it is text a spreadsheet would run as a formula; else unchanged."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (``\\n`` line ends, no index) that Excel, Sheets or LibreOffice show as written.

    Every CSV the project writes goes through here. A text cell that starts like a formula
    (see ``FORMULA_START``: ``=HYPERLINK(…)`` as an outlet, ``-Go home`` as a quotation)
    gets a leading ``'``, so a spreadsheet shows it as text; numbers, negative ones
    included, are written as they are. Parquet and JSON keep the exact text.
    """
    from pandas.api.types import is_numeric_dtype

    text_columns = [c for c in table.columns if not is_numeric_dtype(table[c])]  # text, mixed, categories
    if text_columns:
        table = table.copy(deep=False)  # the caller's table keeps the exact text
        for c in text_columns:
            table[c] = table[c].map(spreadsheet_text)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")
