"""Visits per hour by weekday and local hour, from the pandas values people have: a weekday-by-hour
frame, a Series by (weekday, hour), or visits over time.

:meth:`Timeline.forecast` reads pandas values through :func:`visit_profile`.
"""

from __future__ import annotations

import numbers
from typing import Any, List, Optional

from ._analysis_arrays import _numpy, _pandas
from ._analysis_frames import _DAY_NAMES, _DAYS, _FULL_DAYS
from ._timeline_forecast import _visits
from .errors import InvalidValueError
from .timeline import MAX_VISITS_PER_HOUR

_PROFILE_RULE = (
    "a number, 7 rows (Mo…Su) of 24 numbers, a DataFrame of 7 weekday rows by 24 hour columns, "
    "a Series indexed by (weekday, hour), or a Series of visits over time"
)


def _is_integer(label: Any) -> bool:
    return isinstance(label, numbers.Integral) and not isinstance(label, bool)


def _weekday_codes(labels: List[Any]) -> Optional[List[int]]:
    """Weekday labels as 0 (Monday) … 6, or None when they are not all weekday labels.

    Texts (``Mo``, ``Mon``, ``Monday``, any case), :class:`~pageavail.Weekday`
    members, or integers: 0…6 (Monday = 0, as pandas' ``dayofweek``) or 1…7
    (ISO), decided by which of the two sets the labels fill.
    """
    from ._selectors import Weekday

    codes: List[int] = []
    numbers_seen = []
    for label in labels:
        if isinstance(label, Weekday):
            codes.append(int(label) - 1)
        elif isinstance(label, str):
            key = label.strip().lower()
            found = [i for i in range(7) if key in (_DAYS[i].lower(), _DAY_NAMES[i].lower(), _FULL_DAYS[i])]
            if not found:
                return None
            codes.append(found[0])
        elif _is_integer(label):
            codes.append(int(label))
            numbers_seen.append(int(label))
        else:
            return None
    if numbers_seen:
        if len(numbers_seen) != len(labels):
            return None  # numbers mixed with names: not one convention
        if set(numbers_seen) == set(range(1, 8)):
            codes = [code - 1 for code in codes]
        elif set(numbers_seen) != set(range(7)):
            return None
    return codes


def _hour_codes(labels: List[Any]) -> Optional[List[int]]:
    """Hour labels (0…23 as integers or digit texts) as integers, or None."""
    codes = []
    for label in labels:
        if _is_integer(label) and 0 <= int(label) <= 23:
            codes.append(int(label))
        elif isinstance(label, str) and label.strip().isdigit() and 0 <= int(label.strip()) <= 23:
            codes.append(int(label.strip()))
        else:
            return None
    return codes


def _refuse_profile(value: Any, detail: str = "") -> InvalidValueError:
    extra = f" ({detail})" if detail else ""
    return InvalidValueError._for("visits_per_hour", _PROFILE_RULE + extra, value)


def visit_profile(visits: Any, zone: Any = None) -> List[List[float]]:
    """Visits per hour by weekday and local hour, from pandas values people have.

    Args:
        visits: a DataFrame of 7 rows by 24 columns (matched by weekday and
            hour labels when they are such labels, as :func:`matrix_frame`
            gives them, else taken in order Mo…Su, 0…23); a Series indexed by
            (weekday, hour), 168 pairs; or a Series of visits over time:
            numbers indexed by time (counts) or the times of single visits,
            summed per hour in *zone* and averaged by weekday and hour (naive
            times are read as UTC). Weekdays are texts (``Mo``, ``Mon``,
            ``Monday``), :class:`~pageavail.Weekday` members, 0…6 (Monday = 0)
            or 1…7.
        zone: the zone of the hours (an IANA name or ZoneInfo; None: UTC).

    Returns:
        7 rows (Mo…Su) of 24 numbers, as :meth:`Timeline.forecast` takes them.

    Raises:
        InvalidValueError: another kind of value or shape, NaN, infinity, a
            negative count or a missing time, or visits over time that do not
            cover every weekday and hour.

    Examples:
        >>> import pandas as pd
        >>> times = pd.date_range("2026-11-23", periods=7 * 24 * 4, freq="15min", tz="Europe/Berlin")
        >>> profile = visit_profile(pd.Series(5, index=times), "Europe/Berlin")
        >>> profile[0][9], len(profile), len(profile[6])
        (20.0, 7, 24)
    """
    pd = _pandas()
    np = _numpy()
    if isinstance(visits, pd.DataFrame):
        if visits.shape != (7, 24):
            raise _refuse_profile(visits, f"a DataFrame of shape {visits.shape}")
        rows = _weekday_codes(list(visits.index))
        columns = _hour_codes(list(visits.columns))
        row_order = (
            list(range(7)) if rows is None or len(set(rows)) != 7 else [rows.index(d) for d in range(7)]
        )
        column_order = (
            list(range(24))
            if columns is None or len(set(columns)) != 24
            else [columns.index(h) for h in range(24)]
        )
        table = visits.to_numpy(dtype=object)
        return [[_visits(table[r][c]) for c in column_order] for r in row_order]
    if not isinstance(visits, pd.Series):
        raise _refuse_profile(visits)
    if isinstance(visits.index, pd.MultiIndex):
        return _by_weekday_hour(visits)
    if isinstance(visits.index, pd.DatetimeIndex):
        if visits.dtype.kind not in "iuf":
            raise _refuse_profile(visits, f"visits over time must be numbers, not dtype {visits.dtype}")
        values = visits.to_numpy(dtype=float)
        bad = ~np.isfinite(values) | (values < 0) | (values > MAX_VISITS_PER_HOUR)
        if bad.any():
            _visits(float(values[bad][0]))  # raises, naming the value
        index = visits.index
    elif pd.api.types.is_datetime64_any_dtype(visits.dtype):
        index = pd.DatetimeIndex(visits)
        values = np.ones(len(index))
    else:
        raise _refuse_profile(visits, "a Series needs a (weekday, hour) index, a time index or times")
    if index.hasnans:
        raise InvalidValueError._for("visits_per_hour", "visits at known times (no NaT)", visits)
    name = "UTC" if zone is None else str(getattr(zone, "key", None) or zone)
    try:
        index = (index.tz_localize("UTC") if index.tz is None else index).tz_convert(name)
    except Exception:  # a zone pandas does not know
        raise InvalidValueError._for("zone", "a zone pandas knows", zone) from None
    hourly = pd.Series(values, index=index).sort_index().resample(pd.Timedelta(hours=1)).sum()
    means = hourly.groupby([hourly.index.day_of_week, hourly.index.hour]).mean()
    if len(means) < 168:
        raise InvalidValueError(
            f"'visits_per_hour' as visits over time must cover every weekday and hour (a week or more); "
            f"these cover {len(means)} of the 168 weekday-hours"
        )
    profile = [[0.0] * 24 for _ in range(7)]
    for (day, hour), mean in means.items():
        profile[int(day)][int(hour)] = _visits(float(mean))
    return profile


def _by_weekday_hour(visits: Any) -> List[List[float]]:
    """A Series indexed by (weekday, hour) pairs as 7 rows of 24."""
    index = visits.index
    if index.nlevels != 2 or len(visits) != 168:
        raise _refuse_profile(visits, "a (weekday, hour) index needs 168 pairs")
    days = _weekday_codes(list(index.get_level_values(0)))
    hours = _hour_codes(list(index.get_level_values(1)))
    if days is None or hours is None or len(set(zip(days, hours))) != 168:
        raise _refuse_profile(visits, "each weekday with each hour 0…23 once")
    profile = [[0.0] * 24 for _ in range(7)]
    for day, hour, value in zip(days, hours, visits.to_numpy(dtype=object)):
        profile[day][hour] = _visits(value)
    return profile
