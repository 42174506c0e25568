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

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Mapping, Optional, Tuple

from ._time import plain, utc_seconds
from .errors import InvalidValueError, OutOfRangeError, PageAvailError
from .rules import CompiledPage, Page, Status
from .timeline import Timeline

__all__ = [
    "OUTSIDE",
    "STATUSES",
    "STATUS_CODES",
    "evaluate_visits",
    "matrix_frame",
    "plot_matrix",
    "segments_frame",
    "status_codes",
    "timeline_arrays",
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


def matrix_frame(timeline: Timeline) -> Any:
    """The weekday-by-hour active share as a DataFrame: rows Mo…Su, columns 0…23."""
    pd = _pandas()
    _timeline(timeline)
    return pd.DataFrame(list(timeline.weekday_hour_matrix()), index=list(_DAYS), columns=list(range(24)))


def plot_matrix(timeline: Timeline, ax: Any = None) -> Any:
    """A heatmap of the weekday-by-hour matrix (needs matplotlib); returns the Axes.

    Raises:
        InvalidValueError: *ax* is neither None nor a matplotlib Axes.
    """
    _timeline(timeline)
    try:
        import matplotlib.pyplot as plt
        from matplotlib.axes import Axes
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("plots need matplotlib: pip install 'pageavail[plot]'") from None
    if ax is not None and not isinstance(ax, Axes):
        raise InvalidValueError._for("ax", "None (a new figure) or a matplotlib Axes", ax)
    matrix = timeline.weekday_hour_matrix()
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.2))
    image = ax.imshow(matrix, aspect="auto", cmap="Greens", vmin=0, vmax=1)
    ax.set_yticks(range(7), labels=list(_DAYS))
    ax.set_xticks(range(0, 24, 2), labels=[f"{h:02d}" for h in range(0, 24, 2)])
    ax.set_xlabel(f"local hour ({timeline.start.tzinfo})")
    ax.set_title(f"{timeline.page}: share of each hour active")
    ax.figure.colorbar(image, ax=ax, label="active share")
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
