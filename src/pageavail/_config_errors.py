"""What goes wrong in a Page file, and where: the errors, and finding the line a key is written on."""

from __future__ import annotations

import re
from typing import Any, List, Optional, Sequence, Union

from .errors import PageAvailError

#: A key path in a Page file: table names, keys and array indexes (``["team", 2, "role"]``).
Path_ = List[Union[str, int]]


class ConfigError(PageAvailError):
    """A Page file that cannot be read or does not describe a valid Page.

    Attributes:
        file: the file's name, or ``"<text>"``.
        line: the 1-based line of the problem, or None when unknown.
        key: the key path, e.g. ``team[2].role``, or ``""`` for the whole file.
        problem: what is wrong and how to fix it.
    """

    def __init__(self, problem: str, key: str = "", line: Optional[int] = None, file: str = "<text>") -> None:
        self.problem, self.key, self.line, self.file = problem, key, line, file
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")

    def __reduce__(self) -> Any:
        return (type(self), (self.problem, self.key, self.line, self.file))


class ConfigReadError(ConfigError):
    """The file itself cannot be read: missing, a folder, too large, not UTF-8."""


def _format_path(path: Sequence[Union[str, int]]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _locate(text: str, path: Sequence[Union[str, int]]) -> Optional[int]:
    """The 1-based line where *path* is written, as far as a plain reading finds it."""
    if not path:
        return None
    lines = text.splitlines()
    table = str(path[0])
    rest = list(path[1:])
    start: Optional[int] = None
    if rest and isinstance(rest[0], int):
        header = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        count = -1
        for number, line in enumerate(lines):
            if header.match(line):
                count += 1
                if count == rest[0]:
                    start = number
                    break
        rest = rest[1:]
    else:
        header = re.compile(r"^\s*\[\s*" + re.escape(table) + r"\s*\]")
        start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    if rest:
        key = re.compile(r"""^\s*(?:"|')?""" + re.escape(str(rest[0])) + r"""(?:"|')?\s*[=.]""")
        for number in range(start + 1, len(lines)):
            if lines[number].lstrip().startswith("["):
                break
            if key.match(lines[number]):
                return number + 1
    return start + 1
