"""What the timeline's values share: instants as comparison keys and the checks of their fields.

:mod:`pageavail.timeline` and its private parts (hour slots, forecasts,
comparisons) build on these; nothing here knows a Timeline.
"""

from __future__ import annotations

import math
import numbers
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from ._time import MAX_INSTANT, MIN_INSTANT, utc_seconds
from .errors import InvalidValueError, OutOfRangeError

_UTC = timezone.utc

Validator = Callable[[Any, Any, Any], None]


def _instant(value: datetime) -> datetime:
    """The key that compares datetimes as instants: two of one zone compare by wall
    clock in Python, so 02:30 CEST and 02:30 CET on the fall-back day would be equal."""
    return value.astimezone(_UTC)


def _amount(field: str, optional: bool = False) -> Validator:
    """A finite real number of at least 0 (None too when *optional*)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if value is None and optional:
            return
        if not _is_real(value) or not math.isfinite(value) or value < 0:
            rule = "a finite number of at least 0"
            raise InvalidValueError._for(field, f"None or {rule}" if optional else rule, value)

    return check


def _local_hour(field: str) -> Validator:
    """An aware datetime within a day of the supported instants: the start of a
    local hour may lie just before the first of them."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        try:
            utc_seconds(value, field)
        except OutOfRangeError:
            if not MIN_INSTANT - timedelta(days=1) <= value < MAX_INSTANT + timedelta(days=1):
                raise

    return check


def _is_real(value: Any) -> bool:
    """A real number, not a truth value (numpy's too)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value).__name__ != "bool_"
