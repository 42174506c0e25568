"""Field validators that raise the library's own errors (attrs' raise TypeError)."""

from __future__ import annotations

import re
from typing import Any, Callable

from ._time import utc_seconds
from .errors import InvalidValueError

__all__ = ["aware", "boolean", "identifier", "optional_aware"]

Validator = Callable[[Any, Any, Any], None]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}$")


def identifier(field: str) -> Validator:
    """An id of letters, digits and ``._@:+-``, 1 to 128 characters, not starting with punctuation."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not _ID.match(value):
            raise InvalidValueError._for(
                field, "an identifier of letters, digits and ._@:+- (1 to 128 characters)", value
            )

    return check


def boolean(field: str) -> Validator:
    """True or False, nothing merely truthy."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidValueError._for(field, "true or false", value)

    return check


def aware(field: str) -> Validator:
    """An aware datetime."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        utc_seconds(value, field)

    return check


def optional_aware(field: str) -> Validator:
    """None or an aware datetime."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            utc_seconds(value, field)

    return check
