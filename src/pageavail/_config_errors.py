"""What goes wrong in a Page file, and where: the errors, and finding the line a key is written on."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Union

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


#: What a plain reading of TOML steps over: strings and comments (whose brackets are text), and brackets.
_TOML_TOKEN = re.compile(
    r'"""(?:\\[\s\S]|[^\\])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]'
)
_TOML_HEADER = re.compile(r"\[(\[?)\s*([^\]\n]*?)\s*\]\]?")
_TOML_KEY = re.compile(r"\s*(.+?)\s*=\s*\Z")
_TOML_KEY_PART = re.compile(r'"((?:\\.|[^"\\])*)"|\'([^\']*)\'|([^.\s"\']+)')


def _key_parts(written: str) -> Path_:
    """The parts of a dotted key as written: ``a."b.c"`` is ``["a", "b.c"]``."""
    return ["".join(found.groups("")) for found in _TOML_KEY_PART.finditer(written)]


def _nested_too_deeply(text: str, file: str) -> ConfigError:
    """The error for TOML nested deeper than the parser can follow: the key and line of the deepest value."""
    depth, deepest, at = 0, 0, 0
    table: Path_ = []
    key: Path_ = []
    where: Path_ = []
    counts: Dict[str, int] = {}
    position = 0
    while True:
        found = _TOML_TOKEN.search(text, position)
        if found is None:
            break
        token, position = found.group(), found.end()
        if token in ("[", "{") and depth == 0:
            prefix = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
            if token == "[" and not prefix.strip():  # a table header, [page] or [[team]]
                header = _TOML_HEADER.match(text, found.start())
                if header is not None:
                    name = header.group(2)
                    table = _key_parts(name)
                    if header.group(1):
                        counts[name] = counts.get(name, -1) + 1
                        table.append(counts[name])
                    position = header.end()
                    continue
            written = _TOML_KEY.match(prefix)
            key = _key_parts(written.group(1)) if written else []
        if token in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest, at, where = depth, found.start(), table + key
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    problem = (
        f"{deepest} levels of arrays and inline tables, the deepest at column {column}; "
        "write the value with fewer levels"
    )
    if where:
        return ConfigError(f"is nested too deeply ({problem})", _format_path(where), line, file)
    return ConfigError(f"a value is nested too deeply ({problem})", "", line, file)
