"""Array queries: a timeline as two numpy arrays, and the status code of many instants at once.

A timeline compiles into the start of each segment in nanoseconds since the
epoch and its status code, so that the status of millions of instants is one
``numpy.searchsorted``. The extras (numpy, pandas) are imported here, when a
function first needs them; the other private parts of :mod:`pageavail.analysis`
share these helpers.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping, Optional, Tuple

from .errors import InvalidValueError, OutOfRangeError, PageAvailError
from .rules import Status
from .timeline import Timeline

#: Status → small integer code used in arrays; ``STATUSES[code]`` goes back.
STATUS_CODES: Mapping[Status, int] = {status: code for code, status in enumerate(Status)}
STATUSES: Tuple[Status, ...] = tuple(Status)
#: The code of instants outside the timeline's period (or NaT).
OUTSIDE = -1

_UNITS = {"s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: The instants numpy's and pandas' ``datetime64[ns]`` can hold, as nanoseconds
#: since the epoch (the smallest int64 is NaT): 1677-09-21T00:12:43Z to
#: 2262-04-11T23:47:16Z. Array queries refuse instants outside with OutOfRangeError.
NS_MIN = -(2**63) + 1
NS_MAX = 2**63 - 1
_NS_RANGE = "1677-09-21T00:12:43Z to 2262-04-11T23:47:16Z"


def _ns_out_of_range(field: str, got: Any) -> OutOfRangeError:
    return OutOfRangeError(
        f"{field!r} must lie within what numpy and pandas datetime64[ns] hold, {_NS_RANGE} "
        f"(got {got}); use Timeline's own methods (totals, hour_slots, forecast) outside it"
    )


def _timeline(value: Any) -> Timeline:
    if not isinstance(value, Timeline):
        raise InvalidValueError._for("timeline", "a Timeline (Timeline.build(...))", value)
    return value


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("array queries need numpy: pip install 'pageavail[analysis]'") from None
    return numpy


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("data frames need pandas: pip install 'pageavail[analysis]'") from None
    return pandas


def _ns(moment: datetime) -> int:
    delta = moment.astimezone(timezone.utc) - _EPOCH
    return delta.days * 86_400_000_000_000 + delta.seconds * 1_000_000_000 + delta.microseconds * 1_000


def timeline_arrays(timeline: Timeline) -> Tuple[Any, Any, int]:
    """``(starts, codes, end)``: segment starts (int64 ns), status codes (int8), period end (ns).

    Raises:
        OutOfRangeError: the timeline reaches outside what ``datetime64[ns]`` holds.
    """
    np = _numpy()
    _timeline(timeline)
    for field, moment in (("start", timeline.start), ("end", timeline.end)):
        if not NS_MIN <= _ns(moment) <= NS_MAX:
            raise _ns_out_of_range(f"timeline.{field}", moment.isoformat())
    starts = np.fromiter(
        (_ns(s.start) for s in timeline.segments), dtype=np.int64, count=len(timeline.segments)
    )
    codes = np.fromiter(
        (STATUS_CODES[s.status] for s in timeline.segments), dtype=np.int8, count=len(timeline.segments)
    )
    return starts, codes, _ns(timeline.end)


def _instants_ns(instants: Any, unit: Optional[str]) -> Tuple[Any, Any]:
    """The instants as int64 nanoseconds since the epoch, and a mask of missing ones."""
    np = _numpy()
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional here
        pd = None
    if pd is not None and isinstance(instants, (pd.Series, pd.Index)):
        if isinstance(instants.dtype, pd.DatetimeTZDtype):
            instants = (
                instants.tz_convert("UTC")
                if isinstance(instants, pd.Index)
                else instants.dt.tz_convert("UTC")
            )
            instants = (
                instants.tz_localize(None)
                if isinstance(instants, pd.Index)
                else instants.dt.tz_localize(None)
            )
        instants = instants.to_numpy()
    try:
        array = np.asarray(instants)
    except Exception:  # ragged nesting and other shapes numpy cannot make an array of
        raise InvalidValueError._for("instants", "an array of instants", instants) from None
    if array.dtype.kind == "M":
        if unit is not None:
            raise InvalidValueError._for("unit", "None for datetime64 input (it carries its own unit)", unit)
        return _datetime64_ns(np, array)
    if array.dtype.kind in "iu":
        if not isinstance(unit, str) or unit not in _UNITS:
            raise InvalidValueError._for("unit", "'s', 'ms', 'us' or 'ns' for epoch integers", unit)
        factor = _UNITS[unit]
        if array.size and (array.min() < NS_MIN // factor + 1 or array.max() > NS_MAX // factor):
            raise _ns_out_of_range("instants", f"epoch {unit} from {array.min()} to {array.max()}")
        return array.astype(np.int64) * factor, np.zeros(array.shape, dtype=bool)
    raise InvalidValueError(
        f"'instants' must be a numpy datetime64 array (UTC), a pandas datetime Series or Index, or epoch "
        f"integers with unit='s'|'ms'|'us'|'ns' (got an array of dtype {array.dtype})"
    )


def _datetime64_ns(np: Any, array: Any) -> Tuple[Any, Any]:
    """A datetime64 array of any unit as int64 nanoseconds and a NaT mask, refusing
    values that nanoseconds cannot hold (numpy would wrap them round silently)."""
    unit, count = np.datetime_data(array.dtype)
    missing = np.isnat(array)
    if unit == "generic":  # only NaT has no unit
        return np.zeros(array.shape, dtype=np.int64), np.ones(array.shape, dtype=bool)
    raw = array.view(np.int64)
    present = raw[~missing]
    if unit in ("Y", "M"):  # calendar units: check the count, then go through days
        limit = 290 * (1 if unit == "Y" else 12) // count
        if present.size and (present.min() < -limit or present.max() > limit):
            raise _ns_out_of_range("instants", f"datetime64[{unit}] values beyond {limit} from 1970")
        array = array.astype("datetime64[D]")
        raw, unit, count = array.view(np.int64), "D", 1
        present = raw[~missing]
    factor = int(np.timedelta64(count, unit) // np.timedelta64(1, "ns"))
    if present.size and (present.min() < NS_MIN // factor + 1 or present.max() > NS_MAX // factor):
        raise _ns_out_of_range("instants", f"datetime64[{unit}] from {present.min()} to {present.max()}")
    values = np.where(missing, np.int64(0), raw) * np.int64(factor)
    return values, missing


def status_codes(timeline: Timeline, instants: Any, unit: Optional[str] = None) -> Any:
    """The status code of each instant: ``STATUSES[code]``, or :data:`OUTSIDE` (-1).

    Args:
        instants: numpy ``datetime64`` (read as UTC, numpy has no zones), a
            pandas datetime Series or Index (aware ones are converted), or epoch
            integers in *unit*.
        unit: ``"s"``, ``"ms"``, ``"us"`` or ``"ns"`` for epoch integers.

    Returns:
        An ``int8`` array of the instants' shape.

    Raises:
        InvalidValueError: instants of another kind, or a bad *unit*.
        OutOfRangeError: instants or a timeline outside what ``datetime64[ns]``
            holds (1677-09-21 to 2262-04-11).
    """
    np = _numpy()
    _timeline(timeline)
    values, missing = _instants_ns(instants, unit)
    starts, codes, end = timeline_arrays(timeline)
    if not len(starts):
        return np.full(values.shape, OUTSIDE, dtype=np.int8)
    index = np.searchsorted(starts, values, side="right") - 1
    result = codes[np.clip(index, 0, None)]
    outside = (index < 0) | (values >= end) | missing
    return np.where(outside, np.int8(OUTSIDE), result).astype(np.int8)
