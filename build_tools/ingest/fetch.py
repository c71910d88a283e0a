"""Downloading one web page, with errors a contributor can act on.

The standard library's ``urllib`` is enough and lets us control every failure: only ``http`` and
``https`` (also after redirects), an overall time limit, a size cap enforced while reading (a
``Content-Length`` is not trusted), and HTML only. Every failure is a :class:`FetchError` whose message
completes the sentence "URL: ...".
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus

from build_tools.parse.text_files import charset_codec, declared_charset

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
CHUNK = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "digital-pakistan-briefings/0.1 (+briefing add; one page, on request of a contributor)"


class FetchError(Exception):
    """A page could not be fetched; ``str()`` is the reason, in plain words."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content_type: str
    text: str


class _SchemeCheckingRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, location)).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"the server redirected to a {scheme}: address; only http:// and https:// pages can be added")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def check_url(url: str) -> str:
    """The URL if it is an http(s) address with a host; else raises :class:`FetchError`."""
    if any(ch.isspace() or ord(ch) < 32 for ch in url.strip()):
        raise FetchError("the address contains spaces or line breaks; copy it again from the browser's address bar")
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        raise FetchError(f"the address is not valid ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("only http:// and https:// addresses can be fetched")
    if not parts.hostname:
        raise FetchError("the address has no host name")
    return url.strip()


def fetch_page(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES) -> FetchedPage:
    """The page at ``url`` as text, the whole answer within ``timeout`` seconds; raises :class:`FetchError`
    with the reason.

    The fetch runs in a worker thread that is given up on at the deadline: a server can stretch each
    step of an answer (the headers, each chunk's size line, trailers) a little under any per-receive
    limit, and urllib reads several of them without a deadline of its own.
    """
    url = check_url(url)
    outcome: list[FetchedPage | BaseException] = []

    def fetch() -> None:
        try:
            outcome.append(_fetch(url, timeout, max_bytes))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=fetch, name="briefing-add-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:  # the daemon thread is left to end with its socket's timeout, or with the process
        raise FetchError(timed_out(timeout))
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch(url: str, timeout: float, max_bytes: int) -> FetchedPage:
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_SchemeCheckingRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            if content_type and content_type not in HTML_TYPES:
                raise FetchError(f"the URL returned {content_type}, not a web page")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(too_large(max_bytes))
            data = _read_capped(response, max_bytes, deadline, timeout)
            if not content_type and not _looks_like_html(data):
                raise FetchError("the URL returned something that is not a web page (no content type, no HTML)")
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(f"the server redirected too many times (last answer: {exc.code} {_reason(exc.code, exc.reason)})") from None
        raise FetchError(f"the server answered {exc.code} {_reason(exc.code, exc.reason)}") from None
    except urllib.error.URLError as exc:
        raise FetchError(_explain(exc.reason, timeout)) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(timed_out(timeout)) from None
    except (http.client.HTTPException, ConnectionError, OSError) as exc:
        raise FetchError(_explain(exc, timeout)) from None
    except ValueError as exc:  # e.g. http.client.InvalidURL
        raise FetchError(f"the address is not valid ({exc})") from None
    return FetchedPage(final_url, content_type or "text/html", decode_html(data, charset))


def too_large(max_bytes: int) -> str:
    return f"the page is larger than {_size(max_bytes)}, the limit (--max-bytes); is it really an article?"


def timed_out(timeout: float) -> str:
    return f"no complete answer within {timeout:g} seconds (--timeout); the site may be slow or blocked, try again later"


def _read_capped(response, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, at most ``max_bytes``, by ``deadline``. ``read1`` returns what one receive brings, and each
    receive may wait only the time left: ``read(n)`` waited for all n bytes, so a server sending a byte
    now and then kept it reading for as long as it liked."""
    chunks: list[bytes] = []
    size = 0
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)  # the socket under the response
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(timed_out(timeout))
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(min(CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(too_large(max_bytes))


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: the HTTP charset, else a ``<meta charset>``, else UTF-8, else Windows-1252."""
    for label in (charset, declared_charset(data)):
        codec = charset_codec(label.strip().lower()) if label else None
        if codec is not None:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


def _reason(code: int, reason: object) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return str(reason or "").strip() or "an error"


def _explain(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return timed_out(timeout)
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused: nothing answers at that address (check the URL, or try later)"
    if isinstance(reason, socket.gaierror):
        return "the host name could not be found; check the URL"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's security certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return "the secure (https) connection failed"
    if isinstance(reason, ConnectionResetError):
        return "the server closed the connection; the site may be blocking downloads, or try later"
    if isinstance(reason, http.client.HTTPException):
        return "the server's answer could not be read (broken HTTP response)"
    text = str(getattr(reason, "strerror", None) or reason)
    return f"the page could not be fetched ({text})"


def _size(count: int) -> str:
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MB"
    if count % 1024 == 0:
        return f"{count // 1024} KB"
    return f"{count} bytes"
