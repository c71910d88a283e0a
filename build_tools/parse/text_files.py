"""Reading hand-edited and received text files safely: size, encoding, line endings; and finding the
files a folder holds that no reader takes."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from build_tools.errors import Problems

MAX_TEXT_BYTES = 5 * 1024 * 1024


CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)
CONFLICT_LEFT = ("a merge conflict was left here: the lines from '<<<<<<<' to '>>>>>>>' hold two versions of the "
                 "text; keep the one you want (or combine them) and delete the three marker lines")


def conflict_lines(text: str) -> list[int]:
    """The line of each merge conflict left in ``text``: its ``<<<<<<< HEAD`` line, or a ``>>>>>>> branch``
    line whose opening was deleted. (A lone ``=======`` may underline a Markdown heading.)"""
    lines = []
    inside = False
    for match in CONFLICT_MARKER.finditer(text):
        marker = match.group(1)[0]
        if marker == "<" or (marker == ">" and not inside):
            lines.append(text.count("\n", 0, match.start()) + 1)
        inside = marker != ">" and (inside or marker == "<")
    return lines


def report_conflicts(text: str, path: str, problems: Problems) -> bool:
    """Records a problem at each merge conflict left in ``text``; True if there is one."""
    lines = conflict_lines(text)
    for line in lines:
        problems.add(path, line, CONFLICT_LEFT)
    return bool(lines)


class UnreadableFile(ValueError):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def read_text_file(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """The file's text with ``\\n`` line ends; raises :class:`UnreadableFile` with a reason."""
    return decode_text(read_text_bytes(path, max_bytes))


def read_text_bytes(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a text file of at most ``max_bytes``; raises :class:`UnreadableFile` with a reason."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise UnreadableFile(
                    None, f"the file is {size / 1_048_576:.1f} MB; the limit is {max_bytes // 1_048_576} MB. Is it really an article?"
                )
            return handle.read()
    except OSError as exc:
        raise UnreadableFile(None, f"the file cannot be read ({exc.strerror or exc})") from None


# A <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels a browser reads as Windows-1252 (the WHATWG Encoding Standard): a page that says Latin-1 or
# ASCII is decoded as Windows-1252, whose curly quotes and dashes such pages hold.
_WINDOWS_1252_LABELS = frozenset(
    "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 "
    "iso_8859-1:1987 l1 latin1 latin-1 us-ascii windows-1252 x-cp1252".split()
)


def _c1_control(error: UnicodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves undefined are the C1 controls of the same number (WHATWG)."""
    assert isinstance(error, UnicodeDecodeError)
    return chr(error.object[error.start]), error.start + 1


codecs.register_error("dpb-windows-1252-c1", _c1_control)


def declared_charset(data: bytes) -> str | None:
    """The encoding a web page declares in a ``<meta>`` within its first 4 kB, as written (lower-case)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def charset_codec(label: str) -> str | None:
    """Python's codec for an encoding label, browsers' way (Latin-1 is Windows-1252); None if unknown."""
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html_file(data: bytes) -> str:
    """A saved web page's text: in the encoding its ``<meta>`` declares (a page saved from an older site
    may be Windows-1252), else as :func:`decode_text` reads any text file; refused with the line that is
    not in the declared encoding."""
    label = None if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else declared_charset(data)
    codec = charset_codec(label) if label else None
    if label is None or (codec or "").startswith("utf"):  # a page saying UTF-16 without its BOM is UTF-8 (WHATWG)
        return decode_text(data)
    if codec is None:
        raise UnreadableFile(_line_of(data, data.lower().find(label.encode("ascii"))),
                             f"the page declares the encoding '{label}', which is not one we know; save it as UTF-8")
    try:
        text = data.decode(codec, errors="dpb-windows-1252-c1" if codec == "cp1252" else "strict")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_line_of(data, exc.start), f"the page declares the encoding '{label}', but this line is "
                                                        f"not {label} text; save the page as UTF-8") from None
    return _checked_text(text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, max(offset, 0)) + 1


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused with its line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(None, "the file says it is UTF-16 but is not; save it as UTF-8") from None
    elif _looks_like_utf16(data):
        raise UnreadableFile(None, "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_line_of(data, exc.start), "the file is not UTF-8 text (it may be binary or in another "
                                                            "encoding); save it as UTF-8") from None
    return _checked_text(text)


def _checked_text(text: str) -> str:
    """``text`` with ``\\n`` line ends; refused if it holds binary data."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise UnreadableFile(line, "the file holds binary data (a NUL character); it must be a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte (odd positions for LE, even for BE)."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return False
    pairs = len(head) // 2
    even, odd = head[0:pairs * 2:2], head[1:pairs * 2:2]
    return even.count(0) >= 0.9 * pairs or odd.count(0) >= 0.9 * pairs


def report_unread_files(folder: Path, read: set[Path] | None, problems: Problems, rule: str) -> None:
    """A file the build would pass over without a word (``x.markdown``, ``2025/x.md``) is a problem: its
    writer expects it on the site. ``read``: the files directly in ``folder`` that a reader takes (None: all
    of them); files in subfolders never are. Hidden files and folders and READMEs are left alone. One
    directory scan (``os.walk``), no stat per file: the sources folder holds thousands."""
    if not folder.is_dir():
        return
    unread: list[Path] = []
    for here, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        top = here == os.fspath(folder)  # os.walk gives the top folder as it was passed
        if top and read is None:
            continue  # every file directly in the folder is read
        for name in files:
            if name.startswith(".") or name.lower() in ("readme.md", "readme.txt"):
                continue
            path = Path(here) / name
            if not top or (read is not None and path not in read):
                unread.append(path)
    for path in sorted(unread):
        problems.add(path, None, f"this file is not read: {rule}; move or rename it, or delete it")
