"""Publication metadata: the outlet, date and address of an article, and where each comes from.

The sources, first that gives a field wins: the file itself (JSON keys, a web
page's metadata), the ``metadata.csv`` sidecar in the article's folder, and for
the outlet a wire-service dateline opening the body. Dates are kept as
``YYYY-MM-DD``; a value that is not a full date is left out with a note.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from .. import config
from ..errors import LeadertoneError
from .chars import folded
from .model import ArticleWarning, human_size

#: The table of publication metadata read from an article's folder.
SIDECAR_NAME = "metadata.csv"
#: The publication fields of an ``Article``, in the order sources are merged.
METADATA_FIELDS = ("outlet", "published", "url")
#: JSON keys read for each field, first found wins.
JSON_METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet", "source", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "datePublished"),
    "url": ("url",),
}
#: Sidecar columns read for each field, first non-empty cell wins.
SIDECAR_COLUMNS: dict[str, tuple[str, ...]] = {
    "outlet": ("outlet",),
    "published": ("published", "date"),
    "url": ("url",),
}

_HSPACE = r"[^\S\r\n]"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# a letter that is not a lowercase ASCII one; the place is checked for capitals after the match
_CAPS_WORD = r"[^\W\d_a-z](?:[^\W\d_a-z]|[.'’\-])*"
_DATELINE = re.compile(
    rf"""
    (?P<place>{_CAPS_WORD}(?:{_HSPACE}+{_CAPS_WORD}){{0,5}})
    (?:,{_HSPACE}+[A-Z][A-Za-z.]*(?:{_HSPACE}+[A-Z][A-Za-z.]*){{0,2}})?
    (?:,{_HSPACE}+(?:{_MONTH}{_HSPACE}+\d{{1,2}}|\d{{1,2}}{_HSPACE}+{_MONTH}))?
    {_HSPACE}*\((?P<credit>[^\W\d_][^()\s]*(?:{_HSPACE}+[^()\s]+){{0,3}})\)
    {_HSPACE}*(?:--|-|–|—){_HSPACE}*(?=\S)
    """,
    re.X,
)
#: How many body paragraphs may come before the dateline (a pull quote or a standfirst).
DATELINE_PARAGRAPHS = 3


def dateline_credit(text: str) -> str | None:
    """The news agency credited in a dateline at the start of ``text``, or None.

    A dateline is a place in capitals, optionally a region and a date, then the
    credit in parentheses and a dash (``-``, ``--``, ``–`` or ``—``)::

        WASHINGTON (Reuters) - …              -> "Reuters"
        SEOUL, May 7 (Yonhap) -- …            -> "Yonhap"
        RIO DE JANEIRO (AP) — …               -> "AP"
        KYIV, Ukraine (AP) — …                -> "AP"

    ``TEL AVIV, Aug 19 - …`` and ``PALM BEACH, Fla. — …`` credit no one, and a
    parenthesis in an ordinary sentence is not a dateline.

    Args:
        text: A paragraph, usually the first of the body.

    Returns:
        The credit as written (one to four words), or None.
    """
    m = _DATELINE.match(text.lstrip())
    if not m:
        return None
    place = m.group("place")
    if place != place.upper() or not any(c.isalpha() for c in place):
        return None
    return m.group("credit")


def normalize_date(value: str) -> str | None:
    """A date written in a common way, as ``YYYY-MM-DD``; None when it is not a full date.

    ISO 8601 dates and timestamps (``2021-06-16``, ``2021-06-16T18:05:00+02:00``) keep
    the calendar day they name, whatever their time zone. Other forms ("June 16, 2021",
    "16 June 2021", "Dec. 2, 2024") are read with dateutil; numeric dates such as
    ``06/07/2021`` are read month first unless the first number is over 12. A value
    lacking the day, the month or the year ("June 2021", "May 7", "Monday") is not a
    full date.

    Args:
        value: The date as written.
    """
    value = value.strip()
    if not value or len(value) > 100:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    from dateutil import parser

    days = []
    # a part missing from the value comes from the default: two different defaults reveal it
    for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown time zone name ("ET") does not change the day
                parsed = parser.parse(value, default=default)
        except (ValueError, OverflowError):
            return None
        days.append(parsed.date())
    return days[0].isoformat() if days[0] == days[1] else None


def _date_note(name: str, value: str, origin: str) -> str:
    return f"{name}: the publication date {value[:80]!r} ({origin}) is not a full date; it was left out"


@lru_cache(maxsize=32)
def _read_sidecar(path: str, stamp: tuple[int, int, int]) -> Mapping[str, Mapping[str, str]]:
    """The rows of a sidecar table by file name; ``stamp`` (modification time, size, inode) keys the cache."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LeadertoneError(f"{path}: the metadata table cannot be read ({exc.strerror or exc})") from None
    if len(data) > config.MAX_INPUT_BYTES:
        raise LeadertoneError(f"{path}: the metadata table is over the {human_size(config.MAX_INPUT_BYTES)} limit")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LeadertoneError(
            f"{path}: the metadata table is not UTF-8 text (bad byte at {exc.start}); save it as UTF-8 CSV"
        ) from None
    if "\x00" in text:
        raise LeadertoneError(f"{path}: the metadata table is binary data, not CSV text (NUL characters found)")
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = [h.strip().lower() for h in next(reader, [])]
        if "file" not in header:
            found = ", ".join(repr(h) for h in header[:8] if h) or "nothing"
            raise LeadertoneError(
                f'{path}: the metadata table has no "file" column in its header row (found {found[:200]})'
            )
        file_col = header.index("file")
        columns = {f: [header.index(c) for c in cols if c in header] for f, cols in SIDECAR_COLUMNS.items()}
        rows: dict[str, dict[str, str]] = {}
        for row in reader:
            name = row[file_col].strip() if file_col < len(row) else ""
            if not name or name in rows:
                continue
            values = {}
            for f, cols in columns.items():
                cell = next((row[i].strip() for i in cols if i < len(row) and row[i].strip()), "")
                if cell:
                    values[f] = cell
            rows[name] = values
    except csv.Error as exc:
        raise LeadertoneError(f"{path}: the metadata table is not valid CSV ({exc})") from None
    return rows


def sidecar_metadata(article_path: str | Path) -> dict[str, str]:
    """Publication metadata for one article file from ``metadata.csv`` in the same folder.

    The sidecar is a CSV table (UTF-8, a byte-order mark allowed; commas, or semicolons
    or tabs as a spreadsheet may save it) with a header row, a ``file`` column naming
    article files (``putin_biden_geneva_2021.txt``) and any of ``outlet``,
    ``published`` (or ``date``) and ``url``. Rows for other files are ignored; when a
    file has two rows, the first counts. The table is read once and reread only when
    it changes, so a folder of many articles reads it once.

    Args:
        article_path: The article file.

    Returns:
        The non-empty cells of the file's row under ``outlet``, ``published`` and
        ``url``, as written; empty when there is no sidecar or no row for the file.

    Raises:
        LeadertoneError: for a sidecar that cannot be read, is not UTF-8 CSV or has
            no ``file`` column.
    """
    p = Path(article_path)
    sidecar = p.parent / SIDECAR_NAME
    try:
        st = sidecar.stat()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise LeadertoneError(f"{sidecar}: the metadata table cannot be read ({exc.strerror or exc})") from None
    if not sidecar.is_file():
        raise LeadertoneError(f"{sidecar}: the metadata table is not a regular file")
    rows = _read_sidecar(str(sidecar), (st.st_mtime_ns, st.st_size, st.st_ino))
    return dict(rows.get(p.name, {}))


def json_metadata(obj: Mapping, source_path: str) -> dict[str, str | None]:
    """Publication fields of a JSON article: for each, the first key of ``JSON_METADATA_KEYS`` with a value.

    ``null`` and empty strings count as absent; an outlet may also be an object with a
    string ``"name"`` (``"publisher": {"name": "Reuters"}``).

    Raises:
        LeadertoneError: for a value of another type.
    """
    found: dict[str, str | None] = dict.fromkeys(METADATA_FIELDS)
    for f, keys in JSON_METADATA_KEYS.items():
        for key in keys:
            value = obj.get(key)
            if f == "outlet" and isinstance(value, dict) and isinstance(value.get("name"), str):
                value = value["name"]
            if value is None:
                continue
            if not isinstance(value, str):
                raise LeadertoneError(f'{source_path}: JSON "{key}" must be a string')
            if value.strip():
                found[f] = value
                break
    return found


def merge_metadata(
    name: str, sources: Sequence[tuple[str, Mapping[str, str | None]]], notes: list[str]
) -> dict[str, str | None]:
    """Each publication field from the first source that gives it; a date that is not a date is noted and skipped.

    Called by a format reader, itself called by ``load_article`` or ``load_url``: the
    warning points at their caller.
    """
    merged: dict[str, str | None] = dict.fromkeys(METADATA_FIELDS)
    for origin, values in sources:
        for f in METADATA_FIELDS:
            value = (values.get(f) or "").strip()
            if merged[f] is not None or not value:
                continue
            if f == "published":
                day = normalize_date(value)
                if day is None:
                    msg = _date_note(name, value, origin)
                    warnings.warn(msg, ArticleWarning, stacklevel=5)
                    notes.append(msg)
                    continue
                value = day
            merged[f] = value
    return merged


def publication_fields(
    name: str,
    bodies: Sequence[str],
    *,
    outlet: str | None,
    published: str | None,
    url: str | None,
    notes: list[str],
) -> tuple[str | None, str | None, str | None]:
    """The outlet, date and address given to ``article_from_text``, cleaned.

    The outlet, when none is given, is the credit of a dateline opening one of the
    first ``DATELINE_PARAGRAPHS`` body paragraphs (``bodies``); a date that is not a
    full date is left out with a note in ``notes`` and a warning pointing at the
    caller of ``article_from_text``.
    """
    outlet = folded(outlet) if outlet else None
    if not outlet:
        outlet = next(filter(None, map(dateline_credit, bodies[:DATELINE_PARAGRAPHS])), None)
    if published is not None and folded(published):
        day = normalize_date(published)
        if day is None:
            msg = _date_note(name, published, "as given")
            warnings.warn(msg, ArticleWarning, stacklevel=3)
            notes.append(msg)
        published = day
    else:
        published = None
    url = url.strip() if url and url.strip() else None
    return outlet, published, url
