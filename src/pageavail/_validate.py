"""Field validators that raise the library's own errors (attrs' raise TypeError)."""

from __future__ import annotations

import enum
import re
from typing import Any, Callable, Iterable, Tuple, Type, TypeVar

from ._time import utc_seconds
from .errors import InvalidValueError

__all__ = [
    "aware",
    "boolean",
    "collection_of",
    "enum_member",
    "identifier",
    "instance_of",
    "optional_aware",
    "StrictEnum",
]

Validator = Callable[[Any, Any, Any], None]

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}")


def identifier(field: str) -> Validator:
    """An id of letters, digits and ``._@:+-``, 1 to 128 characters, not starting with punctuation."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise InvalidValueError._for(
                field, "an identifier of letters, digits and ._@:+- (1 to 128 characters)", value
            )

    return check


def instance_of(field: str, kind: type, hint: str) -> Validator:
    """A value of *kind*; the message says how to make one (*hint*)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValueError._for(field, f"a {kind.__name__} ({hint})", value)

    return check


def boolean(field: str) -> Validator:
    """True or False, nothing merely truthy."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidValueError._for(field, "true or false", value)

    return check


def aware(field: str, end: bool = False) -> Validator:
    """An aware datetime (with *end*, the end of the supported range is allowed too)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        utc_seconds(value, field, end=end)

    return check


def optional_aware(field: str, end: bool = False) -> Validator:
    """None or an aware datetime (with *end*, the end of the supported range is allowed too)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            utc_seconds(value, field, end=end)

    return check


class StrictEnum(enum.Enum):
    """An enum whose constructor refuses a wrong value with the library's error.

    ``Kind("bogus")`` raises :class:`~pageavail.errors.InvalidValueError` (still a
    :class:`ValueError`, as enums promise) naming the allowed values.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        allowed = ", ".join(repr(member.value) for member in cls)
        raise InvalidValueError._for(cls.__name__, f"one of {allowed}", value)


_Member = TypeVar("_Member", bound=enum.Enum)


def enum_member(kind: Type[_Member], value: Any, field: str) -> _Member:
    """The member of *kind* whose value is *value* (a member, or its name in any case).

    Raises:
        InvalidValueError: ``'<field>' must be one of <values> (got <value>)``.
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if member.value == value.strip().lower():
                return member
    allowed = ", ".join(str(member.value) for member in kind)
    raise InvalidValueError(f"{field!r} must be one of {allowed} (got {value!r})")


_Item = TypeVar("_Item")


def collection_of(value: Any, kind: Type[_Item], field: str) -> Tuple[_Item, ...]:
    """*value* as a tuple, when it is a collection (not a text) of *kind* values.

    Raises:
        InvalidValueError: ``'<field>' must be a collection of <Kind> values (got <value>)``,
            naming the collection or the first item of another type.
    """
    rule = f"a collection of {kind.__name__} values"
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError._for(field, rule, value)
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise InvalidValueError._for(field, rule, item)
    return items
