"""Reading a web page: ``load_url`` fetches an ``http://`` or ``https://`` address and reads its article.

The fetch is capped in size (``config.MAX_INPUT_BYTES``) and time (``URL_TIMEOUT``),
redirects go to http(s) addresses only, and nothing from the page is executed.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from .. import config
from ..errors import LeadertoneError
from .chars import has_content
from .formats import checked_text, decode_bytes, read_decoded
from .model import Article, human_size

#: Seconds to wait for a web page, in all.
URL_TIMEOUT = 10.0
_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]+):")
_OTHER_SCHEMES = frozenset(
    "file ftp ftps sftp ssh javascript data mailto about blob ws wss gopher ldap smb jar view-source".split()
)
#: The format each accepted Content-Type is read as.
_CONTENT_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "application/json": "json",
}


def is_web_url(path: str) -> bool:
    """True when ``path`` is an ``http://`` or ``https://`` URL, to be read with ``load_url``.

    Raises:
        LeadertoneError: for a URL of another scheme (``file:``, ``ftp:``, ``javascript:`` …),
            unless a file of that name exists.
    """
    scheme = _URL_SCHEME.match(path)
    if not scheme:
        return False
    if scheme.group(1).lower() in ("http", "https"):
        return True
    if (path[scheme.end() :].startswith("//") or scheme.group(1).lower() in _OTHER_SCHEMES) and not (
        config.resolve(path).exists()
    ):
        raise LeadertoneError(f"{path[:80]}: only http:// and https:// URLs can be read, not {scheme.group(1)!r} ones")
    return False


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (never to file:, ftp: …)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_url(url: str) -> None:
    """Refuse a URL that does not parse, is not http(s) or has no host name."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise LeadertoneError(f"{url[:80]}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise LeadertoneError(f"{url[:80]}: only http:// and https:// URLs with a host name can be read")


def _fetch(url: str, limit: int, timeout: float) -> tuple[bytes, str, str | None]:
    """The body of ``url`` (at most ``limit`` bytes, within ``timeout`` seconds), its Content-Type and charset."""
    too_big = (
        f"{url}: the page is over the {human_size(limit)} limit (raise it with --max-bytes or LEADERTONE_MAX_BYTES)"
    )
    request = urllib.request.Request(
        url, headers={"User-Agent": "leadertone/0.1", "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
    )
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.build_opener(_HttpOnlyRedirects).open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limit:
                raise LeadertoneError(too_big)
            chunks, size = [], 0
            while chunk := resp.read(min(1 << 16, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise LeadertoneError(too_big)
                if time.monotonic() > deadline:
                    raise TimeoutError
            content_type = resp.headers.get_content_type()
            charset = resp.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise LeadertoneError(f"{url}: HTTP error {exc.code} ({exc.reason})") from None
    except TimeoutError:  # socket.timeout too
        raise LeadertoneError(f"{url}: no answer within {timeout:g} seconds") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise LeadertoneError(f"{url}: no answer within {timeout:g} seconds") from None
        raise LeadertoneError(f"{url}: cannot be fetched ({exc.reason})") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise LeadertoneError(f"{url}: cannot be fetched ({exc or type(exc).__name__})") from None
    return b"".join(chunks), content_type, charset


def load_url(
    url: str,
    *,
    max_bytes: int | None = None,
    timeout: float = URL_TIMEOUT,
    boilerplate_patterns: Iterable[tuple[str, str]] | None = None,
) -> Article:
    """Fetch a web page (``http://`` or ``https://`` only) and read its article like an HTML file.

    The body is streamed and reading stops past ``max_bytes`` (default
    ``config.MAX_INPUT_BYTES``); the whole fetch gives up after ``timeout`` seconds.
    Nothing from the page is executed: the HTML is parsed by trafilatura.

    Args:
        url: The address.
        max_bytes: Refuse a larger body.
        timeout: Seconds to wait for the whole page.
        boilerplate_patterns: Extra ``(regex, reason)`` whole-line patterns.

    Raises:
        LeadertoneError: for another scheme, a network error, an HTTP error status,
            a timeout, a body over the limit, or a page with no article text.
    """
    _check_url(url)
    data, content_type, charset = _fetch(url, config.MAX_INPUT_BYTES if max_bytes is None else max_bytes, timeout)
    if not data.strip():
        raise LeadertoneError(f"{url}: the page is empty")
    if content_type not in _CONTENT_FORMATS:
        raise LeadertoneError(f"{url}: not a web page or text (Content-Type {content_type})")
    notes: list[str] = []
    try:
        if not charset:
            raise LookupError
        text, encoding = data.decode(charset), charset
        text, notes = checked_text(text, url)
    except (LookupError, UnicodeDecodeError):
        text, encoding, notes = decode_bytes(data, name=url)
    if not has_content(text):
        raise LeadertoneError(f"{url}: the page is empty (only whitespace)")
    return read_decoded(
        text,
        _CONTENT_FORMATS[content_type],
        source_path=url,
        encoding=encoding,
        notes=notes,
        boilerplate_patterns=boilerplate_patterns,
    )
