"""Reply templates: validated when settings are made, filled safely when a reply goes out.

A template may use ``{page}`` and ``{back_at}`` and ``{{``/``}}`` for literal
braces; nothing else. Format tricks such as ``{0.__class__}``, ``{page!r}``,
``{page:>99999}`` or positional ``{}`` are refused, so that a template can never
reach into Python objects or blow up in size.
"""

from __future__ import annotations

import string
from typing import Any, FrozenSet, Mapping

from .errors import InvalidValueError

__all__ = ["PLACEHOLDERS", "fill", "validate_template"]

#: The names a reply template may use.
PLACEHOLDERS: FrozenSet[str] = frozenset({"page", "back_at"})

_FORMATTER = string.Formatter()


def validate_template(text: Any, field: str) -> None:
    """Raise InvalidValueError unless *text* is a safe template.

    Examples:
        >>> validate_template("Back {back_at}, {page}", "away_message")
        >>> try:
        ...     validate_template("{0.__class__}", "away_message")
        ... except InvalidValueError as error:
        ...     print(str(error).split(";")[0])
        'away_message' may use only {page} and {back_at} (got '{0.__class__}' in '{0.__class__}')
    """
    if not isinstance(text, str):
        raise InvalidValueError._for(field, "a text", text)
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError as error:
        raise InvalidValueError(
            f"{field!r} has unbalanced braces ({error}) in {text!r}; write {{{{ and }}}} for literal braces"
        ) from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        placeholder = (
            "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
        )
        if name not in PLACEHOLDERS or spec or conversion:
            raise InvalidValueError(
                f"{field!r} may use only {{page}} and {{back_at}} (got {placeholder!r} in {text!r}); "
                f"write {{{{ and }}}} for literal braces"
            )


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill a validated template; values are inserted as plain text."""
    return text.format_map({name: values[name] for name in PLACEHOLDERS})
