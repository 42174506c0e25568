"""Array queries and analysis for notebooks: numpy, pandas, matplotlib, Dask.

Needs the ``analysis`` extra (``pip install 'pageavail[analysis]'``: numpy and
pandas); the heatmap needs ``plot`` (matplotlib), the scale-out recipe ``dask``.

A timeline compiles into two arrays, the start of each segment in nanoseconds
since the epoch and its status code, so that the status of millions of instants
is one ``numpy.searchsorted``:

Examples:
    >>> from datetime import datetime, timedelta, timezone
    >>> import numpy as np
    >>> import pageavail as pa
    >>> page = pa.Page(id="acme", name="Acme", zone="UTC", grants=[pa.Grant("anna", "acme", role="editor")])
    >>> nine = datetime(2026, 11, 27, 9, tzinfo=timezone.utc)
    >>> live = page.compile([pa.Session("anna", "web", nine, nine + timedelta(hours=1))])
    >>> line = pa.Timeline.build(live, nine - timedelta(hours=1), nine + timedelta(hours=3))
    >>> views = np.array(["2026-11-27T09:30", "2026-11-27T11:00"], dtype="datetime64[ns]")
    >>> [STATUSES[code].value for code in line.status_codes(views)]
    ['active', 'offline']
"""

from __future__ import annotations

import numbers
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional, Tuple

from ._time import plain, utc_seconds
from ._timeline_forecast import _visits
from .errors import InvalidValueError, OutOfRangeError, PageAvailError
from .rules import CompiledPage, Page, Status
from .timeline import MAX_VISITS_PER_HOUR, Comparison, Timeline

__all__ = [
    # array queries
    "OUTSIDE",
    "STATUSES",
    "STATUS_CODES",
    "status_codes",
    "timeline_arrays",
    # frames
    "segments_frame",
    "matrix_frame",
    "comparison_frame",
    "difference_frame",
    "visit_profile",
    # pictures
    "HEATMAP_STATES",
    "HEATMAP_COLOURS",
    "state_matrix",
    "plot_matrix",
    "plot_difference",
    # scale-out
    "evaluate_visits",
]

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


# -- visits per hour from what people have ---------------------------------------

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


# -- pictures ------------------------------------------------------------------

#: The three states of the heatmap, in code order (:func:`state_matrix`): away
#: by hand and messaging switched off count as outside hours.
HEATMAP_STATES: Tuple[str, ...] = ("outside hours or away", "in hours, nobody online", "active")
#: Their colours: light grey, and orange and blue of the Okabe–Ito palette, which
#: stay apart for every common colour-vision deficiency and in lightness alone.
HEATMAP_COLOURS: Tuple[str, ...] = ("#D9D9D9", "#E69F00", "#0072B2")
_NOT_COVERED = ("not in the period", "#FFFFFF")


def _state(status: Status) -> int:
    if status is Status.ACTIVE:
        return 2
    if status is Status.OFFLINE:  # within hours, not away, nobody who can answer online
        return 1
    return 0  # away (outside hours or by hand) or messaging off


def state_matrix(timeline: Timeline) -> Any:
    """The state of each local weekday-hour: 7 rows (Mo…Su) of 24 codes.

    The codes index :data:`HEATMAP_STATES`: 0 outside hours (or away by hand,
    or messaging off), 1 within hours but nobody who can answer online, 2
    active; -1 marks weekday-hours the period does not cover. An hour that
    holds several states over the period gets the one that fills most of its
    time (ties go to the later state, so a half-active hour is active).

    Raises:
        InvalidValueError: the timeline covers more than ``MAX_HOURS`` hours.
    """
    np = _numpy()
    _timeline(timeline)
    seconds = np.zeros((7, 24, 3))
    for hour, spent, segment in timeline._pieces():
        seconds[hour.weekday(), hour.hour, _state(segment.status)] += spent
    codes = 2 - np.argmax(seconds[:, :, ::-1], axis=2)
    return np.where(seconds.sum(axis=2) > 0, codes, -1).astype(np.int8)


def _matplotlib(ax: Any) -> Any:
    """pyplot, after checking *ax* (None or an Axes)."""
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("plots need matplotlib: pip install 'pageavail[plot]'") from None
    if ax is not None and not isinstance(ax, Axes):
        raise InvalidValueError._for("ax", "None (a new figure) or a matplotlib Axes", ax)
    return plt


def _period(timeline: Timeline) -> str:
    """The period in a few words: whole local days as dates, else with times."""
    start, end = timeline.start, timeline.end
    midnight = all((m.hour, m.minute, m.second, m.microsecond) == (0, 0, 0, 0) for m in (start, end))
    if midnight and end > start:
        last = (end - timedelta(days=1)).date()
        if last == start.date():
            return f"{start:%a %d %b %Y}"
        return f"{start:%a %d %b %Y} to {last:%a %d %b %Y}"
    return f"{start:%a %d %b %Y %H:%M} to {end:%a %d %b %Y %H:%M}"


def _week_axes(ax: Any, zone: str) -> None:
    """Weekday and hour ticks, labels and white lines between the cells."""
    np = _numpy()
    ax.set_yticks(range(7))
    ax.set_yticklabels(list(_DAY_NAMES))
    ax.set_xticks(range(24))
    ax.set_xticklabels([f"{h:02d}" for h in range(24)], fontsize=8)
    ax.set_xticks(np.arange(-0.5, 24, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, 7, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(f"hour of the day ({zone})")
    ax.set_ylabel("weekday")


def plot_matrix(timeline: Timeline, ax: Any = None) -> Any:
    """A heatmap of the week: outside hours, in hours but nobody online, active.

    Each local weekday-hour is drawn in the colour of its state
    (:func:`state_matrix`, colours :data:`HEATMAP_COLOURS`, colour-blind
    safe), with a legend, weekday and hour labels in the Page's zone, and the
    Page's name and the period in the title. Needs matplotlib.

    Args:
        timeline: the timeline to draw.
        ax: the matplotlib Axes to draw on; None: a new figure.

    Returns:
        The matplotlib Axes, to adjust or save.

    Raises:
        InvalidValueError: *ax* is neither None nor a matplotlib Axes, or the
            timeline covers more than ``MAX_HOURS`` hours.
    """
    _timeline(timeline)
    plt = _matplotlib(ax)
    np = _numpy()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    codes = state_matrix(timeline)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.4), layout="constrained")
    colours = ListedColormap(list(HEATMAP_COLOURS)).with_extremes(bad=_NOT_COVERED[1])
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3)
    ax.imshow(np.ma.masked_less(codes, 0), aspect="auto", cmap=colours, norm=norm, interpolation="nearest")
    zone = str(getattr(timeline.start.tzinfo, "key", None) or timeline.start.tzinfo)
    _week_axes(ax, zone)
    ax.set_title(f"{timeline.name or timeline.page}, {_period(timeline)}")
    handles = [
        Patch(facecolor=colour, edgecolor="#808080", label=label)
        for label, colour in zip(HEATMAP_STATES, HEATMAP_COLOURS)
    ]
    if (codes < 0).any():
        handles.append(Patch(facecolor=_NOT_COVERED[1], edgecolor="#808080", label=_NOT_COVERED[0]))
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


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


def plot_difference(comparison: Comparison, ax: Any = None, value: str = "active_hours") -> Any:
    """A heatmap of the difference by weekday and hour (second minus first); returns the Axes.

    The diverging palette (ColorBrewer ``RdBu``, colour-blind safe) is centred
    on no difference: blue where the second side has more, red where less.

    Raises:
        InvalidValueError: *ax* is neither None nor a matplotlib Axes, or a bad
            *value* (see :func:`difference_frame`).
    """
    _comparison(comparison)
    plt = _matplotlib(ax)
    frame = difference_frame(comparison, value)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 3.4), layout="constrained")
    largest = float(abs(frame.to_numpy()).max()) or 1.0
    image = ax.imshow(
        frame.to_numpy(), aspect="auto", cmap="RdBu", vmin=-largest, vmax=largest, interpolation="nearest"
    )
    _week_axes(ax, "local")
    first, second = comparison.sides
    what = value.replace("_", " ")
    ax.set_title(f"{second} minus {first}: {what} by weekday and hour")
    ax.figure.colorbar(image, ax=ax, label=f"difference in {what}")
    return ax


def _pages(value: Any) -> Dict[str, CompiledPage]:
    """Compiled Pages by id; a Page is compiled with no sessions (the obvious intent)."""
    if not isinstance(value, Mapping):
        raise InvalidValueError._for("pages", "a mapping of Page ids to CompiledPage values", value)
    pages: Dict[str, CompiledPage] = {}
    for page_id, page in value.items():
        if isinstance(page, Page):
            page = page.compile()
        if not isinstance(page_id, str) or not isinstance(page, CompiledPage):
            raise InvalidValueError._for(
                "pages", "a mapping of Page ids to CompiledPage values", {page_id: page}
            )
        pages[page_id] = page
    return pages


def evaluate_visits(visits: Any, pages: Mapping[str, CompiledPage], start: Any, end: Any) -> Any:
    """Status and prompt for a table of page views, one Page's timeline at a time.

    Args:
        visits: a pandas DataFrame with columns ``page_id``, ``visitor`` and ``at``
            (aware datetimes, or datetime64 and naive datetimes read as UTC).
            ``visitor`` is a text, or missing (None, NaN) for a visitor who is not
            signed in: each anonymous view stands alone, no cooldown joins them.
        pages: compiled Pages by id (a Page is compiled with no sessions); rows
            of other Pages get status ``unknown``.
        start: the start of the period the timelines cover (an aware datetime).
        end: its end.

    Returns:
        The frame with columns ``status`` and ``shown`` added: whether the prompt
        shows (Page active, show-active on, in the rollout, visitor not on the
        team, not prompted within the cooldown, counting the prompts this very
        table shows). Works on any partition, so ``dask.dataframe`` can
        ``map_partitions`` it over many Pages.

    Raises:
        InvalidValueError: *visits* is not such a DataFrame, *pages* not such a
            mapping, or a timeline over the period would pass ``MAX_SEGMENTS``.
        OutOfRangeError: *start*, *end* or the views outside what
            ``datetime64[ns]`` holds (1677-09-21 to 2262-04-11).
    """
    pd = _pandas()
    np = _numpy()
    if not isinstance(visits, pd.DataFrame):
        raise InvalidValueError._for(
            "visits", "a pandas DataFrame with columns page_id, visitor and at", visits
        )
    pages = _pages(pages)
    for field, moment in (("start", start), ("end", end)):
        utc_seconds(moment, field)
        if not NS_MIN <= _ns(moment) <= NS_MAX:
            raise _ns_out_of_range(field, moment.isoformat())
    start, end = plain(start), plain(end)
    frame = visits.copy()
    missing = {"page_id", "visitor", "at"} - set(frame.columns)
    if missing:
        raise InvalidValueError(
            f"'visits' lacks the columns {sorted(missing)}; it needs page_id, visitor and at"
        )
    stamps, missing = _instants_ns(_at_column(pd, frame["at"]), None)
    visitors = frame["visitor"].to_numpy(dtype=object)
    anonymous = np.asarray(pd.isna(visitors), dtype=bool)
    named = np.fromiter((isinstance(v, str) for v in visitors), dtype=bool, count=len(visitors))
    if not (anonymous | named).all():
        odd = visitors[~(anonymous | named)][0]
        raise InvalidValueError._for("visits", "visitor ids as texts, or missing for anonymous views", odd)
    status = np.full(len(frame), "unknown", dtype=object)
    shown = np.zeros(len(frame), dtype=bool)
    page_ids = frame["page_id"].to_numpy(dtype=object)
    for page_id, compiled in pages.items():
        rows = np.flatnonzero(page_ids == page_id)
        if not len(rows):
            continue
        line = Timeline.build(compiled, start, end)
        codes = status_codes(line, stamps[rows], unit="ns")
        codes[missing[rows]] = OUTSIDE
        status[rows] = [STATUSES[c].value if c != OUTSIDE else "outside" for c in codes]
        page = compiled.page
        eligible = codes == STATUS_CODES[Status.ACTIVE]
        if not page.settings.show_active or not compiled.prompt_allowed_by_rollout:
            eligible[:] = False
        members = page.team.members
        eligible &= np.fromiter((v not in members for v in visitors[rows]), dtype=bool, count=len(rows))
        shown[rows] = _apply_cooldown(
            visitors[rows], anonymous[rows], stamps[rows], eligible, page.policy.prompt_cooldown
        )
    frame["status"] = status
    frame["shown"] = shown
    return frame


def _at_column(pd: Any, column: Any) -> Any:
    """The ``at`` column as UTC datetime64, or the library's error."""
    if column.dtype.kind in "biufc":  # pandas would read numbers as nanoseconds without a word
        raise InvalidValueError(
            f"'visits' column 'at' must hold aware datetimes or UTC datetime64 values, not numbers "
            f"(got dtype {column.dtype}); convert epoch numbers with "
            f"pandas.to_datetime(..., unit='s', utc=True)"
        )
    try:
        return pd.to_datetime(column, utc=True)
    except pd.errors.OutOfBoundsDatetime:
        raise _ns_out_of_range("visits", "an 'at' value outside it") from None
    except Exception as error:  # unparsable texts, numbers, mixed kinds
        raise InvalidValueError(
            f"'visits' column 'at' must hold aware datetimes or UTC datetime64 values ({error})"
        ) from None


def _apply_cooldown(visitors: Any, anonymous: Any, stamps: Any, eligible: Any, cooldown: timedelta) -> Any:
    """Keep a prompt only when the same visitor saw none within the cooldown before.

    Anonymous views (*anonymous* true) each stand alone: nothing says two are the
    same person, so each eligible one shows the prompt. *stamps* are int64
    nanoseconds since the epoch.
    """
    np = _numpy()
    result = np.asarray(eligible & anonymous, dtype=bool).copy()
    known = np.flatnonzero(~anonymous)
    order = known[np.lexsort((stamps[known], visitors[known].astype(str)))]
    last_shown: Dict[Any, int] = {}
    window = int(cooldown / timedelta(microseconds=1)) * 1_000
    for row in order:
        if not eligible[row]:
            continue
        who = visitors[row]
        previous = last_shown.get(who)
        if previous is None or stamps[row] - previous >= window:
            result[row] = True
            last_shown[who] = int(stamps[row])
    return result
