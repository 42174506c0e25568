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

from .errors import InvalidValueError, PageAvailError
from .rules import CompiledPage, Status
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
    """``(starts, codes, end)``: segment starts (int64 ns), status codes (int8), period end (ns)."""
    np = _numpy()
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
    array = np.asarray(instants)
    if array.dtype.kind == "M":
        if unit is not None:
            raise InvalidValueError._for("unit", "None for datetime64 input (it carries its own unit)", unit)
        values = array.astype("datetime64[ns]")
        return values.view(np.int64), np.isnat(values)
    if array.dtype.kind in "iu":
        if unit not in _UNITS:
            raise InvalidValueError._for("unit", "'s', 'ms', 'us' or 'ns' for epoch integers", unit)
        return array.astype(np.int64) * _UNITS[unit], np.zeros(array.shape, dtype=bool)
    raise InvalidValueError(
        f"'instants' must be a numpy datetime64 array (UTC), a pandas datetime Series or Index, or epoch "
        f"integers with unit='s'|'ms'|'us'|'ns' (got an array of dtype {array.dtype})"
    )


def status_codes(timeline: Timeline, instants: Any, unit: Optional[str] = None) -> Any:
    """The status code of each instant: ``STATUSES[code]``, or :data:`OUTSIDE` (-1).

    Args:
        instants: numpy ``datetime64`` (read as UTC, numpy has no zones), a
            pandas datetime Series or Index (aware ones are converted), or epoch
            integers in *unit*.
        unit: ``"s"``, ``"ms"``, ``"us"`` or ``"ns"`` for epoch integers.

    Returns:
        An ``int8`` array of the instants' shape.
    """
    np = _numpy()
    values, missing = _instants_ns(instants, unit)
    starts, codes, end = timeline_arrays(timeline)
    if not len(starts):
        return np.full(values.shape, OUTSIDE, dtype=np.int8)
    index = np.searchsorted(starts, values, side="right") - 1
    result = codes[np.clip(index, 0, None)]
    outside = (index < 0) | (values >= end) | missing
    return np.where(outside, np.int8(OUTSIDE), result).astype(np.int8)


def segments_frame(timeline: Timeline) -> Any:
    """The segments as a DataFrame: status, reason, start, end (aware), hours."""
    pd = _pandas()
    return pd.DataFrame(
        {
            "status": [s.status.value for s in timeline.segments],
            "reason": [s.reason for s in timeline.segments],
            "start": pd.to_datetime([s.start.isoformat() for s in timeline.segments], utc=True),
            "end": pd.to_datetime([s.end.isoformat() for s in timeline.segments], utc=True),
            "hours": [s.duration / timedelta(hours=1) for s in timeline.segments],
        }
    ).assign(
        start=lambda f: f["start"].dt.tz_convert(str(timeline.start.tzinfo)),
        end=lambda f: f["end"].dt.tz_convert(str(timeline.start.tzinfo)),
    )


_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def matrix_frame(timeline: Timeline) -> Any:
    """The weekday-by-hour active share as a DataFrame: rows Mo…Su, columns 0…23."""
    pd = _pandas()
    return pd.DataFrame(list(timeline.weekday_hour_matrix()), index=list(_DAYS), columns=list(range(24)))


def plot_matrix(timeline: Timeline, ax: Any = None) -> Any:
    """A heatmap of the weekday-by-hour matrix (needs matplotlib); returns the Axes."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the installation
        raise PageAvailError("plots need matplotlib: pip install 'pageavail[plot]'") from None
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 3.2))
    image = ax.imshow(timeline.weekday_hour_matrix(), aspect="auto", cmap="Greens", vmin=0, vmax=1)
    ax.set_yticks(range(7), labels=list(_DAYS))
    ax.set_xticks(range(0, 24, 2), labels=[f"{h:02d}" for h in range(0, 24, 2)])
    ax.set_xlabel(f"local hour ({timeline.start.tzinfo})")
    ax.set_title(f"{timeline.page}: share of each hour active")
    ax.figure.colorbar(image, ax=ax, label="active share")
    return ax


def evaluate_visits(visits: Any, pages: Mapping[str, CompiledPage], start: Any, end: Any) -> Any:
    """Status and prompt for a table of page views, one Page's timeline at a time.

    Args:
        visits: a DataFrame with columns ``page_id``, ``visitor`` and ``at``
            (aware datetimes or UTC datetime64).
        pages: compiled Pages by id; rows of other Pages get status ``unknown``.
        start: the start of the period the timelines cover (an aware datetime).
        end: its end.

    Returns:
        The frame with columns ``status`` and ``shown`` added: whether the prompt
        shows (Page active, show-active on, in the rollout, visitor not on the
        team, not prompted within the cooldown, counting the prompts this very
        table shows). Works on any partition, so ``dask.dataframe`` can
        ``map_partitions`` it over many Pages.
    """
    pd = _pandas()
    np = _numpy()
    frame = visits.copy()
    missing = {"page_id", "visitor", "at"} - set(frame.columns)
    if missing:
        raise InvalidValueError(
            f"'visits' lacks the columns {sorted(missing)}; it needs page_id, visitor and at"
        )
    stamps, missing = _instants_ns(pd.to_datetime(frame["at"], utc=True), None)
    status = np.full(len(frame), "unknown", dtype=object)
    shown = np.zeros(len(frame), dtype=bool)
    page_ids = frame["page_id"].to_numpy()
    visitors = frame["visitor"].to_numpy()
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
        eligible &= ~np.isin(visitors[rows], list(page.team.members))
        shown[rows] = _apply_cooldown(visitors[rows], stamps[rows], eligible, page.policy.prompt_cooldown)
    frame["status"] = status
    frame["shown"] = shown
    return frame


def _apply_cooldown(visitors: Any, stamps: Any, eligible: Any, cooldown: timedelta) -> Any:
    """Keep a prompt only when the same visitor saw none within the cooldown before.

    *stamps* are int64 nanoseconds since the epoch.
    """
    np = _numpy()
    order = np.lexsort((stamps, visitors.astype(str)))
    result = np.zeros(len(visitors), dtype=bool)
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
