"""Page files: a Page, its settings, policy, team and sessions from TOML.

The edge of the library: the only module that reads files. The TOML is parsed
with ``tomllib`` (``tomli`` before Python 3.11), structured by ``cattrs`` into
plain file-shaped classes, then built into the domain values. Every error is a
:class:`ConfigError` naming the file, the line where it can, the key path
(``team[2].role``), the bad value and the fix.

Examples:
    >>> from pageavail.config import loads_page
    >>> loaded = loads_page('''
    ... [page]
    ... id = "acme"
    ... name = "Acme"
    ... zone = "Europe/Berlin"
    ... ''')
    >>> loaded.page.name, loaded.sessions
    ('Acme', ())
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path
from typing import IO, Any, Union

from cattrs.errors import ClassValidationError, IterableValidationError

from ._config_build import LoadedPage, _build
from ._config_errors import ConfigError, ConfigReadError, _format_path, _locate, _nested_too_deeply
from ._config_model import SECTIONS, KeyRule, _PageFile
from ._config_structure import _CONVERTER, _describe, _walk
from ._config_warnings import WARNING_HORIZON as WARNING_HORIZON  # page_warnings' year ahead
from ._config_warnings import PageWarning, page_warnings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons
    import tomli as tomllib

__all__ = [
    "MAX_FILE_BYTES",
    "SECTIONS",
    "ConfigError",
    "ConfigReadError",
    "KeyRule",
    "LoadedPage",
    "PageWarning",
    "load_page",
    "load_page_stream",
    "loads_page",
    "page_warnings",
]

#: Page files larger than this are refused before they are parsed.
MAX_FILE_BYTES = 5_000_000

ConfigError.__module__ = ConfigReadError.__module__ = __name__  # their public home, as tracebacks name it


def loads_page(text: str, file: str = "<text>") -> LoadedPage:
    """A Page from TOML text.

    Raises:
        ConfigError: the text is not TOML, or not a valid Page; the error names
            the key path and the line.
    """
    if not isinstance(text, str):
        raise ConfigError(f"a Page file must be text (got {type(text).__name__})", file=file)
    if text.startswith("\ufeff"):  # a byte order mark, as some editors save UTF-8
        text = text[1:]
    try:
        return _loads_page(text, file)
    except RecursionError:  # the parser or a reader after it: arrays and inline tables too deep for Python
        raise _nested_too_deeply(text, file) from None


def _loads_page(text: str, file: str) -> LoadedPage:
    """:func:`loads_page` after the checks on *text* itself."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"line (\d+), column (\d+)", message)
        line = int(found.group(1)) if found else None
        raise ConfigError(f"not valid TOML: {message}", line=line, file=file) from None
    _check_shape(data, text, file)
    try:
        raw = _CONVERTER.structure(data, _PageFile)
    except (ClassValidationError, IterableValidationError) as error:
        path, problem = _describe(*next(_walk(error, [])))
        raise ConfigError(problem, _format_path(path), _locate(text, path), file) from None
    return _build(raw, text, file)


def _check_shape(data: Any, text: str, file: str) -> None:
    """Tables must be tables and arrays of tables arrays, before cattrs looks inside."""
    if "page" not in data:
        raise ConfigError("the [page] table is missing; add [page] with id, name and zone", file=file)
    for table in ("page", "messaging", "policy"):
        if table in data and not isinstance(data[table], dict):
            raise ConfigError(
                f"must be a table: write [{table}] on a line of its own", table, _locate(text, [table]), file
            )
    for array in ("team", "sessions"):
        if array not in data:
            continue
        value = data[array]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise ConfigError(
                f"must be an array of tables: write [[{array}]] before each entry", array, None, file
            )


def load_page(path: Union[str, Path]) -> LoadedPage:
    """A Page from a TOML file (the format in the documentation).

    Only regular files are read: a folder, a FIFO or a device is refused before
    anything is read from it, and so is a file over :data:`MAX_FILE_BYTES`.

    Raises:
        ConfigError: the file cannot be read, or does not describe a valid Page.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ConfigReadError(f"a Page file's path must be a text or a Path (got {_kind(path)})")
    name = str(path)
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise ConfigReadError("is a folder, not a Page file", file=name)
        if not stat.S_ISREG(kind):
            raise ConfigReadError(_not_regular(kind), file=name)
        # Non-blocking, so that a file swapped for a FIFO after the check cannot hang the open.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            found = os.fstat(stream.fileno())
            if not stat.S_ISREG(found.st_mode):
                raise ConfigReadError(_not_regular(found.st_mode), file=name)
            if found.st_size > MAX_FILE_BYTES:
                raise ConfigReadError(
                    f"the file is {found.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name
                )
            data = _read_bounded(stream, name)
    except ConfigError:
        raise
    except FileNotFoundError:
        raise ConfigReadError("no such file; check the path", file=name) from None
    except IsADirectoryError:
        raise ConfigReadError("is a folder, not a Page file", file=name) from None
    except (OSError, TypeError, ValueError) as error:
        raise ConfigReadError(f"cannot be read: {error}", file=name) from None
    return loads_page(_decode(data, name), name)


def load_page_stream(stream: IO[bytes], file: str = "<stdin>") -> LoadedPage:
    """A Page from a binary stream such as standard input, read up to :data:`MAX_FILE_BYTES`.

    Raises:
        ConfigError: the stream is too long, not UTF-8, or not a valid Page.
    """
    if not callable(getattr(stream, "read", None)):
        raise ConfigReadError(
            f"a Page stream must be a binary stream such as sys.stdin.buffer (got {_kind(stream)})", file=file
        )
    try:
        data = _read_bounded(stream, file)
    except ConfigError:
        raise
    except (OSError, TypeError, ValueError) as error:
        raise ConfigReadError(f"cannot be read: {error}", file=file) from None
    return loads_page(_decode(data, file), file)


def _kind(value: Any) -> str:
    return f"a value of type {type(value).__name__}"


def _not_regular(kind: int) -> str:
    what = (
        "a FIFO" if stat.S_ISFIFO(kind) else "a device" if stat.S_ISCHR(kind) or stat.S_ISBLK(kind) else None
    )
    what = what or ("a socket" if stat.S_ISSOCK(kind) else "not a file")
    return f"is not a regular file ({what}); save the Page to a file, or pass - to read standard input"


def _read_bounded(stream: IO[bytes], name: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if not isinstance(data, bytes):
        raise ConfigReadError("cannot be read: the stream gives no bytes", file=name)
    if len(data) > MAX_FILE_BYTES:
        raise ConfigReadError(f"is over {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}", file=name)
    return data


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")  # a byte order mark is dropped
    except UnicodeDecodeError as error:
        raise ConfigReadError(
            f"is not UTF-8 text (byte {error.start}); save it as UTF-8", file=name
        ) from None
