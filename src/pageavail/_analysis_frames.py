"""pandas frames: a timeline's segments and weekday-hour matrix, a comparison's figures and its
difference by weekday and hour."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ._analysis_arrays import _numpy, _pandas, _timeline, timeline_arrays
from .errors import InvalidValueError
from .timeline import Comparison, Timeline


def segments_frame(timeline: Timeline) -> Any:
    """The segments as a DataFrame: status, reason, start, end (aware), hours.

    Raises:
        OutOfRangeError: the timeline reaches outside what ``datetime64[ns]`` holds.
    """
    pd = _pandas()
    np = _numpy()
    starts, _, end = timeline_arrays(timeline)
    ends = np.append(starts[1:], np.int64(end)) if len(starts) else starts
    zone = timeline.start.tzinfo
    zone = getattr(zone, "key", None) or zone  # by name: some pandas releases read no ZoneInfo object
    try:
        local_starts = pd.to_datetime(starts, unit="ns", utc=True).tz_convert(zone)
        local_ends = pd.to_datetime(ends, unit="ns", utc=True).tz_convert(zone)
    except Exception:  # a tzinfo pandas cannot use
        raise InvalidValueError._for("timeline", "a timeline in a zone pandas knows", zone) from None
    return pd.DataFrame(
        {
            "status": [s.status.value for s in timeline.segments],
            "reason": [s.reason for s in timeline.segments],
            "start": local_starts,
            "end": local_ends,
            "hours": [s.duration / timedelta(hours=1) for s in timeline.segments],
        }
    )


_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def matrix_frame(timeline: Timeline) -> Any:
    """The weekday-by-hour active share as a DataFrame: rows Mo…Su, columns 0…23."""
    pd = _pandas()
    _timeline(timeline)
    return pd.DataFrame(list(timeline.weekday_hour_matrix()), index=list(_DAYS), columns=list(range(24)))


# -- comparisons -----------------------------------------------------------------

_FIGURES = ("active_hours", "active_hours_per_week", "prompts", "conversations")


def _comparison(value: Any) -> Comparison:
    if not isinstance(value, Comparison):
        raise InvalidValueError._for("comparison", "a Comparison (Timeline.compare(...))", value)
    return value


def comparison_frame(comparison: Comparison) -> Any:
    """Both sides of a comparison and the difference (second minus first) as a DataFrame.

    Rows are the figures (``active_hours``, ``active_hours_per_week``,
    ``prompts``, ``conversations``; NaN without a forecast), columns the two
    sides by their labels and ``difference``.

    Examples:
        >>> from datetime import datetime, timedelta, timezone
        >>> import pageavail as pa
        >>> anna = pa.Grant("anna", "acme", role="admin")
        >>> page = pa.Page(id="acme", name="Acme", zone="UTC", grants=[anna])
        >>> start = datetime(2026, 11, 23, tzinfo=timezone.utc)
        >>> end = start + timedelta(days=1)
        >>> off = pa.Timeline.build(page, start, end)
        >>> on = pa.Timeline.build(page.compile([pa.Session("anna", "web", start, end)]), start, end)
        >>> frame = comparison_frame(off.compare(on, labels=("nobody", "anna")))
        >>> list(frame.columns), float(frame.loc["active_hours", "difference"])
        (['nobody', 'anna', 'difference'], 24.0)
    """
    pd = _pandas()
    _comparison(comparison)
    first, second = comparison.sides

    def figure(row: Any, key: str) -> float:
        value = getattr(row, key)
        return float("nan") if value is None else float(value)

    a = [figure(comparison.first, key) for key in _FIGURES]
    b = [figure(comparison.second, key) for key in _FIGURES]
    return pd.DataFrame(
        {first: a, second: b, "difference": [y - x for x, y in zip(a, b)]},
        index=pd.Index(list(_FIGURES), name="figure"),
    )


_BY_HOUR = {"active_hours": "active_by_hour", "conversations": "conversations_by_hour"}


def difference_frame(comparison: Comparison, value: str = "active_hours") -> Any:
    """The difference (second minus first) by weekday and hour: rows Mo…Su, columns 0…23.

    Args:
        comparison: from :meth:`Timeline.compare`.
        value: ``"active_hours"`` (hours active in each weekday-hour over the
            period) or ``"conversations"`` (needs a comparison with visits).

    Raises:
        InvalidValueError: another *value*, or figures the comparison does not hold.
    """
    pd = _pandas()
    _comparison(comparison)
    if not isinstance(value, str) or value not in _BY_HOUR:
        raise InvalidValueError._for("value", "'active_hours' or 'conversations'", value)
    a = getattr(comparison.first, _BY_HOUR[value])
    b = getattr(comparison.second, _BY_HOUR[value])
    if a is None or b is None:
        raise InvalidValueError(
            f"this comparison holds no {value.replace('_', ' ')} by weekday and hour; make it with "
            f"Timeline.compare(other, visits_per_hour=..., click_rate=...)"
        )
    rows = [[y - x for x, y in zip(row_a, row_b)] for row_a, row_b in zip(a, b)]
    return pd.DataFrame(rows, index=list(_DAYS), columns=list(range(24)))
